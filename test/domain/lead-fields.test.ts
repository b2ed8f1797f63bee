import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leadGroup } from '../../src/commands/lead/spec.js';
import { referralGroup } from '../../src/commands/referral/spec.js';
import { fieldNamed } from '../../src/csv/fields.js';
import { LEAD_FIELDS } from '../../src/domain/lead-fields.js';
import { leadAnswersSchema } from '../../src/engine/answers.js';
import { isMessageKey, t } from '../../src/i18n/index.js';
import { leadJson } from '../../src/output/lead-json.js';
import { tempDir } from '../helpers/files.js';
import { leadq } from '../helpers/leadq.js';

// The one table of lead fields drives everything a lead field needs: adding a field (a website, say) is a row in
// domain/lead-fields.ts, a migration adding its column, and its two messages. These checks fail when any of the rest
// would have to be written by hand.

const tmp = tempDir('leadq-fields-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'leadq.db');
const optionsOf = (group: typeof leadGroup, name: string) => group.commands.find((c) => c.name === name)!.options as Record<string, { flags: string }>;

describe('the lead fields table', () => {
  it('every field has a column in the migrated schema', async () => {
    expect((await leadq(['--db', db, 'db', 'path'])).code).toBe(0);
    expect((await leadq(['--db', db, 'lead', 'add', '--company', 'Schema Co'])).code).toBe(0);
    const raw = new Database(db, { readonly: true });
    const columns = (raw.prepare('PRAGMA table_info(leads)').all() as { name: string }[]).map((c) => c.name);
    raw.close();
    for (const field of LEAD_FIELDS) expect(columns, field.name).toContain(field.column);
  });

  it('every field is an option of lead add and lead edit (and of referral add, but the two it sets itself), described in en and zh', () => {
    for (const field of LEAD_FIELDS) {
      expect(optionsOf(leadGroup, 'add')[field.option]?.flags, field.name).toBe(field.flags);
      expect(optionsOf(leadGroup, 'edit')[field.option]?.flags, field.name).toBe(field.flags);
      if (field.option !== 'source' && field.option !== 'referrer') expect(optionsOf(referralGroup, 'add')[field.option]?.flags, field.name).toBe(field.flags);
      expect(isMessageKey(field.description)).toBe(true);
      expect(t(field.description, {}, 'zh')).not.toBe(t(field.description, {}, 'en'));
    }
  });

  it('a label in en and zh for every field lead show lists, an answers key for every field the answers carry, a CSV field for every field a column fills', () => {
    const answerKeys = Object.keys(leadAnswersSchema.shape);
    for (const field of LEAD_FIELDS) {
      if ('label' in field) {
        expect(isMessageKey(field.label), field.name).toBe(true);
        expect(t(field.label, {}, 'zh')).not.toBe(t(field.label, {}, 'en'));
      }
      if ('answer' in field) expect(answerKeys, field.name).toContain(field.answer);
      if ('csv' in field) {
        const csv = fieldNamed(field.csv.field);
        expect(csv, field.name).toBeDefined();
        expect(csv!.path, field.name).toBe('answer' in field ? `lead.${field.answer}` : undefined);
      }
    }
  });

  it('every field is in the JSON of a lead, under its column', () => {
    const lead = Object.fromEntries(LEAD_FIELDS.map((f) => [f.name, f.kind === 'lead' ? 7 : `${f.name} value`])) as never;
    const json = leadJson({ ...(lead as object), id: 1, companyKey: 'k', status: 'new', score: null, closeNote: null, lastContactAt: null, createdAt: 'c', updatedAt: 'u' } as never);
    for (const field of LEAD_FIELDS) expect(json[field.column], field.name).toBe(field.kind === 'lead' ? 7 : `${field.name} value`);
  });

  it('set through the options, every field is stored and shown (lead show lists each label, --json each column)', async () => {
    const referrer = (await leadq(['--db', db, 'lead', 'add', '--company', 'Referrer Co'])).stdout.trim();
    const args = LEAD_FIELDS.flatMap((f) => [f.flags.split(' ')[0]!, f.kind === 'source' ? 'channel' : f.kind === 'lead' ? referrer : f.kind === 'creditCode' ? '91350100M000100Y43' : `${f.name} x`]);
    const added = await leadq(['--db', db, 'lead', 'add', ...args, '--json']);
    expect(added.code, added.stderr).toBe(0);
    const json = JSON.parse(added.stdout) as Record<string, unknown>;
    for (const field of LEAD_FIELDS) expect(json[field.column], field.name).not.toBeNull();
    expect(json.referrer_id).toBe(Number(referrer));
    const shown = (await leadq(['--db', db, 'lead', 'show', String(json.id)])).stdout;
    for (const field of LEAD_FIELDS) if ('label' in field) expect(shown, field.name).toContain(t(field.label));
  });

  it('every field a CSV column fills is stored by score --import', async () => {
    const csvFields = LEAD_FIELDS.filter((f) => 'csv' in f);
    const header = csvFields.map((f) => `col_${f.name}`);
    const cells = csvFields.map((f) => (f.kind === 'source' ? 'channel' : f.kind === 'creditCode' ? '91440300708461136T' : `Imported ${f.name}`));
    const file = join(tmp.dir, 'all-fields.csv');
    writeFileSync(file, `${header.join(',')}\n${cells.join(',')}\n`);
    const maps = csvFields.flatMap((f) => ['--map', `${'csv' in f ? f.csv.field : ''}=col_${f.name}`]);
    const r = await leadq(['--db', db, 'score', file, ...maps, '--import', '--format', 'ndjson']);
    expect(r.code, r.stderr).toBe(0);
    const stored = JSON.parse((await leadq(['--db', db, 'lead', 'show', 'Imported company', '--json'])).stdout) as Record<string, unknown>;
    csvFields.forEach((f, i) => expect(stored[f.column], f.name).toBe(f.kind === 'source' ? 'channel' : cells[i]));
  });
});
