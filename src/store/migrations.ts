// Append-only: never edit a released migration; add the next version instead.
// Each entry upgrades the file from version index to index+1; PRAGMA user_version holds the version.

/** The schema version this leadq writes; a data file with a larger user_version comes from a newer leadq. */
export const SCHEMA_VERSION = 1;

/** Migration N+1 is MIGRATIONS[N]: SQL run inside one immediate transaction with the version bump. */
export const MIGRATIONS: readonly string[] = [
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
];
