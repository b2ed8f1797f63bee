// Header → field mapping. The presets are data (data/presets/*.json) so sales ops can read and extend
// them; this module only loads them and matches headers. A header that no preset names stays unmapped.
// A header's money unit (预算(万元), Budget (k)) is split off before matching and scales the column's amounts.
// When several headers could feed one field (HubSpot's associated "Company name" and the contact's own
// "Company Name"), the one filled in more of the sampled rows wins; for the company, the others fill its gaps.
import { readFileSync, readdirSync } from 'node:fs';
import { CSV_LEAD_FIELDS } from '../domain/lead-fields.js';
import { splitUnit, type MoneyUnit } from './amounts.js';
import { FIELDS, fieldNamed, type FieldDef } from './fields.js';
import { fold, loadVocabulary, VOCAB_KINDS, type VocabData, type VocabOverrides } from './vocab.js';

/** One preset file: per field, the headers it is exported under, best first. */
interface Preset {
  readonly name: string;
  readonly label: string;
  readonly columns: ReadonlyMap<FieldDef, readonly string[]>;
  /** Headers that look like a field but name another record (Pipedrive "Person - Organization", Odoo "name"): never mapped while this preset is in force. */
  readonly never: readonly string[];
  readonly values: VocabOverrides;
}

/** The folder of shipped presets (data/presets beside dist/ and src/). */
const PRESET_DIR = new URL('../../data/presets/', import.meta.url);
// Auto-detection prefers a CRM's own preset to the catch-all ones when they match as many headers.
const ORDER = ['salesforce', 'hubspot', 'pipedrive', 'zoho', 'odoo', 'chinese', 'generic'];

let cache: { presets: readonly Preset[]; values: VocabData } | undefined;

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, PRESET_DIR), 'utf8'));
}

function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`preset ${what}: not an object`);
  return v as Record<string, unknown>;
}

function asStrings(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new Error(`preset ${what}: not a list of strings`);
  return v as string[];
}

function parsePreset(file: string): Preset {
  const raw = asRecord(readJson(file), file);
  const columns = new Map<FieldDef, readonly string[]>();
  for (const [name, headers] of Object.entries(asRecord(raw.columns, `${file} columns`))) {
    const field = fieldNamed(name);
    if (field === undefined) throw new Error(`preset ${file}: unknown field ${name}`);
    columns.set(field, asStrings(headers, `${file} ${name}`));
  }
  const values: Record<string, Record<string, string>> = {};
  for (const [kind, table] of Object.entries(asRecord(raw.values ?? {}, `${file} values`))) {
    if (!(VOCAB_KINDS as readonly string[]).includes(kind)) throw new Error(`preset ${file}: unknown value kind ${kind}`);
    values[kind] = asRecord(table, `${file} values.${kind}`) as Record<string, string>;
  }
  return {
    name: String(raw.name ?? file.replace(/\.json$/, '')),
    label: String(raw.label ?? ''),
    columns,
    never: asStrings(raw.never ?? [], `${file} never`),
    values,
  };
}

/** The shipped presets (read once), in auto-detection order, and the shared vocabulary (data/vocabulary). */
export function loadPresets(): { presets: readonly Preset[]; values: VocabData } {
  if (cache !== undefined) return cache;
  const files = readdirSync(PRESET_DIR).filter((f) => f.endsWith('.json'));
  const presets = files.map(parsePreset).sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name)).map(withLeadFieldHeaders);
  cache = { presets, values: loadVocabulary() };
  return cache;
}

/** The generic preset, with the header aliases the lead fields table gives (a field added there maps at once). */
function withLeadFieldHeaders(preset: Preset): Preset {
  if (preset.name !== 'generic') return preset;
  const columns = new Map(preset.columns);
  for (const field of CSV_LEAD_FIELDS) {
    const headers = 'headers' in field.csv ? (field.csv.headers as readonly string[]) : [];
    const def = fieldNamed(field.csv.field);
    if (headers.length > 0 && def !== undefined) columns.set(def, [...(columns.get(def) ?? []), ...headers]);
  }
  return { ...preset, columns };
}

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i === -1 ? ORDER.length - 1 : i; // a user-added preset ranks with the catch-all ones
}

/** Folds a header for matching: case, width, spaces, `_`, and the required-field marks of Chinese templates (`*`, （必填）). */
export function foldHeader(header: string): string {
  return fold(header.replace(/^\uFEFF/, ''))
    .replace(/[（(]\s*(?:必填|选填|required|optional)\s*[)）]/gu, '')
    .replace(/^\*+|[*:：]+$/gu, '')
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A header folded for matching, without a money unit it names (预算(万元) matches 预算). */
function headerName(header: string): string {
  return foldHeader(splitUnit(header).name);
}

/** Several columns could feed a field: the one chosen and the others, with how many sampled rows fill each. */
export interface ColumnChoice {
  readonly field: FieldDef;
  readonly chosen: number;
  readonly others: readonly number[];
  /** Filled cells per column index, of `sampled` rows. */
  readonly filled: ReadonlyMap<number, number>;
  readonly sampled: number;
}

/** Which column feeds each field, and what was left over. */
export interface ColumnMapping {
  /** The preset the mapping came from (the best match when detected). */
  readonly preset: string;
  readonly detected: boolean;
  /** field → column index. */
  readonly columns: ReadonlyMap<FieldDef, number>;
  /** field → columns that fill its empty cells (the company's less filled candidates). */
  readonly fallbacks: ReadonlyMap<FieldDef, readonly number[]>;
  /** Money fields whose header names a unit. */
  readonly units: ReadonlyMap<FieldDef, MoneyUnit>;
  /** Fields that had more than one candidate column, and why the chosen one won. */
  readonly choices: readonly ColumnChoice[];
  /** Column indexes that feed no field. */
  readonly unmapped: readonly number[];
  readonly values: VocabOverrides;
}

/** How filled each column is in the first data rows (cells that are neither empty nor placeholders). */
export interface Fullness {
  readonly sampled: number;
  filled(column: number): number;
}

/** Nothing sampled: every column equally (un)filled, so alias order decides. */
const NO_SAMPLE: Fullness = { sampled: 0, filled: () => 0 };

/** Fullness of each column over sample rows; isPlaceholder: a cell that says nothing (待定, -). */
export function fullnessOf(sample: readonly (readonly string[])[], isPlaceholder: (cell: string) => boolean): Fullness {
  const counts: number[] = [];
  for (const row of sample) {
    row.forEach((cell, i) => {
      const c = cell.trim();
      if (c !== '' && !isPlaceholder(c)) counts[i] = (counts[i] ?? 0) + 1;
    });
  }
  return { sampled: sample.length, filled: (column) => counts[column] ?? 0 };
}

interface Mapping {
  readonly columns: Map<FieldDef, number>;
  readonly fallbacks: Map<FieldDef, number[]>;
  readonly choices: ColumnChoice[];
  readonly taken: Set<number>;
}

function emptyMapping(): Mapping {
  return { columns: new Map(), fallbacks: new Map(), choices: [], taken: new Set() };
}

/**
 * Maps headers through one preset: per field the columns named by its aliases; of several, the fullest wins (ties:
 * the earlier alias, then the earlier column); each column feeds one field at most.
 */
function mapWith(preset: Preset, names: readonly string[], never: ReadonlySet<string>, fullness: Fullness, into: Mapping): void {
  for (const [field, aliases] of preset.columns) {
    if (into.columns.has(field)) continue;
    const candidates: Array<{ column: number; alias: number }> = [];
    aliases.forEach((alias, rankOfAlias) => {
      const a = foldHeader(alias);
      names.forEach((name, column) => {
        if (name === a && !into.taken.has(column) && !never.has(name) && !candidates.some((c) => c.column === column)) candidates.push({ column, alias: rankOfAlias });
      });
    });
    if (candidates.length === 0) continue;
    candidates.sort((x, y) => fullness.filled(y.column) - fullness.filled(x.column) || x.alias - y.alias || x.column - y.column);
    const [chosen, ...others] = candidates.map((c) => c.column) as [number, ...number[]];
    into.columns.set(field, chosen);
    into.taken.add(chosen);
    if (others.length > 0) {
      into.choices.push({ field, chosen, others, filled: new Map(candidates.map((c) => [c.column, fullness.filled(c.column)])), sampled: fullness.sampled });
      // The company decides whether a row is read at all: a row without the chosen one's name may have the other's.
      if (field === FIELDS[0]) {
        into.fallbacks.set(field, others);
        for (const o of others) into.taken.add(o);
      }
    }
  }
}

function finish(base: Pick<ColumnMapping, 'preset' | 'detected' | 'values'>, headers: readonly string[], mapping: Omit<Mapping, 'taken'>): ColumnMapping {
  const columns = new Map([...mapping.columns].sort((a, b) => FIELDS.indexOf(a[0]) - FIELDS.indexOf(b[0])));
  const fallbacks = new Map([...mapping.fallbacks].filter(([field]) => columns.has(field)));
  const used = new Set([...columns.values(), ...[...fallbacks.values()].flat()]);
  const units = new Map<FieldDef, MoneyUnit>();
  for (const [field, column] of columns) {
    const unit = field.kind === 'money' ? splitUnit(headers[column] ?? '').unit : undefined;
    if (unit !== undefined) units.set(field, unit);
  }
  const choices = mapping.choices.filter((c) => columns.get(c.field) === c.chosen);
  return { ...base, columns, fallbacks, units, choices, unmapped: headers.map((_, i) => i).filter((i) => !used.has(i)) };
}

/** The mapping of a named preset (undefined when there is no such preset). */
export function mappingForPreset(headers: readonly string[], name: string, fullness: Fullness = NO_SAMPLE): ColumnMapping | undefined {
  const { presets } = loadPresets();
  const preset = presets.find((p) => p.name === name.toLowerCase());
  if (preset === undefined) return undefined;
  const mapping = emptyMapping();
  mapWith(preset, headers.map(headerName), new Set(preset.never.map(foldHeader)), fullness, mapping);
  return finish({ preset: preset.name, detected: false, values: preset.values }, headers, mapping);
}

/**
 * Detects the mapping: the preset matching most headers (the company counting most), then fields it lacks from
 * the others; the winner's `never` headers stay unmapped throughout, each other preset's during its own pass.
 */
export function detectMapping(headers: readonly string[], fullness: Fullness = NO_SAMPLE): ColumnMapping {
  const { presets } = loadPresets();
  const names = headers.map(headerName);
  const neverOf = (p: Preset) => new Set(p.never.map(foldHeader));
  let best: Preset | undefined;
  let bestCount = -1;
  for (const preset of presets) {
    const trial = emptyMapping();
    mapWith(preset, names, neverOf(preset), NO_SAMPLE, trial);
    // The company column decides most: a preset that finds it beats one that maps more side fields.
    const count = trial.columns.size + (trial.columns.has(FIELDS[0]!) ? 100 : 0);
    if (count > bestCount) {
      best = preset;
      bestCount = count;
    }
  }
  const winner = best ?? presets[0]!;
  const mapping = emptyMapping();
  const winnerNever = neverOf(winner);
  mapWith(winner, names, winnerNever, fullness, mapping);
  for (const preset of presets) if (preset !== winner) mapWith(preset, names, new Set([...winnerNever, ...neverOf(preset)]), fullness, mapping);
  return finish({ preset: winner.name, detected: true, values: winner.values }, headers, mapping);
}

/** The names of the shipped presets, for help and errors. */
export function presetNames(): string[] {
  return loadPresets().presets.map((p) => p.name);
}

/** Applies --map overrides (field → column index, or undefined to unmap) on top of a mapping. */
export function withOverrides(mapping: ColumnMapping, headers: readonly string[], overrides: ReadonlyMap<FieldDef, number | undefined>): ColumnMapping {
  const columns = new Map(mapping.columns);
  const fallbacks = new Map(mapping.fallbacks);
  for (const [field, column] of overrides) {
    for (const [other, i] of columns) if (i === column) columns.delete(other);
    for (const [other, list] of fallbacks) if (column !== undefined && list.includes(column)) fallbacks.set(other, list.filter((c) => c !== column));
    // A column named by hand is the field's only source.
    fallbacks.delete(field);
    if (column === undefined) columns.delete(field);
    else columns.set(field, column);
  }
  return finish(mapping, headers, { columns, fallbacks: new Map([...fallbacks].map(([f, l]) => [f, [...l]])), choices: [...mapping.choices] });
}
