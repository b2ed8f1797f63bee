// Header → field mapping. The presets are data (data/presets/*.json) so sales ops can read and extend
// them; this module only loads them and matches headers. A header that no preset names stays unmapped.
import { readFileSync, readdirSync } from 'node:fs';
import { FIELDS, fieldNamed, type FieldDef } from './fields.js';
import { fold, VOCAB_KINDS, type VocabData, type VocabOverrides } from './vocab.js';

/** One preset file: per field, the headers it is exported under, best first. */
interface Preset {
  readonly name: string;
  readonly label: string;
  readonly columns: ReadonlyMap<FieldDef, readonly string[]>;
  /** Headers that look like a field but name another record (Pipedrive "Person - Organization"): never mapped. */
  readonly never: readonly string[];
  readonly values: VocabOverrides;
}

/** The folder of shipped presets (data/presets beside dist/ and src/). */
const PRESET_DIR = new URL('../../data/presets/', import.meta.url);
// Auto-detection prefers a CRM's own preset to the catch-all ones when they match as many headers.
const ORDER = ['salesforce', 'hubspot', 'pipedrive', 'zoho', 'chinese', 'generic'];

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

/** The shipped presets (read once), in auto-detection order, and the shared value vocabularies. */
export function loadPresets(): { presets: readonly Preset[]; values: VocabData } {
  if (cache !== undefined) return cache;
  const files = readdirSync(PRESET_DIR).filter((f) => f.endsWith('.json') && f !== 'values.json');
  const presets = files.map(parsePreset).sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  cache = { presets, values: readJson('values.json') as VocabData };
  return cache;
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

/** Which column feeds each field, and what was left over. */
export interface ColumnMapping {
  /** The preset the mapping came from (the best match when detected). */
  readonly preset: string;
  readonly detected: boolean;
  /** field → column index. */
  readonly columns: ReadonlyMap<FieldDef, number>;
  /** Column indexes that feed no field. */
  readonly unmapped: readonly number[];
  readonly values: VocabOverrides;
}

/** Maps headers through one preset: per field the first of its aliases present; each column feeds one field at most. */
function mapWith(preset: Preset, folded: readonly string[], taken: Set<number>, never: ReadonlySet<string>, into: Map<FieldDef, number>): void {
  for (const [field, aliases] of preset.columns) {
    if (into.has(field)) continue;
    for (const alias of aliases) {
      const a = foldHeader(alias);
      const i = folded.findIndex((h, idx) => h === a && !taken.has(idx) && !never.has(h));
      if (i !== -1) {
        into.set(field, i);
        taken.add(i);
        break;
      }
    }
  }
}

function finish(base: Pick<ColumnMapping, 'preset' | 'detected' | 'values'>, headers: readonly string[], columns: ReadonlyMap<FieldDef, number>): ColumnMapping {
  const used = new Set(columns.values());
  const ordered = new Map([...columns].sort((a, b) => FIELDS.indexOf(a[0]) - FIELDS.indexOf(b[0])));
  return { ...base, columns: ordered, unmapped: headers.map((_, i) => i).filter((i) => !used.has(i)) };
}

/** The mapping of a named preset (undefined when there is no such preset). */
export function mappingForPreset(headers: readonly string[], name: string): ColumnMapping | undefined {
  const { presets } = loadPresets();
  const preset = presets.find((p) => p.name === name.toLowerCase());
  if (preset === undefined) return undefined;
  const columns = new Map<FieldDef, number>();
  mapWith(preset, headers.map(foldHeader), new Set(), new Set(preset.never.map(foldHeader)), columns);
  return finish({ preset: preset.name, detected: false, values: preset.values }, headers, columns);
}

/** Detects the mapping: the preset matching most headers, then fields it lacks from the others (never a header on any `never` list). */
export function detectMapping(headers: readonly string[]): ColumnMapping {
  const { presets } = loadPresets();
  const folded = headers.map(foldHeader);
  const never = new Set(presets.flatMap((p) => p.never.map(foldHeader)));
  let best: Preset | undefined;
  let bestCount = -1;
  for (const preset of presets) {
    const trial = new Map<FieldDef, number>();
    mapWith(preset, folded, new Set(), never, trial);
    // The company column decides most: a preset that finds it beats one that maps more side fields.
    const count = trial.size + (trial.has(FIELDS[0]!) ? 100 : 0);
    if (count > bestCount) {
      best = preset;
      bestCount = count;
    }
  }
  const columns = new Map<FieldDef, number>();
  const taken = new Set<number>();
  const winner = best ?? presets[0]!;
  mapWith(winner, folded, taken, never, columns);
  for (const preset of presets) if (preset !== winner) mapWith(preset, folded, taken, never, columns);
  return finish({ preset: winner.name, detected: true, values: winner.values }, headers, columns);
}

/** The names of the shipped presets, for help and errors. */
export function presetNames(): string[] {
  return loadPresets().presets.map((p) => p.name);
}

/** Applies --map overrides (field → column index, or undefined to unmap) on top of a mapping. */
export function withOverrides(mapping: ColumnMapping, headers: readonly string[], overrides: ReadonlyMap<FieldDef, number | undefined>): ColumnMapping {
  const columns = new Map(mapping.columns);
  for (const [field, column] of overrides) {
    for (const [other, i] of columns) if (i === column) columns.delete(other);
    if (column === undefined) columns.delete(field);
    else columns.set(field, column);
  }
  return finish(mapping, headers, columns);
}
