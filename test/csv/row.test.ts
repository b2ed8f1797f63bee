import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, type FieldDef } from '../../src/csv/fields.js';
import { detectMapping, loadPresets, type ColumnMapping } from '../../src/csv/presets.js';
import { RowReader } from '../../src/csv/row.js';
import { buildVocabularies } from '../../src/csv/vocab.js';
import { answersSchema } from '../../src/engine/answers.js';

const { values } = loadPresets();
const { grammar } = buildVocabularies(values);

function mappingOf(headers: readonly string[], fields: readonly FieldDef[]): ColumnMapping {
  return { preset: 'test', detected: false, columns: new Map(fields.map((f, i) => [f, i])), fallbacks: new Map(), units: new Map(), choices: [], unmapped: [], values: {} };
}

const CELLS: Record<string, readonly string[]> = {
  money: ['', '100000', '100,000', '¥100000', '100k', '10万', '10w', '1.5亿', '1.2m', 'USD 120,000.00', 'abc', '-5', '待定', '1e99', ' 12 ', '0'],
  date: ['', '2025-02-28', '2025/2/28', '2025年2月8日', '2025-02-30', 'soon', '2025.12.1', '２０２５／２／２８', '2025/2/30'],
  vocab: ['', '是', '否', 'yes', 'No', '想换', '想了解', '已有', '没有', '转介绍', 'Partner Referral', 'Cold Call', '竞品客户', '行业前20', 'Web', '总经理', '副总', 'VP Sales', 'CEO', 'Director, IT', '老板娘', '董事会', '现在', '融资', '认可', '部分认可', 'unknown', 'whatever', '?'],
};

const cellFor = (field: FieldDef): fc.Arbitrary<string> => {
  if (field.kind === 'money') return fc.oneof(fc.constantFrom(...CELLS.money!), fc.string({ maxLength: 6 }));
  if (field.kind === 'date') return fc.constantFrom(...CELLS.date!);
  if (field.kind === 'text' || field.kind === 'namePart') {
    return fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', '  padded  ', '王', 'Acme Inc.'), fc.constant('x'.repeat(10_001)));
  }
  if (field.kind === 'creditCode') return fc.constantFrom('', '91310000MA1FL8XQ3X', 'nonsense');
  return fc.oneof(fc.constantFrom(...CELLS.vocab!), fc.string({ maxLength: 5 }));
};

describe('RowReader', () => {
  it('accepts exactly what answersSchema accepts, with the same answers', () => {
    const mapped = fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: FIELDS.length });
    const row = mapped.chain((fields) => fc.tuple(fc.constant(fields), fc.tuple(...fields.map(cellFor))));
    fc.assert(
      fc.property(row, ([fields, cells]) => {
        const headers = fields.map((f) => f.name);
        const reader = new RowReader(headers, mappingOf(headers, fields), values);
        const read = reader.read(cells, false);
        const schema = answersSchema.safeParse(reader.inputOf(cells));
        if (read.ok) {
          expect(schema.success).toBe(true);
          expect(read.answers).toEqual(schema.data);
        } else if (read.reason.code === 'badValue') {
          expect(schema.success).toBe(false);
        } else {
          expect(read.reason.code).toBe('noCompany');
          // Empty, or a placeholder (待定, -, TBD): no company either way.
          expect(schema.success && schema.data.lead?.company === undefined ? '' : grammar.isPlaceholder(cells[fields.findIndex((f) => f.name === 'company')]!.trim()) ? '' : 'named').toBe('');
        }
      }),
      { numRuns: 1500 },
    );
  });

  const headers = ['客户名称', '职位', '线索来源', '需求', '决策人', '预算', '报价', '统一社会信用代码'];
  const reader = new RowReader(headers, detectMapping(headers), values);
  const read = (cells: string[]) => reader.read(cells, false);

  it('reads Chinese CRM values: sources, need, decider, titles → roles, money', () => {
    const r = read(['上海华信科技有限公司', '副总经理', '转介绍', '想换', '是', '12万', '10万', '']);
    expect(r).toEqual({
      ok: true,
      creditCode: undefined,
      leadText: {},
      answers: {
        lead: { company: '上海华信科技有限公司', title: '副总经理', source: 'referral' },
        need: { kind: 'switching' },
        kp: { signsFinal: 'yes', role: 'vp' },
        payment: { budget: 120000, price: 100000 },
      },
    });
  });

  it.each([
    ['董事长', 'chairman'],
    ['Chairman of the Board', 'chairman'],
    ['老板', 'owner'],
    ['Founder & CEO', 'owner'],
    ['总经理', 'gm'],
    ['CEO', 'gm'],
    ['Geschäftsführer', 'gm'],
    ['副总', 'vp'],
    ['VP Engineering', 'vp'],
    ['总监', 'director'],
    ['Director, IT', 'director'],
    ['Head of Procurement', 'director'],
    ['IT经理', 'manager'],
    ['Operations Manager', 'manager'],
    ['总经理助理', 'staff'],
    ['Product Owner', 'staff'],
    ['采购专员', 'staff'],
    ['Astronaut', 'other'],
  ])('title %s → role %s', (title, role) => {
    const r = read(['A', title, '', '', '', '', '', '']);
    expect(r.ok && r.answers.kp?.role).toBe(role);
  });

  it.each([
    ['竞品客户', 'competitor_customer'],
    ['转介绍', 'referral'],
    ['渠道', 'channel'],
    ['行业前20', 'top20'],
    ['陌拜', 'cold'],
    ['Partner Referral', 'channel'],
    ['Employee Referral', 'referral'],
    ['Cold Call', 'cold'],
    ['Web', 'inbound'],
    ['Billboard', 'other'],
  ])('source %s → %s', (cell, source) => {
    const r = read(['A', '', cell, '', '', '', '', '']);
    expect(r.ok && r.answers.lead?.source).toBe(source);
  });

  it('keeps free text in a need column as the need description, never guessing a kind', () => {
    const r = read(['A', '', '', '需要CRM系统，支持移动端', '', '', '', '']);
    expect(r.ok && r.answers.need).toEqual({ kind: undefined, pain: '需要CRM系统，支持移动端' });
  });

  it('rejects an amount that is not money, naming the column; empty amounts and placeholders are unknown', () => {
    expect(read(['A', '', '', '', '', '12,34', '', ''])).toEqual({
      ok: false,
      reason: { code: 'badValue', params: { column: '预算', problem: 'money.garbage', input: '12,34' } },
    });
    for (const nothing of ['', '待定', '-', 'TBD', '暂无', '无', 'N/A']) {
      const r = read(['A', '', '', '', '', nothing, nothing, '']);
      expect(r.ok && r.answers.payment, nothing).toEqual({});
    }
  });

  it('rejects rows without a company and rows with the wrong number of fields', () => {
    expect(read([' ', '', '', '', '', '', '', ''])).toMatchObject({ ok: false, reason: { code: 'noCompany', params: { column: '客户名称' } } });
    expect(read(['A', 'B'])).toMatchObject({ ok: false, reason: { code: 'fieldCount', params: { expected: 8, found: 2 } } });
    expect(read(['A', '', '', '', '', '', '', '', 'extra'])).toMatchObject({ ok: false, reason: { code: 'fieldCount' } });
    // Trailing empty fields (Excel's ",,,") are not a different row shape.
    expect(read(['A', '', '', '', '', '', '', '', '', '']).ok).toBe(true);
  });

  it('uses a valid credit code (normalised) and ignores one that fails its check character', () => {
    const good = read(['A', '', '', '', '', '', '', '９１３５０１００Ｍ０００１００Ｙ４３']);
    expect(good.ok && good.creditCode).toBe('91350100M000100Y43');
    const bad = read(['A', '', '', '', '', '', '', '91350100M000100Y44']);
    expect(bad.ok && bad.creditCode).toBeUndefined();
  });

  it('joins first and last names into the contact when there is no contact column', () => {
    const h = ['Company', 'First Name', 'Last Name'];
    const r = new RowReader(h, detectMapping(h), values).read(['Acme', 'Mary', 'Smith'], false);
    expect(r.ok && r.answers.lead?.contact).toBe('Mary Smith');
  });
});

describe('RowReader: cells read as the analyst meant them (issue 11)', () => {
  const readerOf = (headers: string[]) => new RowReader(headers, detectMapping(headers), values);

  it('scales a plain amount by the unit its header names; a cell with its own unit keeps it', () => {
    const reader = readerOf(['客户名称', '预算(万元)', '报价（元）']);
    expect(reader.read(['A', '15', '120000'], false)).toMatchObject({ ok: true, answers: { payment: { budget: 150_000, price: 120_000 } } });
    expect(reader.read(['A', '15万', '约12万'], false)).toMatchObject({ ok: true, answers: { payment: { budget: 150_000, price: 120_000 } } });
    expect(reader.read(['A', '待定', '-'], false)).toMatchObject({ ok: true, answers: { payment: {} } });
  });

  it('a decider column that names someone else: another decider, the contact does not sign', () => {
    const reader = readerOf(['客户名称', '联系人', '职位', '决策人']);
    expect(reader.read(['A', '王建国', '总经理', '老板娘'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'no', otherDecider: 'spouse', role: 'gm' } } });
    expect(reader.read(['A', '王建国', '总经理', '老板的太太'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'no', otherDecider: 'spouse' } } });
    expect(reader.read(['A', '王建国', '副总', '董事会'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'no', otherDecider: 'board' } } });
    // A person's name is the KP; when it is the contact, the contact signs.
    expect(reader.read(['A', '王建国', '副总', '李总'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'no', name: '李总' } } });
    expect(reader.read(['A', '王建国', '总经理', '王建国'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'yes', name: '王建国' } } });
    // A confirmation said beside the answer sets kp.confirmed.
    expect(reader.read(['A', '王建国', '副总', '是，已书面确认'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'yes', confirmed: true, role: 'vp' } } });
    expect(reader.read(['A', '王建国', '副总', '是'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'yes' } } });
    expect((reader.read(['A', '王建国', '副总', '是'], false) as { answers: { kp: object } }).answers.kp).not.toHaveProperty('confirmed');
    // A bare yes/no in the decider column answers "does the contact sign?": it confirms nothing (a VP flagged
    // "Decision Maker: Yes" is not a confirmed signer), in any case or language.
    for (const flag of ['Yes', 'yes', 'YES', 'No', 'no', 'Y', 'true', '是', '否']) {
      expect((reader.read(['A', '王建国', '副总', flag], false) as { answers: { kp: object } }).answers.kp, flag).not.toHaveProperty('confirmed');
    }
    // Who else decides, said beside the answer.
    expect(reader.read(['A', '王建国', '副总', '否，需要老板同意'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'no', otherDecider: 'other' } } });
    expect(reader.read(['A', '王建国', '总经理', '是，老板娘也要点头'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'yes', otherDecider: 'spouse' } } });
    // "Has the final say" said of someone else: that person decides, the contact does not sign — even when the row's
    // own other-decider cell says 无 — unless the contact is that person (an owner's 老板说了算).
    for (const [title, cell, other, signs] of [
      ['副总', '老板说了算', '无', 'no'],
      ['经理', '需要老板拍板', '无', 'no'],
      ['经理', '老板说了算', '', 'no'],
      ['副总', '董事会拍板', '', 'no'],
      ['老板', '老板说了算', '无', 'yes'],
      ['总经理', '他说了算', '无', 'yes'],
      ['总经理', '是，老板说了算', '', 'yes'],
    ] as const) {
      const r = readerOf(['客户名称', '联系人', '职位', '决策人', '其他决策人']).read(['A', '王建国', title, cell, other], false);
      expect(r.ok && r.answers.kp?.signsFinal, `${title} ${cell} ${other}`).toBe(signs);
    }
    const en = readerOf(['Company', 'Contact', 'Title', 'Decision Maker']);
    expect(en.read(['A', 'Mary Smith', 'VP Sales', 'No, the CFO signs'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'no', otherDecider: 'other' } } });
    expect(en.read(['A', 'Mary Smith', 'VP Sales', 'CFO signs'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'no', otherDecider: 'other' } } });
    expect(en.read(['A', 'Mary Smith', 'VP Sales', 'Mary Smith'], false)).toMatchObject({ ok: true, answers: { kp: { signsFinal: 'yes' } } });
  });

  it('a title sets the role, never who signs', () => {
    const reader = readerOf(['Company', 'Title']);
    for (const title of ['CEO', 'Owner', 'Founder', '总经理', '董事长', '老板']) {
      const r = reader.read(['A', title], false);
      expect(r.ok && r.answers.kp).toEqual({ role: expect.stringMatching(/^(owner|chairman|gm)$/) });
    }
  });

  it('counts the cells it does not understand, per field, and what they said', () => {
    const reader = readerOf(['客户名称', '需求', '职位', '资金情况', '预算']);
    reader.read(['A', '看情况', 'Astronaut', '问了再说', 'call back'], false);
    reader.read(['B', '想换', 'Astronaut', '待定', '10万'], false);
    reader.read(['C', '不想换', '宇航员', '问了再说', 'TBD'], false);
    const counts = reader.takeUnknown();
    expect(Object.fromEntries([...counts].map(([f, v]) => [f, Object.fromEntries(v)]))).toEqual({
      role: { Astronaut: 2, 宇航员: 1 },
      funds: { 问了再说: 2 },
      budget: { 'call back': 1 },
    });
    expect(reader.takeUnknown().size).toBe(0);
  });

  it('a need cell it does not understand is the need description, and its kind is counted as not understood', () => {
    const reader = readerOf(['客户名称', '需求']);
    expect(reader.read(['A', '需要CRM系统，支持移动端'], false)).toMatchObject({ ok: true, answers: { need: { pain: '需要CRM系统，支持移动端' } } });
    expect([...reader.takeUnknown().keys()]).toEqual(['need']);
  });
});
