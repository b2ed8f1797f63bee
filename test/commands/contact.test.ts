import { beforeEach, describe, expect, it } from 'vitest';
import { leadq } from '../helpers/leadq.js';
import { describeStores } from '../helpers/stores.js';

describeStores('leadq contact', (store) => {
  let db: string;
  const lq = (args: readonly string[]) => leadq(['--db', db, ...args]);

  beforeEach(async () => {
    db = store.db;
    await lq(['lead', 'add', '--company', 'Acme Inc.']);
  });

  const lastContact = async () => JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout).last_contact as string | null;

  describe('leadq contact', () => {
    it('logs a contact now by default and sets the lead’s last contact', async () => {
      const before = Date.now();
      const r = await lq(['contact', 'acme', '--kind', 'visit', '--note', 'met the GM', '--json']);
      expect(r.code).toBe(0);
      const contact = JSON.parse(r.stdout);
      expect(contact).toMatchObject({ lead_id: 1, kind: 'visit', note: 'met the GM' });
      expect(Date.parse(contact.at)).toBeGreaterThanOrEqual(before - 1000);
      expect(await lastContact()).toBe(contact.at);
    });

    it('--at takes ISO dates and date-times; last contact only moves forward', async () => {
      expect((await lq(['contact', '1', '--kind', 'call', '--at', '2026-04-01T10:00:00Z'])).code).toBe(0);
      expect((await lq(['contact', '1', '--kind', 'email', '--at', '2026-03-01T09:00+08:00'])).code).toBe(0);
      expect(await lastContact()).toBe('2026-04-01T10:00:00.000Z');
      const contacts = JSON.parse((await lq(['lead', 'show', '1', '--json'])).stdout).contacts;
      expect(contacts.map((c: { at: string }) => c.at)).toEqual(['2026-04-01T10:00:00.000Z', '2026-03-01T01:00:00.000Z']);
      const line = await lq(['contact', '1', '--kind', 'meeting', '--at', '2026-05-01']);
      // A confirmation is a human view: local time, YYYY-MM-DD HH:MM (SPEC v2); --json keeps the ISO instant.
      expect(line.stdout).toBe('Logged the meeting with lead #1 (Acme Inc.) at 2026-05-01 00:00\n');
    });

    it('bad --at, --kind or a missing --kind are 64; an unknown lead is 66', async () => {
      for (const at of ['2026-02-30', 'yesterday', '2026-13-01', '2026-05-01T25:00']) {
        const r = await lq(['contact', '1', '--kind', 'call', '--at', at]);
        expect(r.code, at).toBe(64);
        expect(r.stderr).toContain('--at');
      }
      const kind = await lq(['contact', '1', '--kind', 'fax']);
      expect(kind.code).toBe(64);
      expect(kind.stderr).toContain('visit, call, email, meeting');
      expect((await lq(['contact', '1'])).code).toBe(64);
      expect((await lq(['contact', 'Nobody', '--kind', 'call'])).code).toBe(66);
      expect(await lastContact()).toBeNull();
    });

    it('speaks Chinese', async () => {
      const r = await lq(['--lang', 'zh', 'contact', '1', '--kind', 'visit', '--at', '2026-04-01T10:00:00Z']);
      expect(r.stdout).toContain('已记录与线索 #1（Acme Inc.）的拜访');
    });
  });

  describe('leadq contact --next, contact list, contact delete (SPEC v2: fixing mistakes)', () => {
    const NOW = new Date('2026-06-15T10:00:00Z');
    const at = (args: readonly string[]) => leadq(['--db', db, ...args], { now: () => NOW });
    const show = async () => JSON.parse((await at(['lead', 'show', '1', '--json'])).stdout) as { last_contact: string | null; follow_up_on: string | null };

    it('--next sets the follow-up day (today … 5 years ahead, else 64)', async () => {
      const r = await at(['contact', '1', '--kind', 'visit', '--next', '2026-06-22']);
      expect(r.stdout).toContain('Follow-up on 2026-06-22');
      expect((await show()).follow_up_on).toBe('2026-06-22');
      for (const bad of ['2026-06-14', '2031-06-16', '22/06/2026', 'next week']) {
        const refused = await at(['contact', '1', '--kind', 'call', '--next', bad]);
        expect(refused.code, bad).toBe(64);
        expect(refused.stderr).toContain('--next');
      }
      expect((await at(['contact', '1', '--kind', 'call', '--next', '2031-06-15'])).code).toBe(0);
      expect((await at(['--lang', 'zh', 'contact', '1', '--kind', 'call', '--next', '2026-06-15'])).stdout).toContain('跟进日期：2026-06-15');
    });

    it('contact list: latest first with ids; delete undoes a typo in --at and the last contact is the latest remaining one', async () => {
      await at(['contact', '1', '--kind', 'visit', '--at', '2026-06-01T09:00:00Z', '--note', 'met the GM']);
      // The typo: 2027 for 2026 would hide the account from "uncontacted" lists for a year; it is refused as future now,
      // and a wrong day that did get in is undone with contact delete.
      expect((await at(['contact', '1', '--kind', 'call', '--at', '2027-06-10'])).code).toBe(64);
      await at(['contact', '1', '--kind', 'call', '--at', '2026-06-16T08:00:00Z']);
      expect((await show()).last_contact).toBe('2026-06-16T08:00:00.000Z');
      const list = await at(['contact', 'list', '1']);
      expect(list.stdout).toBe('id\tkind\tat\tnote\n2\tcall\t2026-06-16T08:00:00.000Z\t\n1\tvisit\t2026-06-01T09:00:00.000Z\tmet the GM\n');
      const table = await leadq(['--db', db, '--lang', 'zh', 'contact', 'list', '1'], { now: () => NOW, tty: { stdout: true } });
      expect(table.stdout).toContain('拜访');
      expect(table.stdout).toMatch(/2026-06-0[12] \d\d:\d\d/);
      expect(table.stdout).not.toContain('T09:00');
      const deleted = await at(['contact', 'delete', '2']);
      expect(deleted.code).toBe(0);
      expect(deleted.stdout).toContain('Deleted contact #2 (call at');
      expect(deleted.stdout).toContain('Last contact now:');
      expect((await show()).last_contact).toBe('2026-06-01T09:00:00.000Z');
      expect((await at(['contact', 'delete', '1', '--json'])).stdout).toContain('"last_contact": null');
      expect((await show()).last_contact).toBeNull();
      const missing = await at(['contact', 'delete', '1']);
      expect(missing.code).toBe(66);
      expect(missing.stderr).toContain('leadq contact list <lead>');
      expect((await at(['--lang', 'zh', 'contact', 'delete', '9'])).stderr).toContain('没有编号为 9 的联系记录');
      // Not an id at all: a usage error (64), the store not even opened.
      for (const bad of ['abc', '1.5', '-1', '0', '']) {
        const r = await at(['contact', 'delete', bad]);
        expect(r.code, bad).toBe(64);
        expect(r.stderr, bad).toMatch(/^leadq: ".*" is not a contact id: give the number `contact list` shows\n/);
      }
      expect((await at(['--lang', 'zh', 'contact', 'delete', 'abc'])).stderr).toMatch(/^leadq: “abc”不是联系记录编号/);
      expect((await at(['contact', 'list', 'Nobody'])).code).toBe(66);
    });

    it('delete undoes what the contact did to the follow-up day: a follow-up it marked done is due again, one it set is gone', async () => {
      const NOW_DAY = '2026-06-15';
      const earlier = () => new Date(new Date(NOW).getTime() - 3 * 86_400_000);
      const log = async (args: readonly string[], now = () => NOW) => {
        const r = await leadq(['--db', db, 'contact', '1', ...args, '--json'], { now });
        expect(r.code, r.stderr).toBe(0);
        return String(JSON.parse(r.stdout).id);
      };
      // Three days ago: a visit, and a follow-up today.
      const visit = await log(['--kind', 'visit', '--next', NOW_DAY], earlier);
      expect((await at(['today'])).stdout).toContain(`follow-up due ${NOW_DAY}`);
      // Today: a call logged on the wrong lead marks the follow-up done …
      const wrong = await log(['--kind', 'call', '--note', 'meant another lead']);
      expect((await show()).follow_up_on).toBeNull();
      // … and deleting it puts the follow-up back, and says so.
      const undone = await at(['contact', 'delete', wrong]);
      expect(undone.stdout).toContain(`Follow-up back on ${NOW_DAY}, as before this contact\n`);
      expect((await show()).follow_up_on).toBe(NOW_DAY);
      expect((await at(['today'])).stdout).toContain(`follow-up due ${NOW_DAY}`);
      // A contact that set a follow-up (on the wrong lead): deleting it takes the follow-up back to what it was before.
      const moved = await log(['--kind', 'call', '--next', '2026-07-01']);
      expect((await at(['--lang', 'zh', 'contact', 'delete', moved])).stdout).toContain(`跟进日期恢复为 ${NOW_DAY}（与这次联系之前相同）`);
      // Deleting the first visit, which set the follow-up, leaves none.
      expect(JSON.parse((await at(['contact', 'delete', visit, '--json'])).stdout).follow_up_on).toBeNull();
      expect((await show()).follow_up_on).toBeNull();
      // A contact that changed nothing changes nothing when deleted; one whose change was changed again leaves it.
      await log(['--kind', 'email', '--next', '2026-08-01']);
      const backdated = await log(['--kind', 'call', '--at', '2026-06-14']);
      expect((await at(['contact', 'delete', backdated])).stdout).not.toContain('Follow-up');
      expect((await show()).follow_up_on).toBe('2026-08-01');
    });

    it('a visit deleted is no visit: the precise lead is back on today’s list', async () => {
      const answers = JSON.stringify({ need: { kind: 'switching' }, kp: { role: 'gm', signsFinal: 'yes', otherDecider: 'none' }, payment: { price: 100, budget: 100, funds: 'now', recognizesValue: 'yes' } });
      await leadq(['--db', db, 'qualify', '1', '--answers', '-'], { input: answers, now: () => NOW });
      await at(['contact', '1', '--kind', 'visit']);
      expect((await at(['today'])).stdout).toBe('id\tcompany\twhy\taction\n');
      await at(['contact', 'delete', '1']);
      expect((await at(['today'])).stdout).toContain('not visited yet');
    });
  });
});
