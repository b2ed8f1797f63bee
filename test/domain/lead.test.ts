import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLOSED_STATUSES, LEAD_STATUSES, statusAfterQualification } from '../../src/domain/lead.js';
import { REFERRAL_ASK_DEFAULT, REFERRAL_ASK_MAX, REFERRAL_ASK_MIN, referralAskOf } from '../../src/domain/lead-sources.js';
import { VERDICTS } from '../../src/engine/types.js';
import { STATUS_AFTER_QUALIFICATION } from '../../src/store/sqlite/leads.js';

describe('a closed lead stays closed', () => {
  it.each(LEAD_STATUSES.flatMap((status) => VERDICTS.map((verdict) => [status, verdict] as const)))('%s + a %s verdict', (status, verdict) => {
    const closed = (CLOSED_STATUSES as readonly string[]).includes(status);
    expect(statusAfterQualification(status, verdict)).toBe(closed ? status : verdict);
  });

  it('the SQL the stores run says the same, for every status and verdict', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE leads (status TEXT)');
    for (const status of LEAD_STATUSES) {
      for (const verdict of VERDICTS) {
        db.prepare('DELETE FROM leads').run();
        db.prepare('INSERT INTO leads VALUES (?)').run(status);
        db.prepare(`UPDATE leads SET status = ${STATUS_AFTER_QUALIFICATION}`).run(verdict);
        expect(db.prepare('SELECT status FROM leads').pluck().get(), `${status} + ${verdict}`).toBe(statusAfterQualification(status, verdict));
      }
    }
    db.close();
  });
});

describe('the referral rule: ask for 1 to 3, never more', () => {
  it.each([
    ['1', 1],
    ['3', 3],
    [' 2 ', 2],
    ['２', 2],
    ['0', undefined],
    ['4', undefined],
    ['-1', undefined],
    ['2.5', undefined],
    ['', undefined],
    ['abc', undefined],
  ])('%j → %s', (text, count) => {
    expect(referralAskOf(text)).toBe(count);
  });

  it('3 is best, and the default', () => {
    expect([REFERRAL_ASK_MIN, REFERRAL_ASK_DEFAULT, REFERRAL_ASK_MAX]).toEqual([1, 3, 3]);
  });
});
