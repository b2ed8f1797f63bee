import { fstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Context } from '../context.js';
import { encodingOption } from '../csv/encodings.js';
import { FIELDS, fieldNamed, type FieldDef } from '../csv/fields.js';
import { SCORE_FORMATS, type ScoreFormat } from '../csv/formats.js';
import { RejectsOutput, rejectText, ScoreOutput } from '../csv/output.js';
import { detectMapping, foldHeader, loadPresets, mappingForPreset, presetNames, withOverrides, type ColumnMapping } from '../csv/presets.js';
import { encodingName } from '../csv/decode.js';
import { delimiterOption, openCsv, openSource, type CsvFile, type CsvHead } from '../csv/read.js';
import { addCounts, emptyCounts, type RejectedRow, type ScoreCounts } from '../csv/scorer.js';
import { scoreFile } from '../csv/pipeline.js';
import { ProgressBar } from '../csv/progress.js';
import { fileSink, streamSink, type TextSink } from '../csv/sink.js';
import { isSpecialFile } from '../files.js';
import type { Db } from '../store/db.js';
import type { ImportTotals, LeadImport } from '../store/imports.js';
import { DataError, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { formatOption, renderTable } from '../output/format.js';
import type { ScoreOptions } from './score.js';

// On stdout, rejects are listed on stderr; past this many only their count.
const REJECTS_ON_STDERR = 20;

/** `leadq score`: read → map → score → write, streaming; rejects and a summary on the side. */
export async function runScore(ctx: Context, file: string, options: ScoreOptions): Promise<void> {
  const started = performance.now();
  const encoding = encodingOption(options.encoding);
  const format = formatOption(options.format, SCORE_FORMATS);
  const delimiter = options.delimiter === undefined ? undefined : delimiterOption(options.delimiter);
  const overrides = parseMaps(options.map);
  if (options.showMapping !== true) refuseOverwrites(file, ctx.stdin, outputFiles(options));
  const source = await openSource(file, ctx.stdin);
  try {
    const csv = await openCsv(source, { encoding, delimiter });
    const mapping = mapColumns(csv.head, options.preset, overrides);
    if (options.showMapping === true) {
      ctx.stdout.write(mappingText(csv.head, mapping));
      return;
    }
    if (![...mapping.columns.keys()].some((f) => f.name === 'company')) {
      throw new DataError('csv.noCompanyColumn', {}, 'csv.hintMapCompany', { headers: quoteList(csv.head.headers) });
    }
    const { counts, imported } = await scoreToOutputs(ctx, csv, mapping, options, format);
    ctx.stderr.write(`leadq: ${summaryText(counts, performance.now() - started)}\n`);
    if (imported !== undefined) ctx.stderr.write(`leadq: ${t('csv.summaryImport', { db: ctx.dbPath, ...countsText(imported) })}\n`);
  } finally {
    await source.close();
  }
}

/** The files a run writes: the scored rows (undefined: stdout) and the rejects (undefined: a summary on stderr). */
function outputFiles(options: ScoreOptions): { out: string | undefined; rejects: string | undefined } {
  const out = options.out === undefined || options.out === '-' ? undefined : options.out;
  // `<out>.rejects.csv` only beside a regular file: --out /dev/null must not create /dev/null.rejects.csv.
  const besideOut = out !== undefined && !isSpecialFile(out);
  return { out, rejects: options.rejects ?? (besideOut ? `${out}.rejects.csv` : undefined) };
}

/** Refuses (exit 64) an output that is the input file (stdin redirected from it too), or both outputs in one file: the rename at commit would replace it. */
function refuseOverwrites(input: string, stdin: NodeJS.ReadableStream, files: { out: string | undefined; rejects: string | undefined }): void {
  // A missing input is not an output's twin: openSource says it is missing (exit 66).
  const inputId = input === '-' ? stdinIdentity(stdin) : existingIdentity(input);
  const outId = files.out === undefined ? undefined : fileIdentity(files.out);
  const rejectsId = files.rejects === undefined ? undefined : fileIdentity(files.rejects);
  // The name to suggest a new one from (stdin has none of its own).
  const named = input === '-' ? (files.out ?? files.rejects ?? 'leads.csv') : input;
  if (outId !== undefined && outId === inputId) throw new UsageError('csv.outIsInput', { file: files.out! }, 'csv.hintOtherFile', { suggestion: `--out ${besideAs(named, 'scored')}` });
  if (rejectsId !== undefined && rejectsId === inputId) throw new UsageError('csv.rejectsIsInput', { file: files.rejects! }, 'csv.hintOtherFile', { suggestion: `--rejects ${besideAs(named, 'rejects')}` });
  if (rejectsId !== undefined && rejectsId === outId) throw new UsageError('csv.rejectsIsOut', { file: files.rejects! }, 'csv.hintOtherFile', { suggestion: `--rejects ${files.out!}.rejects.csv` });
}

/** Which file a path names: device and inode when it exists (so symlinks and hard links compare equal), else its resolved path. */
function fileIdentity(file: string): string {
  const existing = existingIdentity(file);
  if (existing !== undefined) return existing;
  let dir = resolve(dirname(file));
  try {
    dir = realpathSync(dir);
  } catch {
    // the folder does not exist either: writing will fail with exit 73
  }
  return `path:${join(dir, basename(file))}`;
}

/** Device and inode of an existing file (undefined when there is none). */
function existingIdentity(file: string): string | undefined {
  return identityOf(() => statSync(file));
}

/** The file stdin is redirected from (`leadq score - < f.csv`), if it is one. */
function stdinIdentity(stdin: NodeJS.ReadableStream): string | undefined {
  const fd = (stdin as { fd?: unknown }).fd;
  return typeof fd === 'number' ? identityOf(() => fstatSync(fd), true) : undefined;
}

/** Device and inode from a stat call, or undefined when it fails (or, regularOnly, names no regular file). */
function identityOf(stat: () => Stats, regularOnly = false): string | undefined {
  try {
    const st = stat();
    return regularOnly && !st.isFile() ? undefined : `inode:${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** A file beside `file` with a tag before its extension: leads.csv → leads.scored.csv. */
function besideAs(file: string, tag: string): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.${tag}${ext || '.csv'}`);
}

/** Parses the --map values: field=Header (an empty Header unmaps the field). */
function parseMaps(values: readonly string[]): Map<FieldDef, string | undefined> {
  const out = new Map<FieldDef, string | undefined>();
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError('csv.badMap', { value });
    const field = fieldNamed(value.slice(0, eq));
    if (field === undefined) throw new UsageError('csv.unknownField', { value: value.slice(0, eq) }, 'csv.hintFields', { fields: FIELDS.map((f) => f.name).join(', ') });
    const header = value.slice(eq + 1);
    out.set(field, header.trim() === '' ? undefined : header);
  }
  return out;
}

/** The mapping in force: --preset or detected, then --map on top (a header not in the file is exit 64). */
function mapColumns(head: CsvHead, preset: string | undefined, overrides: ReadonlyMap<FieldDef, string | undefined>): ColumnMapping {
  let mapping: ColumnMapping;
  if (preset === undefined) mapping = detectMapping(head.headers);
  else {
    const chosen = mappingForPreset(head.headers, preset);
    if (chosen === undefined) throw new UsageError('csv.unknownPreset', { value: preset }, 'csv.hintPresets', { presets: presetNames().join(', ') });
    mapping = chosen;
  }
  if (overrides.size === 0) return mapping;
  const columns = new Map<FieldDef, number | undefined>();
  for (const [field, header] of overrides) {
    if (header === undefined) {
      columns.set(field, undefined);
      continue;
    }
    let i = head.headers.indexOf(header);
    if (i === -1) i = head.headers.map(foldHeader).indexOf(foldHeader(header));
    if (i === -1) throw new UsageError('csv.unknownHeader', { header, field: `${field.name}=${header}` }, 'csv.hintHeaders', { headers: quoteList(head.headers) });
    columns.set(field, i);
  }
  return withOverrides(mapping, head.headers, columns);
}

function quoteList(headers: readonly string[]): string {
  return headers.map((h) => `"${h}"`).join(', ');
}

/** --show-mapping: where the file came from, field ← column, and what is left unmapped. */
function mappingText(head: CsvHead, mapping: ColumnMapping): string {
  const presetName = mapping.detected ? t('csv.mapDetected', { preset: mapping.preset }) : mapping.preset;
  const delimiter = head.delimiter === '\t' ? 'tab' : `"${head.delimiter}"`;
  const rows = [...mapping.columns].map(([field, i]) => ({ field: field.path ?? field.name, column: head.headers[i] ?? '' }));
  const table = renderTable(rows, [
    { key: 'field', header: t('csv.mapField') },
    { key: 'column', header: t('csv.mapColumn') },
  ]);
  const unmapped = mapping.unmapped.map((i) => head.headers[i] ?? '');
  return [
    t('csv.mapPreset', { preset: presetName }),
    t('csv.mapFile', { encoding: head.encoding + (head.bom ? ' (BOM)' : ''), delimiter, line: head.headerLine }),
    '',
    table.trimEnd(),
    '',
    unmapped.length === 0 ? t('csv.mapNoneUnmapped') : t('csv.mapUnmapped', { headers: quoteList(unmapped) }),
    '',
  ].join('\n');
}

/** Scores the stream into the output, rejects and (--import) the data file; commits them only when the run succeeds. */
async function scoreToOutputs(
  ctx: Context,
  csv: CsvFile,
  mapping: ColumnMapping,
  options: ScoreOptions,
  format: ScoreFormat,
): Promise<{ counts: ScoreCounts; imported: ImportTotals | undefined }> {
  const headers = csv.head.headers;
  const { out: outFile, rejects: rejectsFile } = outputFiles(options);
  // The data file is opened (and its write lock taken) before any work, so a busy file fails fast.
  const leadImport = options.import === true ? await startImport(ctx) : undefined;
  let sink: TextSink | undefined;
  let rejectsSink: TextSink | undefined;
  const stderrRejects: RejectedRow[] = [];
  const total = emptyCounts();
  const progress = new ProgressBar(ctx.stderr, csv.source.size);
  let imported: ImportTotals | undefined;
  try {
    sink = outFile !== undefined ? fileSink(outFile) : streamSink(ctx.stdout);
    rejectsSink = rejectsFile === undefined ? undefined : fileSink(rejectsFile);
    const output = new ScoreOutput(sink, format, headers, outFile !== undefined && options.bom);
    const rejectsOut = rejectsSink === undefined ? undefined : new RejectsOutput(rejectsSink, headers, options.bom);
    await output.begin();
    await rejectsOut?.begin();
    await scoreFile(csv, { headers, mapping, values: loadPresets().values, format, collectImport: leadImport !== undefined, encoding: encodingName(csv.encoding) }, async (piece) => {
      addCounts(total, piece.counts);
      progress.update(piece.bytesRead, total.read);
      await output.rows(piece.rendered, piece.table);
      leadImport?.import.add(piece.imports, piece.importDuplicates);
      if (piece.rejects.length === 0) return;
      if (rejectsOut !== undefined) await rejectsOut.add(piece.rejects);
      else for (const r of piece.rejects) if (stderrRejects.length < REJECTS_ON_STDERR) stderrRejects.push(r);
    });
    await output.end();
    progress.done();
    await rejectsSink?.commit();
    for (const r of stderrRejects) ctx.stderr.write(`leadq: ${t('csv.rejectLine', { line: r.line, reason: rejectText(r.reason) })}\n`);
    if (total.rejected > stderrRejects.length && rejectsFile === undefined) ctx.stderr.write(`leadq: ${t('csv.rejectMore', { count: total.rejected - stderrRejects.length })}\n`);
    if (options.strict === true && total.rejected > 0) {
      throw new DataError('csv.strictRejects', { count: total.rejected }, rejectsFile === undefined ? undefined : 'csv.hintRejects', { file: rejectsFile });
    }
    await sink.commit();
    imported = leadImport?.import.commit();
  } catch (err) {
    progress.done();
    leadImport?.import.rollback();
    sink?.abort();
    // The rejects file stays when the run got through the input (--strict): it says what to fix.
    if (!(err instanceof DataError && err.key === 'csv.strictRejects')) rejectsSink?.abort();
    throw err;
  } finally {
    leadImport?.db.close();
  }
  if (rejectsFile !== undefined && total.rejected > 0) ctx.stderr.write(`leadq: ${t('csv.summaryRejects', { file: rejectsFile })}\n`);
  return { counts: total, imported };
}

/** Opens the data file and begins the import's one transaction. */
async function startImport(ctx: Context): Promise<{ db: Db; import: LeadImport }> {
  const { openStore } = await import('../store/open.js');
  const { LeadImport } = await import('../store/imports.js');
  const db = openStore(ctx.dbPath, { env: ctx.env });
  // A smaller page cache than the default 16 MB: an import appends, it seldom rereads (and RSS stays under 200 MB).
  db.pragma('cache_size = -4096');
  const leadImport = new LeadImport(db, ctx.now().toISOString());
  try {
    leadImport.begin();
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, import: leadImport };
}

const COUNT = new Intl.NumberFormat('en-US');

/** Every count with thousands separators. */
function countsText<K extends string>(counts: Readonly<Record<K, number>>): Record<K, string> {
  return Object.fromEntries(Object.entries<number>(counts).map(([k, v]) => [k, COUNT.format(v)])) as Record<K, string>;
}

/** The summary line: rows scored by verdict, rejected, read, elapsed. */
function summaryText(c: ScoreCounts, ms: number): string {
  const scored = c.read - c.rejected;
  return t('csv.summary', { ...countsText(c), scored: t(scored === 1 ? 'csv.oneRow' : 'csv.rows', { count: COUNT.format(scored) }), seconds: (ms / 1000).toFixed(1) });
}
