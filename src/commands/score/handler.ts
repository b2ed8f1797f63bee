import { basename, dirname, extname, join } from 'node:path';
import { todayOf, type Context } from '../../context.js';
import { FIELDS, type FieldDef } from '../../csv/fields.js';
import type { ScoreFormat } from '../../csv/formats.js';
import { RejectsOutput, rejectText } from '../../csv/output.js';
import { SCORE_OUTPUT_FORMATS } from '../../csv/formats/index.js';
import { detectMapping, foldHeader, fullnessOf, loadPresets, mappingForPreset, withOverrides, type ColumnMapping, type Fullness } from '../../csv/presets.js';
import { encodingName } from '../../csv/decode.js';
import { openCsv, openSource, type CsvFile, type CsvHead } from '../../csv/read.js';
import type { UnknownCounts } from '../../csv/row.js';
import { addCounts, emptyCounts, unpackImportRows, type HeldRow, type RejectedRow, type ScoreCounts } from '../../csv/scorer.js';
import { buildVocabularies } from '../../csv/vocab.js';
import { scoreFile } from '../../csv/pipeline.js';
import { ProgressBar } from '../../csv/progress.js';
import { fileSink, streamSink, type TextSink } from '../../csv/sink.js';
import { identityOf, identityOfFd, type FileIdentity } from '../../files/identity.js';
import { dataSaved, watchInput, workOutlivesStdout } from '../../files/interrupt.js';
import { checkOutput, type OutputGuard, type OutputSpec } from '../../files/output.js';
import { isSpecialFile } from '../../files/special.js';
import { terminalLine, terminalWidth } from '../../output/terminal-text.js';
import type { ImportTotals, LeadImporter } from '../../store/store.js';
import { DataError, UsageError } from '../../errors.js';
import { msg, type Message } from '../../i18n/index.js';
import type { ScoreInput } from './spec.js';
import { footerText, mappingText, skippedText, unknownText } from './view.js';

const COUNT = new Intl.NumberFormat('en-US');

// On stdout, rejects are listed on stderr; past this many only their count.
const REJECTS_ON_STDERR = 20;

/** `leadq score`: read → map → score → write, streaming; rejects and a summary on the side. */
export async function handler(ctx: Context, options: ScoreInput): Promise<void> {
  const started = performance.now();
  const { file, encoding, format, delimiter, headerRow } = options;
  const overrides = new Map(options.map);
  const files = outputFiles(options);
  const specs = outputSpecs(ctx, file, files);
  if (options.showMapping !== true) {
    if (files.out !== undefined) checkOutput(files.out, specs.out);
    if (files.rejects !== undefined) checkOutput(files.rejects, specs.rejects);
  }
  // A FIFO being read blocks a thread that a signal must be able to wake (files/interrupt.ts).
  const unwatch = file === '-' ? () => undefined : watchInput(file);
  let source: Awaited<ReturnType<typeof openSource>>;
  try {
    source = await openSource(file, ctx.stdin);
  } catch (err) {
    unwatch();
    throw err;
  }
  try {
    // The header is the first line that maps a company column (title rows above it are skipped), unless --header-row says.
    const isHeader = (fields: readonly string[]) => hasCompany(mappingOf(fields, options.preset, overrides, undefined, false));
    const csv = await openCsv(source, { encoding, delimiter, headerRow, isHeader, sampleRows: SAMPLE_ROWS });
    const { grammar } = buildVocabularies(loadPresets().values);
    const fullness = fullnessOf(csv.head.sample, (cell) => grammar.isPlaceholder(cell));
    const mapping = mapColumns(csv.head, options.preset, overrides, fullness);
    if (options.showMapping === true) {
      ctx.stdout.write(mappingText(csv, mapping));
      return;
    }
    if (!hasCompany(mapping)) throw noCompanyColumn(csv.head);
    if (csv.head.skippedCount > 0) ctx.log.say(skippedText(csv.head));
    const { counts, imported, footer, unknown } = await scoreToOutputs(ctx, csv, mapping, options, format, specs);
    ctx.log.say(summaryText(counts, performance.now() - started));
    if (footer.length > 0) ctx.log.say(footerText(footer));
    for (const line of unknownText(unknown, mapping, csv.head.headers)) ctx.log.say(line);
    if (imported !== undefined) ctx.log.say('score.summaryImport', { db: ctx.dbPath, ...countsText(imported) });
  } finally {
    unwatch();
    await source.close();
  }
}

// Data rows read ahead: to choose between two columns for a field by how filled they are, and for --show-mapping.
const SAMPLE_ROWS = 1_000;

function hasCompany(mapping: ColumnMapping): boolean {
  return mapping.columns.has(FIELDS[0]!);
}

/** No company column: exit 65; when the header looks cut by the wrong delimiter (one column holding ; or tab), say --delimiter. */
function noCompanyColumn(head: CsvHead): DataError {
  const other = head.headers.length <= 2 ? [';', '\t', '|', ','].find((d) => d !== head.delimiter && head.headers.some((h) => h.includes(d))) : undefined;
  if (other !== undefined) return new DataError('score.noCompanyColumn', {}, 'score.hintDelimiterInHeader', { delimiter: other === '\t' ? 'tab' : other });
  return new DataError('score.noCompanyColumn', {}, 'score.hintMapCompany', { headers: quoteList(head.headers) });
}

/** The files a run writes: the scored rows (undefined: stdout) and the rejects (undefined: a summary on stderr). */
function outputFiles(options: ScoreInput): { out: string | undefined; rejects: string | undefined } {
  const out = options.out === undefined || options.out === '-' ? undefined : options.out;
  // `<out>.rejects.csv` only beside a regular file: --out /dev/null must not create /dev/null.rejects.csv.
  const besideOut = out !== undefined && !isSpecialFile(out);
  return { out, rejects: options.rejects ?? (besideOut ? `${out}.rejects.csv` : undefined) };
}

/**
 * How each output of a run is written: never the data file (files/output.ts), never the input being scored (stdin
 * redirected from it too), and the rejects never the --out file: the rename at commit would replace it. Checked
 * before any work (exit 64), and again when the files are opened.
 */
function outputSpecs(ctx: Context, input: string, files: { out: string | undefined; rejects: string | undefined }): { out: OutputSpec; rejects: OutputSpec } {
  // A missing input is not an output's twin: openSource says it is missing (exit 66).
  const inputId = input === '-' ? stdinIdentity(ctx.stdin) : existingIdentity(input);
  // The name to suggest a new one from (stdin has none of its own).
  const named = input === '-' ? (files.out ?? files.rejects ?? 'leads.csv') : input;
  const isInput = (key: 'score.outIsInput' | 'score.rejectsIsInput', file: string, suggestion: string): OutputGuard[] =>
    inputId === undefined ? [] : [{ identity: inputId, refusal: () => new UsageError(key, { file }, 'score.hintOtherFile', { suggestion }) }];
  const base = { dataFile: ctx.dbPath, newMode: 0o644, special: 'writeThrough' } as const;
  const out: OutputSpec = { ...base, guards: files.out === undefined ? [] : isInput('score.outIsInput', files.out, `--out ${besideAs(named, 'scored')}`) };
  const rejectsGuards = files.rejects === undefined ? [] : isInput('score.rejectsIsInput', files.rejects, `--rejects ${besideAs(named, 'rejects')}`);
  if (files.out !== undefined && files.rejects !== undefined) {
    const rejects = files.rejects;
    rejectsGuards.push({ identity: identityOf(files.out), refusal: () => new UsageError('score.rejectsIsOut', { file: rejects }, 'score.hintOtherFile', { suggestion: `--rejects ${files.out!}.rejects.csv` }) });
  }
  return { out, rejects: { ...base, guards: rejectsGuards } };
}

/** Device and inode of an existing file (undefined when there is none). */
function existingIdentity(file: string): FileIdentity | undefined {
  const identity = identityOf(file);
  return identity.inode === undefined ? undefined : identity;
}

/** The file stdin is redirected from (`leadq score - < f.csv`), if it is one. */
function stdinIdentity(stdin: NodeJS.ReadableStream): FileIdentity | undefined {
  const fd = (stdin as { fd?: unknown }).fd;
  return typeof fd === 'number' ? identityOfFd(fd) : undefined;
}

/** A file beside `file` with a tag before its extension: leads.csv → leads.scored.csv. */
function besideAs(file: string, tag: string): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.${tag}${ext || '.csv'}`);
}

/**
 * The mapping of a header row: --preset or detected, then --map on top. strict: a --map header not in the row is
 * exit 64 (else the row just maps less: used to find which line is the header).
 */
function mappingOf(headers: readonly string[], preset: string | undefined, overrides: ReadonlyMap<FieldDef, string | undefined>, fullness: Fullness | undefined, strict: boolean): ColumnMapping {
  const mapping = preset === undefined ? detectMapping(headers, fullness) : mappingForPreset(headers, preset, fullness)!;
  if (overrides.size === 0) return mapping;
  const columns = new Map<FieldDef, number | undefined>();
  for (const [field, header] of overrides) {
    if (header === undefined) {
      columns.set(field, undefined);
      continue;
    }
    let i = headers.indexOf(header);
    if (i === -1) i = headers.map(foldHeader).indexOf(foldHeader(header));
    if (i === -1) {
      if (strict) throw new UsageError('score.unknownHeader', { header, field: `${field.name}=${header}` }, 'score.hintHeaders', { headers: quoteList(headers) });
      continue;
    }
    columns.set(field, i);
  }
  return withOverrides(mapping, headers, columns);
}

/** The mapping in force for the file (a --map header not in it is exit 64). */
function mapColumns(head: CsvHead, preset: string | undefined, overrides: ReadonlyMap<FieldDef, string | undefined>, fullness: Fullness): ColumnMapping {
  return mappingOf(head.headers, preset, overrides, fullness, true);
}

function quoteList(headers: readonly string[]): string {
  return headers.map((h) => `"${terminalLine(h)}"`).join(', ');
}

/** Scores the stream into the output, rejects and (--import) the data file; commits them only when the run succeeds. */
async function scoreToOutputs(
  ctx: Context,
  csv: CsvFile,
  mapping: ColumnMapping,
  options: ScoreInput,
  format: ScoreFormat,
  specs: { out: OutputSpec; rejects: OutputSpec },
): Promise<{ counts: ScoreCounts; imported: ImportTotals | undefined; footer: readonly HeldRow[]; unknown: UnknownCounts }> {
  const headers = csv.head.headers;
  const unknown: UnknownCounts = new Map();
  let footer: readonly HeldRow[] = [];
  const { out: outFile, rejects: rejectsFile } = outputFiles(options);
  let sink: TextSink | undefined;
  let rejectsSink: TextSink | undefined;
  const stderrRejects: RejectedRow[] = [];
  const total = emptyCounts();
  const progress = new ProgressBar(ctx.stderr, csv.source.size);
  let imported: ImportTotals | undefined;
  /** Scores the whole file into the outputs (and into the import when there is one); the outputs are committed after. */
  const run = async (leadImport: LeadImporter | undefined): Promise<void> => {
    sink = outFile !== undefined ? fileSink(outFile, specs.out) : streamSink(ctx.stdout);
    rejectsSink = rejectsFile === undefined ? undefined : fileSink(rejectsFile, specs.rejects);
    const output = SCORE_OUTPUT_FORMATS[format].writer(sink, { headers, bom: outFile !== undefined && options.bom, columns: terminalColumns(ctx) });
    const rejectsOut = rejectsSink === undefined ? undefined : new RejectsOutput(rejectsSink, headers, options.bom);
    await output.begin();
    await rejectsOut?.begin();
    const setup = { headers, mapping, values: loadPresets().values, format, collectImport: leadImport !== undefined, encoding: encodingName(csv.encoding), today: todayOf(ctx) };
    footer = await scoreFile(csv, setup, async (piece) => {
      addCounts(total, piece.counts);
      mergeUnknown(unknown, piece.unknown);
      progress.update(piece.bytesRead, total.read);
      await output.piece(piece.rendered, piece.table);
      await leadImport?.add(unpackImportRows(piece.imports), piece.importDuplicates);
      if (piece.rejects.length === 0) return;
      if (rejectsOut !== undefined) await rejectsOut.add(piece.rejects);
      else for (const r of piece.rejects) if (stderrRejects.length < REJECTS_ON_STDERR) stderrRejects.push(r);
    }, { workers: ctx.env.workers });
    await output.end();
    progress.done();
    // Cells quoted in a reason come from the file: shown escaped (output/terminal-text.ts).
    for (const r of stderrRejects) ctx.log.say('score.rejectLine', { line: r.line, reason: rejectText(r.reason) });
    if (total.rejected > stderrRejects.length && rejectsFile === undefined) ctx.log.say('score.rejectMore', { count: total.rejected - stderrRejects.length });
    if (options.strict === true && total.rejected > 0) {
      await rejectsSink?.commit();
      // Rows already on stdout cannot be taken back: the message says so rather than "nothing was written".
      const onStdout = outFile === undefined ? total.read - total.rejected : 0;
      const key = onStdout > 0 ? 'score.strictRejectsStdout' : 'score.strictRejects';
      throw new DataError(key, { rejected: rowsText(total.rejected), written: rowsText(onStdout) }, rejectsFile === undefined ? undefined : 'score.hintRejects', { file: rejectsFile });
    }
    imported = await leadImport?.totals();
  };
  try {
    // --import: the one write transaction holds the whole run, and its lock is taken before any work, so a busy file
    // fails fast. It commits first: the output files are put in place only once it did (a failed commit leaves them
    // as they were; --strict or any failure rolls it back).
    if (options.import === true) {
      workOutlivesStdout();
      // Committed: a signal from then on lets the outputs go in place and the summary say what was imported.
      await ctx.store.write(async (tx) => run(tx.leadImporter(ctx.now().toISOString(), ctx.actor)), { onCommit: dataSaved, bulk: true });
    } else await run(undefined);
    // The output file is complete (a signal from here on lets it go in place: it is whole, and the run says so). Not
    // stdout: a table still to be written there waits on its reader, and a signal must not wait with it.
    if (outFile !== undefined) dataSaved('output');
    await sink!.commit();
    await rejectsSink?.commit();
  } catch (err) {
    progress.done();
    sink?.abort();
    // The rejects file stays when the run got through the input (--strict): it says what to fix.
    const strict = err instanceof DataError && (err.key === 'score.strictRejects' || err.key === 'score.strictRejectsStdout');
    if (!strict) rejectsSink?.abort();
    // Rows already on stdout cannot be taken back: say how many came before the problem.
    const written = total.read - total.rejected;
    if (err instanceof DataError && !strict && outFile === undefined && written > 0) {
      throw new DataError('score.afterRows', { problem: msg(err.key, err.params), written: rowsText(written) }, err.hintKey, err.hintParams);
    }
    throw err;
  }
  if (rejectsFile !== undefined && total.rejected > 0) ctx.log.say('score.summaryRejects', { file: rejectsFile });
  return { counts: total, imported, footer, unknown };
}

/** Adds a piece's cells not understood to the run's. */
function mergeUnknown(into: UnknownCounts, piece: UnknownCounts): void {
  for (const [field, values] of piece) {
    let all = into.get(field);
    if (all === undefined) into.set(field, (all = new Map()));
    for (const [value, count] of values) all.set(value, (all.get(value) ?? 0) + count);
  }
}

/** The width the table view fits: the terminal's, else $COLUMNS (env.ts), else 80. */
function terminalColumns(ctx: Context): number {
  return terminalWidth(ctx.stdout) ?? ctx.env.columns ?? 80;
}

/** Every count with thousands separators. */
function countsText<K extends string>(counts: Readonly<Record<K, number>>): Record<K, string> {
  return Object.fromEntries(Object.entries<number>(counts).map(([k, v]) => [k, COUNT.format(v)])) as Record<K, string>;
}

/** The summary line: rows scored by verdict, rejected, read, elapsed. */
function summaryText(c: ScoreCounts, ms: number): Message {
  const scored = c.read - c.rejected;
  return msg('score.summary', { ...countsText(c), scored: rowsText(scored), seconds: (ms / 1000).toFixed(1) });
}

/** "1 row", "2 rows" (行 in Chinese). */
function rowsText(count: number): Message {
  return msg(count === 1 ? 'score.oneRow' : 'score.rows', { count: COUNT.format(count) });
}
