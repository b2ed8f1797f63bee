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
});
