// The shipped Chinese Excel report (data/samples/excel-report-gbk.csv) read cell by cell: each row's answers are what
// the sales-ops analyst who wrote it meant. Title rows, a unit in the header, negations, placeholders, a decider
// column naming someone, and a footer — each one a way the old reader misread a real export.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectMapping, fullnessOf, loadPresets } from '../../src/csv/presets.js';
import { readCsv } from '../../src/csv/read.js';
import { RowReader } from '../../src/csv/row.js';
import { ROOT } from '../helpers/files.js';

const SAMPLE = join(ROOT, 'data/samples/excel-report-gbk.csv');

describe('the Chinese Excel report sample', () => {
  it('reads as the analyst meant it', async () => {
    const { head, records } = await readCsv(SAMPLE, process.stdin, { isHeader: (f) => detectMapping(f).columns.size > 3, sampleRows: 100 });
    expect(head).toMatchObject({ encoding: 'gb18030', headerLine: 3, skippedCount: 2 });
    const reader = new RowReader(head.headers, detectMapping(head.headers, fullnessOf(head.sample, () => false)), loadPresets().values);
    const byCompany = new Map<string, unknown>();
    for await (const r of records) {
      // Lines 22–24 are the report's footer: the scorer holds them back (test/e2e/score.test.ts), the row reader does not.
      if (r.line > 21) continue;
      const read = reader.read(r.fields, r.malformed);
      if (read.ok) byCompany.set(read.answers.lead!.company!, { need: read.answers.need, kp: read.answers.kp, payment: read.answers.payment });
    }
    expect(byCompany.get('上海华信科技有限公司')).toEqual({
      need: { kind: 'switching' },
      kp: { role: 'gm', signsFinal: 'yes', confirmed: true, otherDecider: 'none' },
      payment: { price: 100_000, budget: 120_000, funds: 'now', recognizesValue: 'yes' },
    });
    // 不想换 is no need; 预算 待定 is unknown, not a reject.
    expect(byCompany.get('深圳中科制造有限公司')).toMatchObject({ need: { kind: 'none' }, kp: { signsFinal: 'no', role: 'vp' }, payment: { price: 200_000 } });
    expect(byCompany.get('深圳中科制造有限公司')).not.toHaveProperty('payment.budget');
    // 决策人 老板娘: another decider, the contact does not sign; 约10 (万元) is 100,000; 暂时没钱, 不太认可.
    expect(byCompany.get('杭州鼎盛网络科技有限公司')).toMatchObject({
      kp: { signsFinal: 'no', otherDecider: 'spouse', role: 'director' },
      payment: { budget: 100_000, price: 150_000, funds: 'not_now', recognizesValue: 'partly' },
    });
    expect(byCompany.get('广州星河信息技术股份有限公司')).toMatchObject({ need: { kind: 'exploring' }, kp: { otherDecider: 'spouse', role: 'owner' } });
    // Placeholders everywhere: 暂无, 待定, -.
    expect(byCompany.get('成都远航物流有限公司')).toEqual({ need: {}, kp: { role: 'manager', signsFinal: 'unknown' }, payment: {} });
    expect(byCompany.get('苏州明德教育科技有限公司')).toMatchObject({ kp: { role: 'gm' }, payment: { funds: 'not_now', recognizesValue: 'no', price: 60_000 } });
    expect(byCompany.get('西安博远能源有限公司')).toMatchObject({ payment: { funds: 'no', recognizesValue: 'no', budget: 60_000 } });
    expect(byCompany.get('上海远航国际货运代理有限公司')).toMatchObject({ need: { kind: 'none' } });
    // 20-25 (万元): the lower bound, 200,000; 非常认可 is yes.
    expect(byCompany.get('深圳天成电子有限公司')).toMatchObject({ need: { kind: 'initiative' }, payment: { budget: 200_000, funds: 'now', recognizesValue: 'yes' } });
    expect(byCompany.get('广州博远建材有限公司')).toMatchObject({ kp: { signsFinal: 'no', role: 'vp' }, payment: { funds: 'needs_financing', recognizesValue: 'partly' } });
    expect(byCompany.get('武汉星河传媒有限公司')).toMatchObject({ kp: { signsFinal: 'no', name: '王总', role: 'director' } });
    expect(byCompany.get('西安鼎盛房地产开发有限公司')).toMatchObject({ kp: { signsFinal: 'yes', confirmed: true, role: 'chairman' } });
    expect(byCompany.get('杭州瑞丰服饰有限公司')).toMatchObject({ need: { kind: 'unknown' }, kp: { signsFinal: 'no' } });
    expect(byCompany.size).toBe(18);
  });

  it('parses to 18 data rows after a title of two lines, then a footer', async () => {
    const { records } = await readCsv(SAMPLE, process.stdin, { isHeader: (f) => f.includes('客户名称') });
    const lines: number[] = [];
    for await (const r of records) if (r.fields.some((f) => f !== '')) lines.push(r.line);
    expect(lines).toEqual([...Array.from({ length: 18 }, (_, i) => i + 4), 22, 24]);
  });
});
