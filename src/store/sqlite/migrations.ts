import { normaliseCompany } from '../../domain/company.js';
import type { Db } from './db.js';
import { migratedMs } from './times.js';

// Append-only: never edit a released migration; add the next version instead.
// Each entry upgrades the file from version index to index+1; PRAGMA user_version holds the version.

/** The schema version this leadq writes; a data file with a larger user_version comes from a newer leadq. */
export const SCHEMA_VERSION = 6;

/** One migration: SQL, or a function for what SQL alone cannot do (it runs inside the same transaction). */
export type Migration = string | ((db: Db) => void);

/**
 * Recomputes every company key with the current normaliseCompany. Use it again in a later migration whenever the
 * rule changes: keys made by an older rule would stop matching the names people type.
 *
 * Two leads whose new keys coincide are never merged: the first (lowest id) gets the key, the others a key no name
 * normalises to (it holds a space: normaliseCompany removes every space from a name with a letter or digit), so they
 * stay reachable by id. The v2 rule tells apart all that v1 did for names as companies write them (see
 * test/domain/company-identity.test.ts), so this is a guard, not an expected path.
 */
export function recomputeCompanyKeys(db: Db): void {
  db.function('leadq_company_key', { deterministic: true }, (company: unknown) => normaliseCompany(String(company)));
  db.exec(`
    CREATE TEMP TABLE new_company_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL);
    INSERT INTO new_company_keys SELECT id, leadq_company_key(company) FROM leads;
    CREATE INDEX temp.new_company_keys_key ON new_company_keys(key, id);
    UPDATE new_company_keys SET key = key || ' #' || id
     WHERE id <> (SELECT min(n.id) FROM new_company_keys n WHERE n.key = new_company_keys.key);
    DROP INDEX leads_company_key;
    UPDATE leads SET company_key = n.key FROM new_company_keys n WHERE n.id = leads.id AND leads.company_key <> n.key;
    CREATE UNIQUE INDEX leads_company_key ON leads(company_key);
    UPDATE industry_rankings SET company_key = leadq_company_key(company) WHERE company_key <> leadq_company_key(company);
    DROP TABLE new_company_keys;
  `);
}

/** Migration N+1 is MIGRATIONS[N]: run inside one immediate transaction with the version bump. */
export const MIGRATIONS: readonly Migration[] = [
  // v1: leads, qualification history, contacts, referral requests and referrals, industry rankings.
  `
  CREATE TABLE leads (
    id              INTEGER PRIMARY KEY,
    company         TEXT NOT NULL,
    company_key     TEXT NOT NULL,             -- normaliseCompany(company): dedup and lookup
    credit_code     TEXT,                      -- 统一社会信用代码 (18 chars), identifies a company outright
    contact         TEXT,
    title           TEXT,
    phone           TEXT,
    email           TEXT,
    industry        TEXT,
    source          TEXT NOT NULL DEFAULT 'cold'
                    CHECK (source IN ('competitor_customer','referral','channel','top20','cold','inbound','other')),
    competitor      TEXT,
    partner         TEXT,
    referrer_id     INTEGER REFERENCES leads(id) ON DELETE SET NULL,
    notes           TEXT,
    status          TEXT NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new','qualifying','precise','disqualified','won','lost')),
    score           INTEGER CHECK (score BETWEEN 0 AND 100),   -- of the latest qualification
    close_note      TEXT,
    last_contact_at TEXT,                      -- max(contacts.at), kept in the same transaction as each contact
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX leads_company_key ON leads(company_key);
  CREATE UNIQUE INDEX leads_credit_code ON leads(credit_code) WHERE credit_code IS NOT NULL;
  CREATE INDEX leads_status ON leads(status, id);
  CREATE INDEX leads_source ON leads(source, id);
  CREATE INDEX leads_industry ON leads(industry, id);
  CREATE INDEX leads_referrer ON leads(referrer_id) WHERE referrer_id IS NOT NULL;

  CREATE TABLE qualifications (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    answers         TEXT NOT NULL CHECK (json_valid(answers)),  -- the answers as given (Answers, money as numbers)
    result          TEXT NOT NULL CHECK (json_valid(result)),   -- the engine's Qualification (codes, no text)
    verdict         TEXT NOT NULL CHECK (verdict IN ('precise','qualifying','disqualified')),
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    engine_version  INTEGER NOT NULL,
    created_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX qualifications_lead ON qualifications(lead_id, id);

  CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('visit','call','email','meeting')),
    at              TEXT NOT NULL,             -- ISO 8601
    note            TEXT,
    created_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX contacts_lead ON contacts(lead_id, at);
  CREATE INDEX contacts_kind_at ON contacts(kind, at);

  CREATE TABLE referral_requests (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,  -- the referrer asked
    asked           INTEGER NOT NULL CHECK (asked BETWEEN 1 AND 3),          -- 1 at least, 3 is best, never more
    note            TEXT,
    asked_at        TEXT NOT NULL
  ) STRICT;
  CREATE INDEX referral_requests_lead ON referral_requests(lead_id, id);

  CREATE TABLE referrals (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER REFERENCES referral_requests(id) ON DELETE SET NULL,
    referrer_id     INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    lead_id         INTEGER NOT NULL UNIQUE REFERENCES leads(id) ON DELETE CASCADE,  -- the referred lead
    created_at      TEXT NOT NULL
  ) STRICT;
  CREATE INDEX referrals_request ON referrals(request_id);
  CREATE INDEX referrals_referrer ON referrals(referrer_id);

  CREATE TABLE industry_rankings (
    industry        TEXT NOT NULL,
    rank            INTEGER NOT NULL CHECK (rank >= 1),
    company         TEXT NOT NULL,
    company_key     TEXT NOT NULL,
    lead_id         INTEGER REFERENCES leads(id) ON DELETE SET NULL,
    imported_at     TEXT NOT NULL,
    PRIMARY KEY (industry, rank)
  ) STRICT;
  CREATE INDEX industry_rankings_lead ON industry_rankings(lead_id);
  `,
  // v2: company keys keep the characters that tell companies apart ("C&A" is not "CA, Inc."; "Co 1_20" is not
  // "Co 12_0"); only case, width, spaces and legal forms fold.
  recomputeCompanyKeys,
  // v3: the rep's day (\`leadq today\`, \`lead list --sort/--stale\`, follow-ups, undoing a contact). What the worklist
  // ranks by is kept on the lead, in the same transaction as the rows it comes from, so that ranking a million leads
  // reads one table through an index: the latest qualification's time and first next action, the latest visit, and
  // the follow-up day. A lead added with --referrer before v3 gets the referrals row it lacked (no request known).
  `
  ALTER TABLE leads ADD COLUMN qualified_at TEXT;      -- created_at of the latest qualification
  ALTER TABLE leads ADD COLUMN next_action TEXT CHECK (next_action IS NULL OR json_valid(next_action));  -- its first next action {code, params}
  ALTER TABLE leads ADD COLUMN last_visit_at TEXT;     -- max(contacts.at) of kind visit
  ALTER TABLE leads ADD COLUMN follow_up_on TEXT;      -- contact --next: a local day, YYYY-MM-DD
  UPDATE leads SET
    qualified_at = (SELECT q.created_at FROM qualifications q WHERE q.lead_id = leads.id ORDER BY q.id DESC LIMIT 1),
    next_action = (SELECT json_extract(q.result, '$.nextActions[0]') FROM qualifications q WHERE q.lead_id = leads.id ORDER BY q.id DESC LIMIT 1),
    last_visit_at = (SELECT max(c.at) FROM contacts c WHERE c.lead_id = leads.id AND c.kind = 'visit');
  CREATE INDEX leads_status_score ON leads(status, score DESC, id);
  CREATE INDEX leads_qualified_at ON leads(qualified_at, id);
  CREATE INDEX leads_last_contact ON leads(last_contact_at, id);
  CREATE INDEX leads_updated ON leads(updated_at, id);
  CREATE INDEX leads_follow_up ON leads(follow_up_on, id) WHERE follow_up_on IS NOT NULL;
  CREATE INDEX referral_requests_asked ON referral_requests(asked_at);
  INSERT INTO referrals (request_id, referrer_id, lead_id, created_at)
    SELECT NULL, l.referrer_id, l.id, l.created_at FROM leads l
     WHERE l.referrer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM referrals f WHERE f.lead_id = l.id);
  `,
  // v4: who did it (teams): the lead's owner (its creator unless changed), and who logged each contact, qualification
  // and referral request. NULL in rows made before: nobody was recorded (such leads count as unowned).
  `
  ALTER TABLE leads ADD COLUMN owner TEXT;
  CREATE INDEX leads_owner ON leads(owner, id);
  ALTER TABLE qualifications ADD COLUMN "by" TEXT;
  ALTER TABLE contacts ADD COLUMN "by" TEXT;
  ALTER TABLE referral_requests ADD COLUMN "by" TEXT;
  `,
  // v5: what each contact did to its lead's follow-up day (before and after it was logged), so that deleting a contact
  // logged by mistake puts the follow-up back as it was (NULL in rows made before: nothing to put back).
  `
  ALTER TABLE contacts ADD COLUMN follow_up_before TEXT;
  ALTER TABLE contacts ADD COLUMN follow_up_after TEXT;
  `,
  // v6: a million imported leads in under 600 bytes each, written faster. Every table is rebuilt (same rows, same
  // ids), because SQLite cannot change a column's type or a CHECK in place:
  // - times become integer milliseconds since 1970 UTC (sqlite/times.ts): six bytes instead of 24 of ISO text, four
  //   times a lead and in two indexes (days stay YYYY-MM-DD text);
  // - CHECKs are written with OR: SQLite builds a temporary table for an \`x IN (…)\` list on every row written (2.4 µs
  //   a row, a third of an import's time; in the WHERE of a partial index too), the same test with OR costs nothing;
  // - four indexes on columns of a handful of values (status, source, industry, owner), 90 bytes a lead, go: a filter
  //   on them reads the table in id order, and \`| head\` stops at the first rows. The stale-qualification index holds
  //   only the leads \`today\` can list as stale (open, not qualifying), the last-contact index only leads ever contacted
  //   (\`lead list --sort last_contact\` reads the others first, in id order);
  // - an import's qualification keeps the print of the lead fields its answers no longer hold (imported-answers.ts).
  // Runs with foreign keys off (open.ts), as SQLite's procedure for rebuilding a table asks, and checked before COMMIT.
  rebuildForAMillionLeads,
];

/** Migration v6 (see MIGRATIONS): every table rebuilt, times as milliseconds. */
export function rebuildForAMillionLeads(db: Db): void {
  db.function('leadq_ms', { deterministic: true }, migratedMs);
  // Each value converted exactly, or the migration stops naming where the value that is no time is.
  const ms = (table: string, column: string) => `leadq_ms(${column}, '${table}.${column}', rowid)`;
  db.exec(`
  CREATE TABLE leads_v6 (
    id              INTEGER PRIMARY KEY,
    company         TEXT NOT NULL,
    company_key     TEXT NOT NULL,
    credit_code     TEXT,
    contact         TEXT,
    title           TEXT,
    phone           TEXT,
    email           TEXT,
    industry        TEXT,
    source          TEXT NOT NULL DEFAULT 'cold'
                    CHECK (source = 'competitor_customer' OR source = 'referral' OR source = 'channel' OR source = 'top20'
                           OR source = 'cold' OR source = 'inbound' OR source = 'other'),
    competitor      TEXT,
    partner         TEXT,
    referrer_id     INTEGER REFERENCES leads(id) ON DELETE SET NULL,
    notes           TEXT,
    status          TEXT NOT NULL DEFAULT 'new'
                    CHECK (status = 'new' OR status = 'qualifying' OR status = 'precise' OR status = 'disqualified'
                           OR status = 'won' OR status = 'lost'),
    score           INTEGER CHECK (score BETWEEN 0 AND 100),
    close_note      TEXT,
    last_contact_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    qualified_at    INTEGER,
    next_action     TEXT CHECK (next_action IS NULL OR json_valid(next_action)),
    last_visit_at   INTEGER,
    follow_up_on    TEXT,
    owner           TEXT
  ) STRICT;
  INSERT INTO leads_v6 SELECT id, company, company_key, credit_code, contact, title, phone, email, industry, source, competitor,
    partner, referrer_id, notes, status, score, close_note, ${ms('leads', 'last_contact_at')}, ${ms('leads', 'created_at')}, ${ms('leads', 'updated_at')},
    ${ms('leads', 'qualified_at')}, next_action, ${ms('leads', 'last_visit_at')}, follow_up_on, owner FROM leads;
  DROP TABLE leads;
  ALTER TABLE leads_v6 RENAME TO leads;
  CREATE UNIQUE INDEX leads_company_key ON leads(company_key);
  CREATE UNIQUE INDEX leads_credit_code ON leads(credit_code) WHERE credit_code IS NOT NULL;
  CREATE INDEX leads_referrer ON leads(referrer_id) WHERE referrer_id IS NOT NULL;
  CREATE INDEX leads_status_score ON leads(status, score DESC, id);
  CREATE INDEX leads_qualified_at ON leads(qualified_at, id) WHERE status = 'new' OR status = 'precise' OR status = 'disqualified';
  CREATE INDEX leads_last_contact ON leads(last_contact_at, id) WHERE last_contact_at IS NOT NULL;
  CREATE INDEX leads_updated ON leads(updated_at, id);
  CREATE INDEX leads_follow_up ON leads(follow_up_on, id) WHERE follow_up_on IS NOT NULL;

  CREATE TABLE qualifications_v6 (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    answers         TEXT NOT NULL CHECK (json_valid(answers)),
    result          TEXT NOT NULL CHECK (json_valid(result)),
    verdict         TEXT NOT NULL CHECK (verdict = 'precise' OR verdict = 'qualifying' OR verdict = 'disqualified'),
    score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    engine_version  INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    "by"            TEXT,
    lead_print      TEXT
  ) STRICT;
  INSERT INTO qualifications_v6 SELECT id, lead_id, answers, result, verdict, score, engine_version, ${ms('qualifications', 'created_at')}, "by", NULL FROM qualifications;
  DROP TABLE qualifications;
  ALTER TABLE qualifications_v6 RENAME TO qualifications;
  CREATE INDEX qualifications_lead ON qualifications(lead_id, id);

  CREATE TABLE contacts_v6 (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind = 'visit' OR kind = 'call' OR kind = 'email' OR kind = 'meeting'),
    at              INTEGER NOT NULL,
    note            TEXT,
    created_at      INTEGER NOT NULL,
    "by"            TEXT,
    follow_up_before TEXT,
    follow_up_after TEXT
  ) STRICT;
  INSERT INTO contacts_v6 SELECT id, lead_id, kind, ${ms('contacts', 'at')}, note, ${ms('contacts', 'created_at')}, "by", follow_up_before, follow_up_after FROM contacts;
  DROP TABLE contacts;
  ALTER TABLE contacts_v6 RENAME TO contacts;
  CREATE INDEX contacts_lead ON contacts(lead_id, at);
  CREATE INDEX contacts_kind_at ON contacts(kind, at);

  CREATE TABLE referral_requests_v6 (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    asked           INTEGER NOT NULL CHECK (asked BETWEEN 1 AND 3),
    note            TEXT,
    asked_at        INTEGER NOT NULL,
    "by"            TEXT
  ) STRICT;
  INSERT INTO referral_requests_v6 SELECT id, lead_id, asked, note, ${ms('referral_requests', 'asked_at')}, "by" FROM referral_requests;
  DROP TABLE referral_requests;
  ALTER TABLE referral_requests_v6 RENAME TO referral_requests;
  CREATE INDEX referral_requests_lead ON referral_requests(lead_id, id);
  CREATE INDEX referral_requests_asked ON referral_requests(asked_at);

  CREATE TABLE referrals_v6 (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER REFERENCES referral_requests(id) ON DELETE SET NULL,
    referrer_id     INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    lead_id         INTEGER NOT NULL UNIQUE REFERENCES leads(id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL
  ) STRICT;
  INSERT INTO referrals_v6 SELECT id, request_id, referrer_id, lead_id, ${ms('referrals', 'created_at')} FROM referrals;
  DROP TABLE referrals;
  ALTER TABLE referrals_v6 RENAME TO referrals;
  CREATE INDEX referrals_request ON referrals(request_id);
  CREATE INDEX referrals_referrer ON referrals(referrer_id);

  CREATE TABLE industry_rankings_v6 (
    industry        TEXT NOT NULL,
    rank            INTEGER NOT NULL CHECK (rank >= 1),
    company         TEXT NOT NULL,
    company_key     TEXT NOT NULL,
    lead_id         INTEGER REFERENCES leads(id) ON DELETE SET NULL,
    imported_at     INTEGER NOT NULL,
    PRIMARY KEY (industry, rank)
  ) STRICT;
  INSERT INTO industry_rankings_v6 SELECT industry, rank, company, company_key, lead_id, ${ms('industry_rankings', 'imported_at')} FROM industry_rankings;
  DROP TABLE industry_rankings;
  ALTER TABLE industry_rankings_v6 RENAME TO industry_rankings;
  CREATE INDEX industry_rankings_lead ON industry_rankings(lead_id);
  `);
}

