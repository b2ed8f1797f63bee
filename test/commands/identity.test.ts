import { beforeEach, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';

// SPEC v2 "Identity of leads, dates and times", through the built CLI: a <lead> of digits is an id and nothing else,
// dates lie in their window and keep their year, and qualify never renames a lead.
import { describeStores } from '../helpers/stores.js';

describeStores('identity of leads', (store) => {
  let db: string;
  const lq = (args: readonly string[], input?: string) => leadq(['--db', db, ...args], input === undefined ? {} : { input });
  const show = async (id: number) => JSON.parse((await lq(['lead', 'show', String(id), '--json'])).stdout) as { company: string; status: string; contacts: unknown[]; last_contact: string | null };

  beforeEach(async () => {
    db = store.db;
    for (const company of ['Studio 54 Ltd', 'Boeing 747 Parts']) expect((await lq(['lead', 'add', '--company', company])).code).toBe(0);
  });

  describe('a <lead> of digits is an id and nothing else', () => {
    it('contact 54 and lead close 74 name no lead (66): nothing is logged or closed on "Studio 54" or "Boeing 747"', async () => {
      const contact = await lq(['contact', '54', '--kind', 'visit']);
      expect(contact.code).toBe(66);
      expect(contact.stderr).toMatch(/^leadq: no lead with id 54\n/);
      expect((await lq(['lead', 'close', '74', '--lost'])).code).toBe(66);
      expect((await lq(['contact', '--kind', 'visit', '--', '-1'])).code).toBe(66);
      expect((await lq(['lead', 'show', '５４'])).code).toBe(66);
      expect((await show(1)).contacts).toEqual([]);
      expect((await show(2)).status).toBe('new');
    });

    it('full-width digits and #12 are ids', async () => {
      expect((await lq(['contact', '１', '--kind', 'call'])).code).toBe(0);
      expect((await lq(['lead', 'close', '＃２', '--won'])).code).toBe(0);
      expect((await show(1)).contacts).toHaveLength(1);
      expect((await show(2)).status).toBe('won');
    });
  });

  describe('dates that happened lie between 1900 and tomorrow; the year is never rewritten', () => {
    it('contact --at 0050-06-15 is 64 (never stored as 1950); so is a day after tomorrow; tomorrow is fine', async () => {
      const old = await lq(['contact', '1', '--kind', 'visit', '--at', '0050-06-15']);
      expect(old.code).toBe(64);
      expect(old.stderr).toMatch(/--at: the day must lie between 1900-01-01 and \d{4}-\d\d-\d\d/);
      const late = new Date();
      late.setDate(late.getDate() + 2);
      const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      expect((await lq(['contact', '1', '--kind', 'visit', '--at', day(late)])).code).toBe(64);
      expect((await show(1)).contacts).toEqual([]);
      const tomorrow = new Date();
      tomorrow.setDate(tomorrow.getDate() + 1);
      expect((await lq(['contact', '1', '--kind', 'visit', '--at', day(tomorrow)])).code).toBe(0);
    });

    it('report --since 0050-01-01 is 64', async () => {
      expect((await lq(['report', '--since', '0050-01-01'])).code).toBe(64);
    });
  });

  describe('qualify <lead> never renames it', () => {
    it('answers naming another company than <lead> are refused with 65; the lead keeps its name', async () => {
      const r = await lq(['qualify', '1', '--answers', '-'], JSON.stringify({ lead: { company: 'Globex Ltd' }, need: { kind: 'switching' } }));
      expect(r.code).toBe(65);
      expect(r.stderr).toContain('lead #1 is Studio 54 Ltd');
      const dry = await lq(['qualify', '1', '--answers', '-', '--dry-run'], JSON.stringify({ lead: { company: 'Globex Ltd' } }));
      expect(dry.code).toBe(65);
      expect((await show(1)).company).toBe('Studio 54 Ltd');
      // The same company spelled another way is the same lead: saved, name kept.
      expect((await lq(['qualify', '1', '--answers', '-'], JSON.stringify({ lead: { company: 'STUDIO 54, Ltd.' } }))).code).toBe(0);
      expect((await show(1)).company).toBe('Studio 54 Ltd');
    });
  });
});
