import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { BIN, ROOT, tempDir } from './helpers.js';

// The interview in a real terminal: tmux runs the built bin in a pseudo-terminal, the test types like a rep
// (answers, arrow keys, Enter, Ctrl-C) and reads the screen. Skipped only when tmux is missing (.ci/run installs it).

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('interview e2e skipped: tmux is not installed (apt-get install tmux)');

const tmp = tempDir('leadq-interview-');
afterAll(() => tmp.cleanup());
// A private tmux server (its own socket, no user config), so the test neither sees nor disturbs anyone else's
// sessions. A keeper session holds the server up for the whole file: a server whose last session closed exits, and a
// session started in that instant would meet it going away.
const SOCKET = `leadq-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
beforeAll(() => {
  if (!hasTmux) return;
  const keeper = tmux('new-session', '-d', '-s', 'keeper', 'sleep 100000');
  if (keeper.status !== 0) throw new Error(`tmux: ${keeper.stderr}`);
});
afterAll(() => tmux('kill-server'));

let sessions = 0;

/** One `leadq qualify` in a 120×40 terminal; its exit code lands in a file when it ends. */
function terminal(args: readonly string[], env: Record<string, string>) {
  const name = `iv${++sessions}`;
  const codeFile = join(tmp.dir, `${name}.code`);
  const vars = Object.entries({ NO_COLOR: '1', LEADQ_LANG: 'en', ...env }).map(([k, v]) => `${k}=${quote(v)}`);
  const command = `env ${vars.join(' ')} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; echo $? > ${quote(codeFile)}; sleep 60`;
  const started = tmux('new-session', '-d', '-x', '120', '-y', '40', '-c', ROOT, '-s', name, command);
  if (started.status !== 0) throw new Error(`tmux: ${started.stderr}`);
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', name).stdout;
  return {
    screen,
    /** Types text literally (Chinese included). */
    type: (text: string) => void tmux('send-keys', '-t', name, '-l', text),
    /** Presses keys: Enter, Up, Down, C-c … */
    press: (...keys: string[]) => void tmux('send-keys', '-t', name, ...keys),
    /** Waits until the screen shows the text (the prompt is there before we answer it, as a rep would). */
    async waitFor(text: string, timeoutMs = 10_000): Promise<string> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const s = screen();
        if (s.includes(text)) return s;
        if (Date.now() > end) throw new Error(`"${text}" did not appear; the screen:\n${s}`);
        await sleep(40);
      }
    },
    async exitCode(timeoutMs = 10_000): Promise<number> {
      const end = Date.now() + timeoutMs;
      while (!existsSync(codeFile) || readFileSync(codeFile, 'utf8').trim() === '') {
        if (Date.now() > end) throw new Error(`leadq did not end; the screen:\n${screen()}`);
        await sleep(40);
      }
      return Number(readFileSync(codeFile, 'utf8').trim());
    },
    close: () => void tmux('kill-session', '-t', name),
  };
}

type Terminal = ReturnType<typeof terminal>;
const open: Terminal[] = [];
afterEach(() => open.splice(0).forEach((term) => term.close()));

function start(args: readonly string[], env: Record<string, string> = {}): Terminal {
  const term = terminal(args, env);
  open.push(term);
  return term;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Answers a prompt once it is on the screen: keys (arrows), then Enter. */
async function answer(term: Terminal, question: string, ...keys: string[]): Promise<void> {
  await term.waitFor(question);
  if (keys.length > 0) term.press(...keys);
  term.press('Enter');
}

/** Types an answer once the prompt is on the screen, then Enter. */
async function typeAnswer(term: Terminal, question: string, text: string): Promise<void> {
  await term.waitFor(question);
  term.type(text);
  term.press('Enter');
}

interface ShownLead {
  id: number;
  company: string;
  source: string;
  status: string;
  qualifications: { answers: Record<string, Record<string, unknown>>; result: { verdict: string; score: number } }[];
  referrals?: unknown;
}

async function showLead(db: string, ref: string): Promise<ShownLead> {
  const r = await leadq(['--db', db, 'lead', 'show', ref, '--json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ShownLead;
}

// A whole interview is some thirty screens: give a busy CI machine room.
const INTERVIEW_MS = 90_000;

describe.skipIf(!hasTmux)('leadq qualify in a real terminal', () => {
  it('zh: a precise customer, answered with arrows, Enter and 10万; saved once', async () => {
    const db = join(tmp.dir, 'zh.db');
    const term = start(['--db', db, 'qualify'], { LEADQ_LANG: 'zh' });
    await typeAnswer(term, '要拜访哪家公司？', '华信科技');
    await answer(term, '你在那边的联系人是谁（姓名）？');
    await answer(term, '联系人电话？');
    await answer(term, '这个线索从哪里来？', 'Up', 'Up', 'Up', 'Up'); // from 陌拜 (the default) up to 竞品客户
    await typeAnswer(term, '他是哪家竞对的客户？', '销售易');
    const needScreen = await term.waitFor('客户有什么需求？');
    expect(needScreen).toContain('需求的定义是他想换、他想了解、他想要做这件事');
    term.press('Down', 'Down', 'Enter'); // from 还不知道 down past ↩ 返回 (wrapping) to 想换
    await answer(term, '他为什么有需求？');
    await answer(term, '对方是什么职位？', 'Down', 'Down', 'Down', 'Down'); // 还不知道 → ↩ 返回 → 老板 → 董事长 → 总经理
    const signs = await term.waitFor('他是最终签单的人吗？');
    expect(signs).toContain('以为副总经理就是 KP');
    expect(signs).toContain('↩ 返回上一个问题');
    term.press('Down', 'Down', 'Enter');
    await answer(term, '还有别人必须同意吗', 'Down', 'Down');
    const kpName = await term.waitFor('谁是 KP，也就是最终签单的人？');
    expect(kpName).toContain('可能是他老婆做主');
    term.type('王总');
    term.press('Enter');
    await typeAnswer(term, '这一单你的报价是多少？', '10万');
    // Amounts in a Chinese view as a rep says them: 10万 is echoed as typed, not as 100,000.
    const echoed = await term.waitFor('KP 的预算是多少？');
    expect(echoed).toContain('这一单你的报价是多少？ 10万\n');
    expect(echoed).not.toContain('100,000');
    term.type('12万');
    term.press('Enter');
    await answer(term, '他认可你产品的价值吗？', 'Down', 'Down');
    const funds = await term.waitFor('他什么时候能付款？');
    expect(funds).toContain('“现在没钱”不等于“真没钱、完全没有预算”');
    term.press('Down', 'Down', 'Enter');
    await answer(term, '他更倾向便宜的竞对吗', 'Up');
    const end = await term.waitFor('已保存：');
    expect(await term.exitCode()).toBe(0);
    expect(end).toContain('华信科技 — 精准客户');
    expect(end).toContain('去拜访 KP（王总）');
    expect(end).not.toContain('离开前请他转介绍吗？');

    const lead = await showLead(db, '华信科技');
    expect(lead).toMatchObject({ company: '华信科技', source: 'competitor_customer', status: 'precise' });
    expect(lead.qualifications).toHaveLength(1);
    expect(lead.qualifications[0]?.answers).toEqual({
      lead: { company: '华信科技', source: 'competitor_customer', competitor: '销售易' },
      need: { kind: 'switching' },
      kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none', name: '王总' },
      payment: { price: 100_000, budget: 120_000, recognizesValue: 'yes', funds: 'now', prefersCheaperCompetitor: false },
    });
    expect(lead.qualifications[0]?.result.verdict).toBe('precise');
  }, INTERVIEW_MS);

  it('en: Enter everywhere with amounts, a referral request of 3; re-qualifying keeps the previous answers', async () => {
    const db = join(tmp.dir, 'en.db');
    const term = start(['--db', db, 'qualify']);
    await typeAnswer(term, 'Which company are you visiting?', 'Acme Ltd');
    await answer(term, 'Who is your contact there (name)?');
    await answer(term, 'Their phone?');
    await answer(term, 'Where does this lead come from?');
    await answer(term, 'What is their need?');
    await answer(term, "What is the contact's role?");
    await answer(term, 'Does this person sign in the end?');
    await answer(term, 'Who else decides?');
    await answer(term, 'Who is the KP, the one who signs in the end?');
    await typeAnswer(term, 'Your price for this deal?', '100k');
    await typeAnswer(term, "The KP's budget?", '5w');
    await answer(term, 'Your price is 50,000 over their budget: can they accept that?');
    await answer(term, 'Do they see the value of your product?');
    await answer(term, 'When can they pay?');
    await answer(term, 'Do they prefer a cheaper competitor');
    // No visit logged: the offer does not say "before you leave", and Enter would record nothing.
    const result = await term.waitFor('Record a referral request you already made?');
    expect(result).toMatch(/Acme Ltd — (qualifying|disqualified)/);
    expect(result).toContain('Next actions:');
    // Saved before the offer: nothing the rep answered hangs on it.
    expect(result).toContain('Saved: Acme Ltd');
    term.press('Up', 'Enter'); // yes
    await answer(term, 'How many referrals will you ask for?');
    await answer(term, 'Note: who might they introduce?');
    await term.waitFor('Referral request recorded: 3.');
    expect(await term.exitCode()).toBe(0);

    const first = await showLead(db, 'Acme Ltd');
    expect(first.qualifications).toHaveLength(1);
    expect(first.qualifications[0]?.answers.payment).toMatchObject({ price: 100_000, budget: 50_000 });

    // Again, for the same company typed another way: the stored lead, the previous answers as defaults.
    const again = start(['--db', db, 'qualify']);
    await typeAnswer(again, 'Which company are you visiting?', 'ACME');
    await again.waitFor('Re-qualifying Acme Ltd (#');
    await answer(again, 'What is their need?');
    await answer(again, "What is the contact's role?");
    await answer(again, 'Does this person sign in the end?');
    await answer(again, 'Who else decides?');
    await answer(again, 'Who is the KP, the one who signs in the end?');
    await answer(again, 'Your price for this deal? (100,000)');
    await answer(again, "The KP's budget? (50,000)");
    await answer(again, 'Your price is 50,000 over their budget');
    await answer(again, 'Do they see the value of your product?');
    await answer(again, 'When can they pay?');
    await answer(again, 'Do they prefer a cheaper competitor');
    await answer(again, 'Record a referral request you already made?'); // Enter: no
    await again.waitFor('Saved: Acme Ltd');
    expect(await again.exitCode()).toBe(0);

    const second = await showLead(db, 'Acme Ltd');
    expect(second.qualifications).toHaveLength(2);
    expect(second.qualifications[0]?.answers).toEqual(first.qualifications[0]?.answers);
  }, INTERVIEW_MS);

  it('en, method 2: "we already have one" asks around; a VP who signs is asked for a confirmation by name; no money right now stays open', async () => {
    const db = join(tmp.dir, 'v2.db');
    const term = start(['--db', db, 'qualify']);
    await typeAnswer(term, 'Which company are you visiting?', 'Beta Ltd');
    await answer(term, 'Who is your contact there (name)?');
    await answer(term, 'Their phone?');
    await answer(term, 'Where does this lead come from?');
    await answer(term, 'What is their need?', 'Up', 'Up'); // from "not known yet" up past "no need" to "already has one"
    await answer(term, 'Extra value or saving per year over what they use now?');
    const asked = await term.waitFor('Did you ask the users around the contact what they dislike about what they have?');
    expect(asked).toContain('what they dislike is your chance');
    term.press('Enter'); // no, not yet
    await answer(term, "What is the contact's role?", 'Down', 'Down', 'Down', 'Down', 'Down'); // don't know → ↩ back → owner → chairman → gm → VP
    await answer(term, 'Does this person sign in the end?', 'Down', 'Down'); // unknown → ↩ back → yes
    await answer(term, 'Who else decides?', 'Down', 'Down'); // unknown → ↩ back → none
    await typeAnswer(term, 'Who is the KP, the one who signs in the end?', 'Zhang');
    // inquirer wraps the long question at the terminal's width: look for its start and the name.
    const confirm = await term.waitFor('A VP is often taken for the KP: did you confirm with someone other than the contact');
    expect(confirm).toContain('that Zhang signs');
    expect(confirm).toContain('The biggest problem is taking the VP for the KP');
    term.press('Enter'); // no
    await typeAnswer(term, 'Your price for this deal?', '100k');
    await typeAnswer(term, "The KP's budget?", '100k');
    await answer(term, 'Do they see the value of your product?', 'Down', 'Down'); // unknown → ↩ back → yes
    await answer(term, 'When can they pay?', 'Up', 'Up'); // not known → truly no money → no money right now
    await answer(term, 'Do they prefer a cheaper competitor');
    const result = await term.waitFor('Record a referral request you already made?');
    expect(result).toContain('Beta Ltd — qualifying');
    expect(result).toContain('ask the users around the contact what they dislike about what they have');
    expect(result).toContain('confirm with someone else (or in writing) that Zhang signs the final decision');
    expect(result).toContain('ask which money they would move to pay you, and by when');
    term.press('Enter'); // no referral request
    await term.waitFor('Saved: Beta Ltd');
    expect(await term.exitCode()).toBe(0);
    const lead = await showLead(db, 'Beta Ltd');
    expect(lead.qualifications[0]?.answers.need).toEqual({ kind: 'already_has', askedOthers: false });
    expect(lead.qualifications[0]?.answers.kp).toEqual({ role: 'vp', signsFinal: 'yes', otherDecider: 'none', name: 'Zhang', confirmed: false });
    expect(lead.qualifications[0]?.answers.payment).toMatchObject({ funds: 'not_now', recognizesValue: 'yes' });
  }, INTERVIEW_MS);

  it('Ctrl-C at a prompt: one "Cancelled" line, exit 130, no data file written', async () => {
    const db = join(tmp.dir, 'cancelled.db');
    const term = start(['--db', db, 'qualify']);
    await typeAnswer(term, 'Which company are you visiting?', 'Gone Co');
    await term.waitFor('Who is your contact there (name)?');
    term.press('C-c');
    expect(await term.exitCode()).toBe(130);
    const screen = term.screen();
    expect(screen.match(/leadq: Cancelled/g)).toHaveLength(1);
    expect(existsSync(db)).toBe(false);
  }, INTERVIEW_MS);

  it('Ctrl-C in Chinese, at a money prompt of an existing data file: 已取消, nothing added', async () => {
    const db = join(tmp.dir, 'cancelled-zh.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', '老客户'])).code).toBe(0);
    const before = readFileSync(db);
    const term = start(['--db', db, 'qualify', '老客户'], { LEADQ_LANG: 'zh' });
    await answer(term, '客户有什么需求？');
    await answer(term, '对方是什么职位？');
    await answer(term, '他是最终签单的人吗？');
    await answer(term, '还有谁做决定？');
    await answer(term, '谁是 KP，也就是最终签单的人？');
    await term.waitFor('这一单你的报价是多少？');
    term.type('10万');
    term.press('C-c');
    expect(await term.exitCode()).toBe(130);
    expect(term.screen().match(/leadq: 已取消/g)).toHaveLength(1);
    expect((await showLead(db, '老客户')).qualifications).toHaveLength(0);
    expect(readFileSync(db).equals(before)).toBe(true);
  }, INTERVIEW_MS);
});

describe.skipIf(!hasTmux)('the rep\'s day in a real terminal (issue 13)', () => {
  it('en: going back — "<" in a text prompt and the back choice of a list — changes an earlier answer without starting over', async () => {
    const db = join(tmp.dir, 'back.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Back Co'])).code).toBe(0);
    const term = start(['--db', db, 'qualify', 'Back Co']);
    await answer(term, 'What is their need?', 'Down'); // not known → switching (the first question has no way back)
    await typeAnswer(term, 'Why and where do they need it?', 'slow');
    await answer(term, "What is the contact's role?", 'Down', 'Down', 'Down', 'Down'); // don't know → ↩ back → owner → chairman → gm
    // One arrow too many on the next question: go back from it with its ↩ choice (unknown → ↩ back).
    const signs = await term.waitFor('Does this person sign in the end?');
    expect(signs).toContain('↩ back to the previous question');
    term.press('Down', 'Enter');
    // Back at the role, the rep's answer (gm) preselected: pick VP instead. A question asked again is waited for as the
    // active prompt ("? …"): its answered line from the first time is on the screen already.
    await answer(term, "? What is the contact's role?", 'Down');
    await answer(term, '? Does this person sign in the end?');
    await answer(term, '? Who else decides?');
    const kp = await term.waitFor('? Who is the KP, the one who signs in the end?');
    expect(kp).toContain('Enter: back to the previous question'); // (inquirer wraps the line at the terminal's width)
    term.type('<');
    term.press('Enter');
    await answer(term, '? Who else decides?', 'Down', 'Down'); // unknown → ↩ back → none
    await typeAnswer(term, '? Who is the KP, the one who signs in the end?', 'Zhang');
    await typeAnswer(term, 'Your price for this deal?', '100k');
    await typeAnswer(term, "The KP's budget?", '100k');
    await answer(term, 'Do they see the value of your product?');
    await answer(term, 'When can they pay?');
    await answer(term, 'Do they prefer a cheaper competitor');
    await answer(term, 'Record a referral request you already made?');
    await term.waitFor('Saved: Back Co');
    expect(await term.exitCode()).toBe(0);
    const lead = await showLead(db, 'Back Co');
    expect(lead.qualifications).toHaveLength(1);
    expect(lead.qualifications[0]?.answers.need).toEqual({ kind: 'switching', pain: 'slow' });
    expect(lead.qualifications[0]?.answers.kp).toMatchObject({ role: 'vp', signsFinal: 'unknown', otherDecider: 'none', name: 'Zhang' });
  }, INTERVIEW_MS);

  it('Ctrl-C at the referral offer: the qualification the rep saw is kept (exit 130), no request recorded', async () => {
    const db = join(tmp.dir, 'offer.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Offer Co'])).code).toBe(0);
    expect((await leadq(['--db', db, 'contact', 'Offer Co', '--kind', 'visit'])).code).toBe(0);
    const term = start(['--db', db, 'qualify', 'Offer Co']);
    for (const question of ['What is their need?', "What is the contact's role?", 'Does this person sign in the end?', 'Who else decides?', 'Who is the KP, the one who signs in the end?', 'Your price for this deal?', "The KP's budget?", 'Do they see the value of your product?', 'When can they pay?', 'Do they prefer a cheaper competitor']) {
      await answer(term, question);
    }
    // A visit is logged: "before you leave", yes by default.
    const offer = await term.waitFor('Ask them for referrals before you leave?');
    expect(offer).toContain('Saved: Offer Co');
    term.press('C-c');
    expect(await term.exitCode()).toBe(130);
    const lead = await showLead(db, 'Offer Co');
    expect(lead.qualifications).toHaveLength(1);
    expect(JSON.parse((await leadq(['--db', db, 'referral', 'list', '--format', 'json'])).stdout)).toEqual([]);
  }, INTERVIEW_MS);

  it('zh: qualify "新公司" for a company with no lead offers to create it; no leaves nothing (66)', async () => {
    const db = join(tmp.dir, 'create.db');
    const no = start(['--db', db, 'qualify', '新公司'], { LEADQ_LANG: 'zh' });
    await answer(no, '没有名为 新公司 的线索。现在新建并筛选吗？', 'Down');
    expect(await no.exitCode()).toBe(66);
    expect(existsSync(db)).toBe(false);
    const yes = start(['--db', db, 'qualify', '新公司'], { LEADQ_LANG: 'zh' });
    await answer(yes, '没有名为 新公司 的线索。现在新建并筛选吗？');
    await typeAnswer(yes, '你在那边的联系人是谁（姓名）？', '王敏');
    await typeAnswer(yes, '联系人电话？', '13800000000');
    await yes.waitFor('这个线索从哪里来？');
    yes.press('C-c');
    expect(await yes.exitCode()).toBe(130);
    expect(existsSync(db)).toBe(false);
  }, INTERVIEW_MS);

  it('lead delete asks on a terminal, "no" preselected', async () => {
    const db = join(tmp.dir, 'delete.db');
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Keep Co'])).code).toBe(0);
    const keep = start(['--db', db, 'lead', 'delete', 'Keep Co']);
    await answer(keep, 'Delete lead #1 (Keep Co) with its history, contacts and referral requests?');
    expect(await keep.exitCode()).toBe(0);
    expect(keep.screen()).toContain('nothing deleted: lead #1 is kept');
    expect((await showLead(db, '1')).company).toBe('Keep Co');
    const gone = start(['--db', db, 'lead', 'delete', 'Keep Co']);
    await answer(gone, 'Delete lead #1 (Keep Co)', 'Up');
    expect(await gone.exitCode()).toBe(0);
    expect(gone.screen()).toContain('Deleted lead #1 (Keep Co) with its history');
    expect((await leadq(['--db', db, 'lead', 'show', '1'])).code).toBe(66);
  }, INTERVIEW_MS);
});

describe('staged loading: the first prompt waits for nothing it does not need', () => {
  /** The modules a fresh node resolves when importing one built module. */
  function modulesLoadedBy(file: string): string {
    const trace = join(tmp.dir, `trace-${file.replace(/\W/g, '_')}.txt`);
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/e2e/fixtures/trace-modules.mjs'), '--input-type=module', '-e', `await import(${JSON.stringify(join(ROOT, file))})`], {
      env: { ...process.env, LEADQ_TRACE_FILE: trace },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return readFileSync(trace, 'utf8');
  }

  it('the session module loads neither inquirer, nor the data file driver, nor zod', () => {
    const loaded = modulesLoadedBy('dist/interview/session.js');
    for (const heavy of ['@inquirer', 'better-sqlite3', '/zod/']) expect(loaded).not.toContain(heavy);
  });

  it('the prompts load inquirer, still without the data file driver or zod (those load while the rep types)', () => {
    const loaded = modulesLoadedBy('dist/interview/inquirer-prompter.js');
    expect(loaded).toContain('@inquirer');
    for (const heavy of ['better-sqlite3', '/zod/']) expect(loaded).not.toContain(heavy);
  });
});
