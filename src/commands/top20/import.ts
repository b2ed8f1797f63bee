import type { Context } from '../../context.js';
import type { EncodingOption } from '../../csv/encodings.js';
import { foldHeader } from '../../csv/presets.js';
import { TOP_RANKS } from '../../domain/lead-sources.js';
import { DataError } from '../../errors.js';
import { watchInput } from '../../files/interrupt.js';
import { msg, type MessageKey, type Params } from '../../i18n/index.js';
import type { IndustryRanking } from '../../store/store.js';
import type { Top20ImportInput } from './spec.js';

// Header names of the three columns, English and Chinese (compared folded as `score` folds headers: foldHeader).
const RANKING_HEADERS: Readonly<Record<keyof IndustryRanking, readonly string[]>> = {
  industry: ['industry', 'sector', '行业', '所属行业', '行业名称'],
  rank: ['rank', 'ranking', 'position', '排名', '名次', '排行'],
  company: ['company', 'company name', 'account', 'account name', '公司', '公司名称', '企业', '企业名称', '客户名称'],
};

/** Where each column of a ranking file is, from its header row; missing ones are named in the error (65). */
export function rankingColumns(header: readonly string[], file: string): Record<keyof IndustryRanking, number> {
  const { found, missing } = findRankingColumns(header);
  if (missing.length > 0) throw new DataError('top20.missingColumns', { file, columns: missing.join(', ') });
  return found as Record<keyof IndustryRanking, number>;
}

/** The ranking columns a header row names, and the ones it lacks. */
function findRankingColumns(header: readonly string[]): { found: Partial<Record<keyof IndustryRanking, number>>; missing: string[] } {
  const names = header.map(foldHeader);
  const found: Partial<Record<keyof IndustryRanking, number>> = {};
  const missing: string[] = [];
  for (const [field, aliases] of Object.entries(RANKING_HEADERS) as [keyof IndustryRanking, readonly string[]][]) {
    const index = names.findIndex((n) => aliases.includes(n));
    if (index === -1) missing.push(field);
    else found[field] = index;
  }
  return { found, missing };
}

/** A record of a ranking file: its fields, the line it starts on, and whether its quoting was broken. */
export interface RankingRecord {
  readonly fields: readonly string[];
  readonly line: number;
  readonly malformed?: boolean;
  /** Bytes not valid in the encoding named (--encoding). */
  readonly badBytes?: boolean;
}

/** A bad row of a ranking file: its line and why. */
export interface RankingProblem {
  readonly line: number;
  readonly key: MessageKey;
  readonly params: Params;
}

/**
 * Turns a ranking file's records into rankings, or lists every bad row: no industry, no company, a rank that is not a
 * positive whole number, or an (industry, rank) given twice. Blank rows are skipped.
 */
export function parseRankings(
  records: Iterable<RankingRecord>,
  columns: Record<keyof IndustryRanking, number>,
): { rankings: IndustryRanking[]; problems: RankingProblem[] } {
  const rankings: IndustryRanking[] = [];
  const problems: RankingProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const { fields, line, malformed, badBytes } of records) {
    if (fields.every((f) => f.trim() === '')) continue;
    if (badBytes === true) {
      problems.push({ line, key: 'top20.reason.badBytes', params: {} });
      continue;
    }
    if (malformed === true) {
      problems.push({ line, key: 'top20.reason.malformed', params: {} });
      continue;
    }
    const industry = (fields[columns.industry] ?? '').trim();
    const company = (fields[columns.company] ?? '').trim();
    const rankText = (fields[columns.rank] ?? '').normalize('NFKC').trim();
    const rank = /^\d{1,9}$/.test(rankText) ? Number(rankText) : 0;
    if (industry === '') problems.push({ line, key: 'top20.reason.noIndustry', params: {} });
    if (company === '') problems.push({ line, key: 'top20.reason.noCompany', params: {} });
    if (rank < 1) problems.push({ line, key: 'top20.reason.badRank', params: { value: rankText } });
    if (industry === '' || company === '' || rank < 1) continue;
    const slot = `${industry}\u0000${rank}`;
    const first = firstLine.get(slot);
    if (first !== undefined) {
      problems.push({ line, key: 'top20.reason.duplicateRank', params: { industry, rank, first } });
      continue;
    }
    firstLine.set(slot, line);
    rankings.push({ industry, rank, company });
  }
  return { rankings, problems };
}

const PROBLEMS_SHOWN = 20;

/** `leadq top20 import`: a whole ranking file in one transaction, or nothing (65) when any row is bad. */
export async function handler(ctx: Context, input: Top20ImportInput): Promise<void> {
  const { file } = input;
  const encoding = input.encoding ?? 'auto';
  const name = file === '-' ? 'stdin' : file;
  const { header, records } = await readRankingRecords(ctx, file, encoding);
  const columns = rankingColumns(header, name);
  const { rankings, problems } = parseRankings(records, columns);
  if (problems.length > 0) {
    // A reason may quote the file's cells: shown terminal-safe.
    for (const p of problems.slice(0, PROBLEMS_SHOWN)) ctx.log.say('top20.rowLine', { line: p.line, reason: msg(p.key, p.params) });
    if (problems.length > PROBLEMS_SHOWN) ctx.log.say('top20.moreRows', { count: problems.length - PROBLEMS_SHOWN });
    const rows = new Set(problems.map((p) => p.line)).size;
    throw new DataError('top20.badRows', { file: name, count: rows }, 'top20.badRowsHint');
  }
  const now = ctx.now().toISOString();
  // A company ranked past the top 20 is kept in its industry's ranking, but it is not a top-20 account: no lead of
  // source top20 is made of it (one that is already a lead is linked).
  let pastTop = 0;
  const outcome = await ctx.store.write((tx) => {
    pastTop = 0; // a write retried after a busy store starts again
    return tx.replaceIndustryRankings(rankings, now, async (r) => {
      if (r.rank <= TOP_RANKS) return (await tx.insertLead({ company: r.company, industry: r.industry, source: 'top20' }, now)).id;
      pastTop++;
      return null;
    });
  });
  ctx.log.say('top20.imported', { ...outcome });
  if (pastTop > 0) ctx.log.say('top20.pastTop', { count: pastTop, top: TOP_RANKS });
}

/** Reads a ranking file (any encoding the CSV reader takes, BOM, delimiter sniffed) into its header and records. */
async function readRankingRecords(
  ctx: Context,
  file: string,
  encoding: EncodingOption,
): Promise<{ header: readonly string[]; records: RankingRecord[] }> {
  const { readCsv } = await import('../../csv/read.js');
  const { buildVocabularies, loadVocabulary } = await import('../../csv/vocab.js');
  // A FIFO being read blocks a thread that a signal must be able to wake (files/interrupt.ts).
  const unwatch = file === '-' ? () => undefined : watchInput(file);
  let head: Awaited<ReturnType<typeof readCsv>>['head'];
  const all: RankingRecord[] = [];
  try {
    // The header is the first line naming the three columns: a title row above it is skipped.
    const read = await readCsv(file, ctx.stdin, { encoding, isHeader: (fields) => findRankingColumns(fields).missing.length === 0 });
    head = read.head;
    // Rankings are small (industries × 20): read them whole, so nothing is written before every row is checked.
    for await (const record of read.records) all.push(record);
  } finally {
    unwatch();
  }
  const { skippedText, footerText } = await import('../score/view.js');
  if (head.skippedCount > 0) ctx.log.say(skippedText(head));
  // A report's footer after the last ranking (合计, Generated By …) is no ranking row: skipped and said.
  const { grammar } = buildVocabularies(loadVocabulary());
  let end = all.length;
  while (end > 0 && footerLike(all[end - 1]!.fields, head.headers.length, (cell) => grammar.isFooterStart(cell))) end--;
  const footer = all.slice(end).filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (footer.length > 0) ctx.log.say(footerText(footer.map((r) => ({ fields: [...r.fields], line: r.line }))));
  return { header: head.headers, records: all.slice(0, end) };
}

/** A ranking file's footer line: blank, starting with a footer word, or one filled cell in a file of several columns. */
function footerLike(fields: readonly string[], width: number, isFooterStart: (cell: string) => boolean): boolean {
  const filled = fields.filter((f) => f.trim() !== '');
  return filled.length === 0 || isFooterStart(filled[0]!) || (filled.length === 1 && width > 1);
}
