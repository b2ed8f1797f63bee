import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describeStores('leadq qualify --answers', (store) => {
  const db = () => store.db;

  // The method's worked example 1 (docs/method.md).
  const precise = {
    lead: { company: 'Hook Check Co', source: 'competitor_customer' },
    need: { kind: 'switching' },
    kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' },
    payment: { price: '10万', budget: '12万', funds: 'now', recognizesValue: 'yes' },
  };

  interface ResultJson {
    lead: { id: number | null; company: string };
    verdict: string;
    score: number;
    gates: Record<string, { status: string; reasons: string[]; ability?: string; willingness?: string }>;
    breakdown: { factor: string; points: number }[];
    nextActions: { code: string; message: string }[];
    saved: boolean;
  }

  async function qualifyJson(answers: unknown, extra: string[] = [], env: Record<string, string> = {}): Promise<ResultJson> {
    const r = await leadq(['--db', db(), 'qualify', '--answers', '-', '--json', '--dry-run', ...extra], { input: JSON.stringify(answers), env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as ResultJson;
  }

  describe('leadq qualify --answers', () => {
    it('scores worked example 1 as precise, with the SPEC JSON shape, and a dry run writes nothing', async () => {
      const out = await qualifyJson(precise);
      expect(out.verdict).toBe('precise');
      expect(out.score).toBeGreaterThanOrEqual(70);
      expect(out.score).toBeLessThanOrEqual(100);
      expect(out.lead).toEqual({ id: null, company: 'Hook Check Co' });
      expect(out.saved).toBe(false);
      expect(Object.keys(out.gates)).toEqual(['need', 'kp', 'payment']);
      expect(out.gates.payment).toMatchObject({ status: 'pass', ability: 'yes', willingness: 'yes' });
      expect(out.breakdown.reduce((s, f) => s + f.points, 0)).toBe(out.score);
      for (const a of out.nextActions) expect(a.message).not.toBe('');
      expect(await store.exists()).toBe(false);
    });

    it('reads the answers from a file and prints the human view in Chinese', async () => {
      const file = join(tmp.dir, 'a.json');
      writeFileSync(file, JSON.stringify(precise));
      const r = await leadq(['--db', db(), '--lang', 'zh', 'qualify', '--answers', file, '--dry-run']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('精准客户');
      expect(r.stdout).toContain('需求');
      expect(r.stdout).not.toContain("\u001b[");
    });

    it('disqualifies worked example 2 (already has one, equal value, others asked): why first, then no visit', async () => {
      const out = await qualifyJson({ lead: { company: 'X' }, need: { kind: 'already_has', annualValue: 0, askedOthers: true }, payment: { price: 500000 } });
      expect(out.verdict).toBe('disqualified');
      expect(out.gates.need?.status).toBe('fail');
      expect(out.score).toBeLessThanOrEqual(20);
      expect(out.nextActions.map((a) => a.code)).toEqual(['let_go_because', 'dont_visit', 'ask_referrals_next_time']);
    });

    it('ranks a competitor customer above the same answers from a cold list', async () => {
      const answers = { lead: { company: 'Y', source: 'cold' }, need: { kind: 'exploring' }, kp: { role: 'vp', signsFinal: 'unknown' } };
      const cold = await qualifyJson(answers);
      const competitor = await qualifyJson({ ...answers, lead: { company: 'Y', source: 'competitor_customer' } });
      expect(cold.verdict).toBe('qualifying');
      expect(competitor.score).toBeGreaterThan(cold.score);
    });

    it.each([
      [{ need: { kind: 'maybe' }, lead: { company: 'X' } }, /answers: need\.kind: "maybe" is not one of/],
      [{ payment: { price: 'abc' }, lead: { company: 'X' } }, /answers: payment\.price: "abc" is not an amount of money/],
      [{ payment: { price: '-5' }, lead: { company: 'X' } }, /answers: payment\.price: .*negative/],
      [{ lead: { company: 'X', colour: 'red' } }, /answers: lead\.colour: unknown key "colour"/],
      [{ lead: { company: 'X' }, extra: 1 }, /answers: extra: unknown key "extra"/],
      [{ lead: { company: 'X' }, need: { askedOthers: 'yes' } }, /answers: need\.askedOthers: expected boolean, got string/],
      [{ lead: { company: 'X' }, payment: { fundsDate: '2026-02-30' } }, /answers: payment\.fundsDate: "2026-02-30" is not a date/],
      [{ need: { kind: 'switching' } }, /answers: lead\.company: required/],
    ])('refuses invalid answers %j with exit 65 and one line naming the field', async (answers, message) => {
      const r = await leadq(['--db', db(), 'qualify', '--answers', '-', '--dry-run'], { input: JSON.stringify(answers) });
      expect(r.code).toBe(65);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });

    it('names the line and column of malformed JSON (exit 65)', async () => {
      const r = await leadq(['--db', db(), 'qualify', '--answers', '-', '--dry-run'], { input: '{\n  "lead": {"company": "X",}\n}' });
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/not valid JSON.*line 2/);
    });

    it.each([
      ['{bad', 'a property name in double quotes was expected (line 1, column 2)', '此处应为用双引号括起的属性名（第 1 行，第 2 列）'],
      ['{"lead":', 'it ends too early', '内容提前结束'],
      ['{"lead" 1}', 'a colon was expected after the property name', '属性名后面应为冒号'],
      ['[1 2]', 'a comma or a closing bracket was expected', '此处应为逗号或右括号'],
      ['{"lead": "x', 'a string is never closed', '字符串没有结束的引号'],
      ['{"a": "\u0001"}', 'a control character inside a string', '字符串中有控制字符'],
      ['{"a": "\\q"}', 'a backslash escape JSON does not have', '有 JSON 不支持的反斜杠转义'],
      ['{} x', 'more text after the JSON value', 'JSON 值后面还有多余的内容'],
      ['{"a": -}', 'a number is cut off', '数字不完整'],
      ['{"a": tru}', 'an unexpected character', '出现了意外的字符'],
    ])('malformed JSON %j: the reason in the reader’s language, never V8’s English or the input', async (input, en, zh) => {
      const r = await leadq(['--db', db(), 'qualify', '--answers', '-', '--dry-run'], { input });
      expect(r.code).toBe(65);
      expect(r.stderr.split('\n')[0]).toContain(`answers: stdin is not valid JSON: ${en}`);
      const z = await leadq(['--lang', 'zh', '--db', db(), 'qualify', '--answers', '-', '--dry-run'], { input });
      const line = z.stderr.split('\n')[0]!;
      expect(line).toContain(zh);
      expect(line.replace(/JSON|stdin|leadq/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    });

    it('exits 66 for a missing answers file and 65 for an empty one', async () => {
      const missing = await leadq(['--db', db(), 'qualify', '--answers', join(tmp.dir, 'nope.json')]);
      expect(missing.code).toBe(66);
      expect(missing.stderr).toContain('no such file');
      const empty = await leadq(['--db', db(), 'qualify', '--answers', '-'], { input: '' });
      expect(empty.code).toBe(65);
    });

    it('gives the result messages in Chinese with --lang zh while keys stay English', async () => {
      const out = await qualifyJson(precise, [], { LEADQ_LANG: 'zh' });
      expect(out.verdict).toBe('precise');
      expect(out.nextActions.some((a) => /[\u4e00-\u9fff]/.test(a.message))).toBe(true);
    });

    it('saves: creates the lead, keeps every run as history (newest first, in the qualify --json shape), scores with the stored source', async () => {
      const saveDb = db();
      const add = await leadq(['--db', saveDb, 'lead', 'add', '--company', 'Acme Inc.', '--source', 'competitor_customer']);
      expect(add.code).toBe(0);
      const answers = { need: { kind: 'switching' } };
      const first = await leadq(['--db', saveDb, 'qualify', 'acme', '--answers', '-', '--json'], { input: JSON.stringify(answers) });
      expect(first.code).toBe(0);
      const firstJson = JSON.parse(first.stdout) as ResultJson;
      expect(firstJson.saved).toBe(true);
      expect(firstJson.lead).toEqual({ id: 1, company: 'Acme Inc.' });
      // The stored source counts although the answers do not repeat it.
      expect(firstJson.breakdown.map((f) => f.factor)).toContain('source.competitor_customer');
      const second = await leadq(['--db', saveDb, 'qualify', '--answers', '-', '--json'], {
        input: JSON.stringify({ lead: { company: 'ACME' }, need: { kind: 'switching' }, kp: { signsFinal: 'yes', otherDecider: 'none' } }),
      });
      expect(second.code).toBe(0);
      const show = await leadq(['--db', saveDb, 'lead', 'show', '1', '--json']);
      const lead = JSON.parse(show.stdout) as { qualifications: { answers: unknown; result: ResultJson }[] };
      expect(lead.qualifications).toHaveLength(2);
      const [newest, oldest] = lead.qualifications;
      expect(newest?.result.score).toBe((JSON.parse(second.stdout) as ResultJson).score);
      expect(oldest?.result.score).toBe(firstJson.score);
      expect(newest?.result.gates.kp?.status).toBe('pass');
      expect(typeof newest?.result.gates.need?.reasons[0]).toBe('string');
      expect(newest?.result.nextActions.every((a) => a.code !== '' && a.message !== '')).toBe(true);
    });

    it('stores a lead whose answers give no source as a cold-list lead, scored as one', async () => {
      const saveDb = db();
      const r = await leadq(['--db', saveDb, 'qualify', '--answers', '-', '--json'], { input: JSON.stringify({ lead: { company: 'Zeta' } }) });
      expect(r.code).toBe(0);
      const list = await leadq(['--db', saveDb, 'lead', 'list', '--format', 'json']);
      expect((JSON.parse(list.stdout) as { source: string }[])[0]?.source).toBe('cold');
      const cold = await qualifyJson({ lead: { company: 'Zeta', source: 'cold' } });
      expect((JSON.parse(r.stdout) as ResultJson).score).toBe(cold.score);
    });
  });
});
