import { render } from '@inquirer/testing';
import { input, select } from '@inquirer/prompts';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { setLang, t } from '../../src/i18n/index.js';
import {
  dateInput,
  inquirerPrompter,
  moneyInput,
  numberInput,
  selectList,
  textInput,
  yesNoList,
} from '../../src/interview/inquirer-prompter.js';
import { makePaint } from '../../src/output/color.js';
import { GoBack } from '../../src/interview/prompter.js';

// Each prompt config rendered by inquirer itself (@inquirer/testing), then the adapter over fake terminal streams.

const paint = makePaint(0);
const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => setLang('en'));

describe('prompt configs rendered by inquirer', () => {
  it('a select shows the why-line above the question, the choices, and keeps the default on Enter', async () => {
    const { answer, events, getScreen } = await render(
      select<string>,
      selectList(paint, {
        id: 'kp.signsFinal',
        message: 'Does this person sign in the end?',
        why: 'A VP is often not the one who signs.',
        choices: [
          { value: 'yes', label: 'yes' },
          { value: 'no', label: 'no' },
          { value: 'unknown', label: "don't know yet" },
        ],
        default: 'unknown',
      }),
    );
    const screen = getScreen();
    expect(screen.split('\n').slice(0, 2)).toEqual(['↳ A VP is often not the one who signs.', '? Does this person sign in the end?']);
    expect(screen).toContain("❯ don't know yet");
    expect(screen).toContain('↑↓ navigate • ⏎ select');
    events.keypress('enter');
    await expect(answer).resolves.toBe('unknown');
    // Once answered, one line: the why-line is gone.
    expect(getScreen()).toBe("✔ Does this person sign in the end? don't know yet");
  });

  it('in Chinese: yes/no as 是/否 (not y/n), "don\'t know yet" as the default, keys help translated', async () => {
    setLang('zh');
    const { answer, events, getScreen } = await render(
      select<boolean | undefined>,
      yesNoList(paint, { id: 'payment.acceptsOverBudget', message: '他能接受吗？', why: t('interview.why.acceptsOverBudget'), allowUnknown: true }),
    );
    expect(getScreen()).toContain('↳ 如果超出的部分他能接受，那 OK。');
    expect(getScreen()).toMatch(/ {2}是\n {2}否\n❯ 还不知道/);
    expect(getScreen()).toContain('↑↓ 移动 • ⏎ 选择');
    events.keypress('up');
    events.keypress('up');
    events.keypress('enter');
    await expect(answer).resolves.toBe(true);
    expect(getScreen()).toBe('✔ 他能接受吗？ 是');
  });

  it('a yes/no with a default preselects it', async () => {
    const { answer, events } = await render(select<boolean | undefined>, yesNoList(paint, { id: 'x', message: 'Ask?', why: 'w', default: false }));
    events.keypress('enter');
    await expect(answer).resolves.toBe(false);
  });

  it('money: 10万 is read as 100,000; in Chinese the answered line reads 10万, as typed (SPEC v2: amounts as a Chinese rep says them)', async () => {
    setLang('zh');
    const money = moneyInput(paint, { id: 'payment.price', message: '这一单你的报价是多少？', why: t('interview.why.price') });
    const { answer, events, getScreen } = await render(input, money.config);
    expect(getScreen()).toContain('↳ 付款能力要对照你的价格来看');
    events.type('10万');
    events.keypress('enter');
    expect(money.answer(await answer)).toBe(100_000);
    expect(getScreen()).toBe('✔ 这一单你的报价是多少？ 10万');
  });

  it.each([
    ['5w', 50_000, '5w → 50,000'],
    ['1.2m', 1_200_000, '1.2m → 1,200,000'],
    ['¥100,000', 100_000, '¥100,000 → 100,000'],
    ['100000', 100_000, '100000 → 100,000'],
    ['1.5亿', 150_000_000, '1.5亿 → 150,000,000'],
    ['100k', 100_000, '100k → 100,000'],
  ])('money: %s → %d', async (typed, value, shown) => {
    const money = moneyInput(paint, { id: 'payment.budget', message: 'Budget?', why: 'w' });
    const { answer, events, getScreen } = await render(input, money.config);
    events.type(typed);
    events.keypress('enter');
    expect(money.answer(await answer)).toBe(value);
    expect(getScreen()).toBe(`✔ Budget? ${shown}`);
  });

  it('money on a colour terminal: the echo is dimmed by leadq, never shown as escaped codes; what the rep typed is made safe', async () => {
    const colour = makePaint(1);
    const money = moneyInput(colour, { id: 'payment.budget', message: 'Budget?', why: 'w' });
    const answered = (text: string) => money.config.transformer!(text, { isFinal: true });
    expect(answered('10万')).toContain('10万 \u001b[2m→ 100,000\u001b[22m');
    expect(answered('10万')).not.toContain('\\x1b');
    const text = textInput(colour, { id: 'lead.contact', message: 'Contact?', why: 'w' });
    expect(text.config.transformer!('Bob\u001b[2J', { isFinal: true })).toContain('Bob\\x1b[2J');
  });

  it.each([
    ['120000', '120000 → 12万'],
    ['10w', '10w → 10万'],
    ['1.5亿', '1.5亿'],
    ['123456', '123456 → 12.3456万'],
    ['5000', '5000'],
  ])('money in Chinese: %s is echoed as %s', async (typed, shown) => {
    setLang('zh');
    const money = moneyInput(paint, { id: 'payment.budget', message: '预算？', why: 'w' });
    const { answer, events, getScreen } = await render(input, money.config);
    events.type(typed);
    events.keypress('enter');
    await answer;
    expect(getScreen()).toBe(`✔ 预算？ ${shown}`);
  });

  it('going back: "<" in a text prompt that offers it rejects with GoBack; where nothing is before, "<" is refused, never saved', async () => {
    const back = textInput(paint, { id: 'kp.name', message: 'KP?', why: 'w', back: true });
    const offered = await render(input, back.config);
    expect(offered.getScreen()).toContain('< + Enter: back to the previous question');
    offered.events.type('<');
    offered.events.keypress('enter');
    const typed = await offered.answer;
    expect(() => back.answer(typed)).toThrow(GoBack);
    expect(offered.getScreen()).toBe('✔ KP? ↩ back');
    const plain = textInput(paint, { id: 'kp.name', message: 'KP?', why: 'w' });
    const notOffered = await render(input, plain.config);
    notOffered.events.type('<');
    notOffered.events.keypress('enter');
    await new Promise((resolve) => setImmediate(resolve));
    expect(notOffered.getScreen()).toContain('this is the first question: there is none before it to go back to');
    notOffered.events.keypress('backspace');
    notOffered.events.type('Bob <b@x.cn>');
    notOffered.events.keypress('enter');
    expect(plain.answer(await notOffered.answer)).toBe('Bob <b@x.cn>');
  });

  it('going back: a list that offers it ends with the back choice', async () => {
    const { events, getScreen, answer } = await render(select<string>, selectList(paint, { id: 'x', message: 'Pick?', why: 'w', back: true, choices: [{ value: 'a', label: 'A' }], default: 'a' }));
    expect(getScreen()).toContain('↩ back to the previous question');
    events.keypress('down');
    events.keypress('enter');
    expect(typeof (await answer)).toBe('symbol');
  });

  it('money: invalid input is refused inline with the reason, and what was typed stays to be fixed', async () => {
    const money = moneyInput(paint, { id: 'payment.budget', message: 'Budget?', why: 'w' });
    const { answer, events, getScreen } = await render(input, money.config);
    events.type('lots');
    events.keypress('enter');
    await tick();
    expect(getScreen()).toContain('> "lots" is not an amount of money');
    expect(getScreen()).toContain('? Budget? lots');
    for (let i = 0; i < 4; i++) events.keypress('backspace');
    events.type('-5');
    events.keypress('enter');
    await tick();
    expect(getScreen()).toContain('is negative');
    for (let i = 0; i < 2; i++) events.keypress('backspace');
    events.type('8万');
    events.keypress('enter');
    expect(money.answer(await answer)).toBe(80_000);
  });

  it('money: the previous answer is the default (Enter keeps it); Enter on nothing is "not known yet"', async () => {
    const withDefault = moneyInput(paint, { id: 'payment.price', message: 'Price?', why: 'w', default: 100_000 });
    const first = await render(input, withDefault.config);
    expect(first.getScreen()).toContain('? Price? (100,000)');
    first.events.keypress('enter');
    expect(withDefault.answer(await first.answer)).toBe(100_000);

    const empty = moneyInput(paint, { id: 'payment.price', message: 'Price?', why: 'w' });
    const second = await render(input, empty.config);
    second.events.keypress('enter');
    expect(empty.answer(await second.answer)).toBeUndefined();
  });

  it('date: YYYY-MM-DD (2025/6/30 too); a non-date is refused', async () => {
    const date = dateInput(paint, { id: 'payment.fundsDate', message: 'By when?', why: 'w' });
    const { answer, events, getScreen } = await render(input, date.config);
    events.type('next week');
    events.keypress('enter');
    await tick();
    expect(getScreen()).toContain('> "next week" is not a date: use YYYY-MM-DD');
    for (let i = 0; i < 9; i++) events.keypress('backspace');
    events.type('2025/6/30');
    events.keypress('enter');
    expect(date.answer(await answer)).toBe('2025-06-30');
    expect(getScreen()).toBe('✔ By when? 2025-06-30');
  });

  it('referral count: 3 by default, more than 3 refused with the method\'s reason', async () => {
    const count = numberInput(paint, { id: 'referral.count', message: 'How many?', why: 'w', default: 3, min: 1, max: 3, outOfRange: t('interview.referralTooMany') });
    const { answer, events, getScreen } = await render(input, count.config);
    expect(getScreen()).toContain('(3)');
    events.type('5');
    events.keypress('enter');
    await tick();
    expect(getScreen()).toContain("> ask for 1 to 3 (3 is best, 1 at least; don't be greedy)");
    events.keypress('backspace');
    events.keypress('enter');
    // The typed 5 is cleared: Enter now keeps the default.
    expect(count.answer(await answer)).toBe(3);
  });

  it('text with an async check: refused inline', async () => {
    const text = textInput(paint, { id: 'lead.company', message: 'Company?', why: 'w', validate: async (s) => s.trim() !== '' || 'type the company name' });
    const { answer, events, getScreen } = await render(input, text.config);
    events.keypress('enter');
    await tick();
    expect(getScreen()).toContain('> type the company name');
    events.type(' 华信科技 ');
    events.keypress('enter');
    expect(text.answer(await answer)).toBe('华信科技');
  });
});

describe('the inquirer prompter on a fake terminal', () => {
  function terminal() {
    const stdin = new PassThrough();
    const stderr = new PassThrough();
    let drawn = '';
    stderr.on('data', (d: Buffer) => (drawn += d.toString()));
    const prompter = inquirerPrompter({ input: stdin, output: stderr }, paint);
    return { stdin, prompter, drawn: () => drawn };
  }

  it('draws on the given output (stderr) and answers from the keys', async () => {
    const term = terminal();
    const answer = term.prompter.money({ id: 'payment.price', message: 'Price?', why: 'w' });
    await tick();
    term.stdin.write('10万\r');
    await expect(answer).resolves.toBe(100_000);
    expect(term.drawn()).toContain('Price?');
  });

  it('Ctrl-C at a prompt rejects with InterruptedError (exit 130)', async () => {
    const term = terminal();
    const answer = term.prompter.select({ id: 'need.kind', message: 'Need?', why: 'w', choices: [{ value: 'a', label: 'a' }] });
    await tick();
    term.stdin.write('\x03');
    await expect(answer).rejects.toBeInstanceOf(InterruptedError);
  });

  it('say() writes a line on the prompts\' stream', () => {
    const term = terminal();
    term.prompter.say('── Need ──');
    expect(term.drawn()).toBe('── Need ──\n');
  });
});
