// docs/teams-roles.sql, run with psql exactly as the team's admin would: the owner role migrates; the app role the
// reps use reads and writes leadq's tables (a lead, an import) and can do nothing else.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closePg, connectPg, pgQuery, type PgConnection } from '../../src/store/postgres/client.js';
import { PgLeadImport } from '../../src/store/postgres/imports.js';
import { openPgStore } from '../../src/store/postgres/schema.js';
import { normaliseCompany } from '../../src/domain/company.js';
import { leadq } from '../helpers/leadq.js';
import { findPgBin } from './cluster.mjs';
import { adminQuery, describePg, refusal, runCluster } from './helpers.js';

const SCRIPT = fileURLToPath(new URL('../../docs/teams-roles.sql', import.meta.url));
// The command the README's team setup runs once as the owner role (the hint of pg.hintMigrate names the same one).
const OWNER_STEP = /^LEADQ_DB=postgresql:\/\/leadq_owner@\S+ leadq ([^#]+?)\s+#/m.exec(readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8'));
const NOW = '2026-03-01T09:00:00.000Z';


describePg('least-privilege roles (docs/teams-roles.sql)', () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const names = { db: `leadq_roles_${suffix}`, owner: `leadq_owner_${suffix}`, app: `leadq_app_${suffix}` };
  const urlAs = async (role: string) => {
    const url = new URL((await runCluster()).url);
    url.username = role;
    url.password = `pw-${role}`;
    url.pathname = `/${names.db}`;
    return url.toString();
  };
  const open: PgConnection[] = [];
  const connect = async (role: string) => {
    const conn = await openPgStore(await urlAs(role), { env: {} });
    open.push(conn);
    return conn;
  };

  beforeAll(async () => {
    const { adminUrl } = await runCluster();
    const bin = findPgBin();
    const psql = bin === undefined ? 'psql' : join(bin, 'psql');
    const args = [adminUrl, '-X', '-q', '-v', `db=${names.db}`, '-v', `owner=${names.owner}`, '-v', `app=${names.app}`, '-f', SCRIPT];
    const r = spawnSync(psql, args, { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // What \password would do, for the test.
    for (const role of [names.owner, names.app]) await adminQuery(`ALTER ROLE ${role} PASSWORD 'pw-${role}'`);
  });

  afterAll(async () => {
    for (const conn of open) await closePg(conn);
    await adminQuery(`DROP DATABASE IF EXISTS ${names.db} WITH (FORCE)`);
    await adminQuery(`DROP ROLE IF EXISTS ${names.app}`);
    await adminQuery(`DROP ROLE IF EXISTS ${names.owner}`);
  });

  it('the app role cannot create leadq’s tables: 77, with the hint to run leadq once as the owner', async () => {
    const err = await refusal(openPgStore(await urlAs(names.app), { env: {} }));
    expect(err).toMatchObject({ exitCode: 77, key: 'pg.migrateRefused', hintKey: 'pg.hintMigrate', params: { user: names.app } });
  });

  it('the README’s step as the owner creates the tables; then the app role writes a lead and imports, and may not create a table', async () => {
    expect(OWNER_STEP).not.toBeNull();
    const step = await leadq(['--db', await urlAs(names.owner), ...OWNER_STEP![1]!.split(' ')]);
    expect(step.code, step.stderr).toBe(0);
    const app = await connect(names.app);
    await pgQuery(app, "INSERT INTO leads (company, company_key, created_at, updated_at) VALUES ('Acme', 'acme', $1, $1)", [NOW]);
    const imp = new PgLeadImport(app, NOW);
    await imp.begin();
    const row = { company: 'Globex', companyKey: normaliseCompany('Globex'), creditCode: null, contact: null, title: null, phone: null, email: null, industry: null, competitor: null, partner: null, source: null, verdict: 'qualifying' as const, score: 40, answers: '{}', leadPrint: 'p', result: '{}', nextAction: null };
    await imp.add([row]);
    expect(await imp.commit()).toEqual({ created: 1, updated: 0, unchanged: 0, duplicates: 0 });
    expect(await pgQuery(app, 'SELECT company FROM leads ORDER BY id')).toEqual([{ company: 'Acme' }, { company: 'Globex' }]);

    for (const ddl of ['CREATE TABLE notes (x text)', 'DROP TABLE referrals', 'ALTER TABLE leads ADD COLUMN x text', 'TRUNCATE leads CASCADE', 'CREATE SCHEMA mine']) {
      const err = await refusal(pgQuery(app, ddl));
      expect(err, ddl).toMatchObject({ exitCode: 77, key: 'pg.permission' });
    }
    expect(await pgQuery(app, 'SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user')).toEqual([
      { rolsuper: false, rolcreatedb: false, rolcreaterole: false },
    ]);
  });

  it('no other role may connect to leadq’s database', async () => {
    const stranger = `leadq_stranger_${suffix}`;
    await adminQuery(`CREATE ROLE ${stranger} LOGIN PASSWORD 'pw-${stranger}'`);
    try {
      // Refused at the door (CONNECT), not only at the tables.
      const err = await refusal(connectPg(await urlAs(stranger), { env: {} }));
      expect(err).toMatchObject({ exitCode: 77, key: 'pg.permission' });
      expect(String(err.params.reason)).toContain(`permission denied for database`);
    } finally {
      await adminQuery(`DROP ROLE ${stranger}`);
    }
  });
});
