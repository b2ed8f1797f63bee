// The vocabulary in English: every phrase of issue 11 and SPEC "Reading real exports", and the common CRM values.
import { describe, expect, it } from 'vitest';
import { buildVocabularies, loadVocabulary, type VocabKind } from '../../src/csv/vocab.js';

const vocab = buildVocabularies(loadVocabulary());
const read = (kind: VocabKind | 'confirmation', cell: string) => vocab[kind].lookup(cell);

describe('English values are read, not substring-matched', () => {
  it.each([
    // need: not, no, never, don't, isn't, -n't make a positive term negative
    ['needKind', 'not interested in switching', 'none'],
    ['needKind', "Doesn't want to switch", 'none'],
    ['needKind', "don't want to switch", 'none'],
    ['needKind', "isn't interested", 'none'],
    ['needKind', "won't switch", 'none'],
    ['needKind', 'never switching', 'none'],
    ['needKind', "shouldn’t switch", 'none'],
    ['needKind', 'no need', 'none'],
    ['needKind', 'Not interested', 'none'],
    ['needKind', 'Switching', 'switching'],
    ['needKind', 'wants to switch', 'switching'],
    ['needKind', 'unhappy with current vendor', 'switching'],
    ['needKind', 'not happy with the current CRM', 'switching'],
    ['needKind', 'happy with current vendor', 'already_has'],
    ['needKind', 'Already has one', 'already_has'],
    ['needKind', 'Exploring', 'exploring'],
    ['needKind', 'evaluating, but no budget', 'exploring'],
    ['needKind', 'Wants to do it', 'initiative'],
    ['needKind', 'not sure', 'unknown'],
    // recognition
    ['recognizesValue', 'Yes', 'yes'],
    ['recognizesValue', 'convinced', 'yes'],
    ['recognizesValue', "doesn't see the value", 'no'],
    ['recognizesValue', "isn't convinced", 'no'],
    ['recognizesValue', 'not convinced at all', 'no'],
    ['recognizesValue', 'not quite convinced', 'partly'],
    ['recognizesValue', 'not fully convinced', 'partly'],
    ['recognizesValue', 'Partly', 'partly'],
    ['recognizesValue', 'Not really', 'no'],
    // funds
    ['funds', 'no money right now', 'not_now'],
    ['funds', 'not now', 'not_now'],
    ['funds', 'not available yet', 'not_now'],
    ['funds', 'no budget this year', 'not_now'],
    ['funds', 'no budget at all', 'no'],
    ['funds', 'no money', 'no'],
    ['funds', 'Now', 'now'],
    ['funds', 'budget approved', 'now'],
    ['funds', 'Needs financing', 'needs_financing'],
    ['funds', 'waiting for a bank loan', 'needs_financing'],
    ['funds', 'By date', 'by_date'],
    // another decider
    ['otherDecider', 'None', 'none'],
    ['otherDecider', 'no one else', 'none'],
    ['otherDecider', "owner's wife", 'spouse'],
    ['otherDecider', 'Spouse', 'spouse'],
    ['otherDecider', 'the board', 'board'],
    ['otherDecider', 'Parent company', 'parent_company'],
    ['otherDecider', 'HQ approves', 'parent_company'],
    ['otherDecider', 'CEO', 'other'],
    // is the contact the signer
    ['yesNoUnknown', 'Yes', 'yes'],
    ['yesNoUnknown', 'No', 'no'],
    ['yesNoUnknown', 'No, the CFO signs', 'no'],
    ['yesNoUnknown', 'not the decider', 'no'],
    ['yesNoUnknown', "isn't the decision maker", 'no'],
    ['yesNoUnknown', 'Unknown', 'unknown'],
    ['yesNoUnknown', 'needs board approval', 'no'],
    ['confirmation', 'yes, confirmed in writing', 'yes'],
    ['confirmation', 'not confirmed', 'no'],
    // titles → roles
    ['role', 'CEO', 'gm'],
    ['role', 'Founder & CEO', 'owner'],
    ['role', 'Chairman of the Board', 'chairman'],
    ['role', 'VP Sales', 'vp'],
    ['role', 'Deputy General Manager', 'vp'],
    ['role', 'Director, IT', 'director'],
    ['role', 'Head of Procurement', 'director'],
    ['role', 'Operations Manager', 'manager'],
    ['role', 'Assistant to the CEO', 'staff'],
    ['role', 'Product Owner', 'staff'],
    ['role', 'IT Specialist', 'staff'],
    // an urgent need; not satisfied with what they have is a reason to switch
    ['needKind', 'Needs it now', 'initiative'],
    ['needKind', "Isn't satisfied with SAP", 'switching'],
    ['needKind', 'not satisfied', 'switching'],
    ['otherDecider', 'not needed', 'none'],
    // a label or a question, then a short answer: the answer says whether the label holds
    ['needKind', 'Interest: none', 'none'],
    ['needKind', 'Switching? No', 'none'],
    ['needKind', 'Switching? Yes', 'switching'],
    ['recognizesValue', 'Sees value: no', 'no'],
    ['yesNoUnknown', 'Signs final: no', 'no'],
    // sources
    ['source', 'Partner Referral', 'channel'],
    ['source', 'Employee Referral', 'referral'],
    ['source', 'Cold Call', 'cold'],
    ['source', 'Web', 'inbound'],
    ['source', 'Competitor Customer', 'competitor_customer'],
  ] as const)('%s: %s → %s', (kind, cell, value) => {
    expect(read(kind, cell)).toEqual({ value, how: 'value' });
  });

  it.each(['TBD', 'N/A', 'NA', 'n/a', '-', '—', '?', 'tbc', 'Pending'])('placeholder %s says nothing', (cell) => {
    for (const kind of ['needKind', 'recognizesValue', 'funds', 'yesNoUnknown', 'role', 'source'] as const) expect([undefined, 'unknown'], kind).toContain(read(kind, cell).value);
    expect(vocab.grammar.isPlaceholder(cell)).toBe(true);
  });

  it('text it has no word for is not understood, never guessed', () => {
    expect(read('needKind', 'call back next week')).toEqual({ value: undefined, how: 'notUnderstood' });
    expect(read('role', 'Astronaut')).toEqual({ value: undefined, how: 'notUnderstood' });
  });

  it.each([
    ['Grand Totals (30 records)', true],
    ['Total', true],
    ['Total: 1,200', true],
    ['Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.', true],
    ['Confidential Information - Do Not Distribute', true],
    ['Generated By:  Admin User  12/1/2024 3:04 PM', true],
    ['Total Wine & More', false],
    ['Totally Awesome Ltd', false],
    ['Acme Corp', false],
  ])('footer line start %s: %s', (cell, footer) => {
    expect(vocab.grammar.isFooterStart(cell)).toBe(footer);
  });
});
