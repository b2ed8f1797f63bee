// The tables every store keeps, column by column, in the order `db copy` writes them (parents before children). Both
// schemas (sqlite/migrations.ts, postgres/migrations.ts) have exactly these columns at the current version, so a
// record moves between stores as it is: ids, times (ISO text), the answers and result JSON text. PURE.

/** One table: its name and columns (constants: the only identifiers ever put into copy SQL). */
export interface StoreTable {
  readonly name: string;
  readonly columns: readonly string[];
  /** Whether rows have an id the store hands out (the others are keyed otherwise). */
  readonly hasId: boolean;
}

/** Every table, parents first. */
export const STORE_TABLES: readonly StoreTable[] = [
  {
    name: 'leads',
    hasId: true,
    columns: [
      'id', 'company', 'company_key', 'credit_code', 'contact', 'title', 'phone', 'email', 'industry', 'source', 'competitor', 'partner',
      'referrer_id', 'notes', 'status', 'score', 'close_note', 'last_contact_at', 'created_at', 'updated_at', 'qualified_at', 'next_action',
      'last_visit_at', 'follow_up_on', 'owner',
    ],
  },
  { name: 'qualifications', hasId: true, columns: ['id', 'lead_id', 'answers', 'result', 'verdict', 'score', 'engine_version', 'created_at', 'by', 'lead_print'] },
  { name: 'contacts', hasId: true, columns: ['id', 'lead_id', 'kind', 'at', 'note', 'created_at', 'by', 'follow_up_before', 'follow_up_after'] },
  { name: 'referral_requests', hasId: true, columns: ['id', 'lead_id', 'asked', 'note', 'asked_at', 'by'] },
  { name: 'referrals', hasId: true, columns: ['id', 'request_id', 'referrer_id', 'lead_id', 'created_at'] },
  { name: 'industry_rankings', hasId: false, columns: ['industry', 'rank', 'company', 'company_key', 'lead_id', 'imported_at'] },
];

/** A stored row: column → value. */
export type StoredRow = Readonly<Record<string, string | number | null>>;

/** The columns of a table as a SELECT or INSERT list (each one quoted: `by` is an SQL keyword). */
export function columnList(table: StoreTable): string {
  return table.columns.map((c) => `"${c}"`).join(', ');
}
