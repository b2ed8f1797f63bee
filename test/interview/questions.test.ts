import { afterEach, describe, expect, it } from 'vitest';
import { answersSchema } from '../../src/engine/index.js';
import { isMessageKey, setLang, t, type MessageKey } from '../../src/i18n/index.js';
import { en, zh } from '../../src/i18n/interview.js';
import { askQuestions, phraseText } from '../../src/interview/flow.js';
import { QUESTIONS, questionsFor, type Question } from '../../src/interview/questions.js';
import { scriptedPrompter } from './scripted-prompter.js';

afterEach(() => setLang('en'));

/** The zod schema of an answers path, e.g. `payment.budget`. */
function fieldSchema(path: string): unknown {
  const [section, field] = path.split('.') as [string, string];
  const sectionSchema = answersSchema.shape[section as keyof typeof answersSchema.shape];
  return (sectionSchema.unwrap().shape as Record<string, unknown>)[field];
}

/** The enum options of a schema field (optional enum). */
function enumOptions(path: string): readonly string[] {
  const schema = fieldSchema(path) as { unwrap(): { options: readonly string[] } };
  return schema.unwrap().options;
}

const keysOf = (q: Question, answers = {}): string[] =>
  [q.message, q.why].map((p) => (typeof p === 'string' ? p : p(answers).key));

describe('the question table', () => {
  it('asks lead → need → KP → payment, each question once', () => {
    const sections = QUESTIONS.map((q) => q.id.split('.')[0]);
    expect([...new Set(sections)]).toEqual(['lead', 'need', 'kp', 'payment']);
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
  });

  it('fills only paths of the answers schema', () => {
    for (const q of QUESTIONS) expect(fieldSchema(q.id), q.id).toBeDefined();
  });

  it("offers exactly the schema's enum values as choices, labelled in en and zh", () => {
    for (const q of QUESTIONS) {
      if (q.kind !== 'select') continue;
      expect([...q.choices], q.id).toEqual([...enumOptions(q.id)]);
      for (const value of q.choices) expect(isMessageKey(q.label(value)), `${q.id} ${value}`).toBe(true);
    }
  });

  it('has a question and a why-line for every branch, in both languages', () => {
    const probes = [
      {},
      { kp: { signsFinal: 'yes', role: 'gm' } },
      { kp: { signsFinal: 'yes', role: 'vp', name: '张总' } },
      { need: { kind: 'already_has' } },
      { payment: { price: 100, budget: 50 } },
    ] as const;
    for (const q of QUESTIONS) {
      for (const answers of probes) {
        for (const key of keysOf(q, answers)) {
          expect(key in en, key).toBe(true);
          expect((zh as Record<string, string>)[key], key).toMatch(/\S/);
          expect(zh[key as keyof typeof zh]).not.toBe(en[key as keyof typeof en]);
        }
      }
    }
  });

  it('asks where a lead comes from only for a lead created now', () => {
    expect(questionsFor(true).map((q) => q.id)).toContain('lead.source');
    expect(questionsFor(false).some((q) => q.id.startsWith('lead.'))).toBe(false);
  });

  it('teaches the method in its own words', () => {
    setLang('en');
    expect(t('interview.why.signsFinal')).toContain('A VP is often not the one who signs');
    setLang('zh');
    expect(t('interview.why.signsFinal')).toContain('以为副总经理就是 KP');
    expect(t('interview.why.needKind')).toContain('他想换、他想了解、他想要做这件事');
    expect(phraseText('interview.why.askedOthers', {})).toContain('身边其他的人');
  });

  it('builds answers the schema accepts, whatever is picked', async () => {
    // Every choice of every select, each in its own interview, for a new lead.
    for (const q of QUESTIONS) {
      if (q.kind !== 'select') continue;
      for (const value of q.choices) {
        const answers = await askQuestions(scriptedPrompter({ [q.id]: value }), questionsFor(true), { lead: { company: 'ACME' } });
        expect(() => answersSchema.parse(answers), `${q.id}=${value}`).not.toThrow();
      }
    }
  });

  it('names message keys that exist', () => {
    for (const q of QUESTIONS) for (const key of keysOf(q)) expect(isMessageKey(key as MessageKey), key).toBe(true);
  });
});
