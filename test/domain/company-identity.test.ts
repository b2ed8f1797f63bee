import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCompany } from '../../src/domain/company.js';

// Schema version 2 recomputes every stored company key with today's rule. Two stored leads had different keys under
// the old rule (a unique index); they keep different keys when the new rule tells apart at least what the old one did.
// This is the old rule (schema version 1), kept here as the yardstick.
const OLD_LATIN = new Set(['co', 'coltd', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'gmbh', 'ag', 'sa', 'plc', 'pte', 'pty']);
const OLD_CJK = ['股份有限公司', '有限责任公司', '有限公司', '公司'];
function oldKey(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase();
  if (/^[a-z0-9]+$/.test(folded)) return folded;
  const words = folded
    .replace(/[.·・]/g, '')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w !== '');
  if (words.length === 0) return folded.trim();
  let end = words.length;
  while (end > 1 && OLD_LATIN.has(words[end - 1] ?? '')) end--;
  const key = words.slice(0, end).join('');
  for (const suffix of OLD_CJK) if (key.endsWith(suffix)) return key.length > suffix.length ? key.slice(0, -suffix.length) : key;
  return key;
}

// Names built the way company names are: words, digits, symbols, separators and legal forms, in any order.
const piece = fc.constantFrom('Acme', 'co', 'Co.', 'Ltd', 'Ltd.', 'Inc', 'L.L.C.', 'S.A.', 'GmbH', 'Corp', 'a', 'A', 'b', '1', '12', '20', '_', '&', '+', '@', '#', '-', "'", '.', ',', ', ', ' ', '  ', '(', ')', '华信', '科技', '有限公司', '公司', '股份有限公司', '（上海）', '。', 'Ｃｏ', '１');
const companyName = fc.array(piece, { minLength: 1, maxLength: 7 }).map((parts) => parts.join(''));

describe('the new company key refines the old one (no two stored leads can collide in the v2 migration)', () => {
  it('names the new rule takes as one company were one company under the old rule too (property)', () => {
    fc.assert(
      fc.property(fc.array(companyName, { minLength: 100, maxLength: 400 }), (names) => {
        // Batches of names from few pieces: many share a new key, and each such group must share its old key.
        const oldOf = new Map<string, { name: string; old: string }>();
        for (const name of names) {
          const seen = oldOf.get(normaliseCompany(name));
          if (seen === undefined) oldOf.set(normaliseCompany(name), { name, old: oldKey(name) });
          else expect(oldKey(name), `${JSON.stringify(seen.name)} / ${JSON.stringify(name)}`).toBe(seen.old);
        }
      }),
      { numRuns: 300 },
    );
  });
});
