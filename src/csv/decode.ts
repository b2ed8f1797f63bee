// Decoding of CRM and Excel exports into text, a line at a time. `auto` follows the SPEC: a BOM decides; else the
// file is UTF-8 if it is valid UTF-8, else GB18030 (what Chinese Excel writes, as GBK, without a BOM) if it decodes as
// GB18030 without error. Detectors guess short GBK text wrong, so the choice is made by strict decoding, not by
// statistics; and it is checked on every line of the file as it streams (constant memory), never on a prefix alone.
//
// Text is cut after the last line end of what has arrived (LF and CR are whole characters in every encoding read
// here), so every chunk decodes on its own. A line holding bytes that are invalid in the encoding is decoded with
// replacement characters and marked with BAD_BYTES at its end: the reader refuses the file for it under `auto`, and
// rejects the row it belongs to when the encoding was named (--encoding, or a BOM). Nothing is decoded to U+FFFD silently.
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { TextDecoder } from 'node:util';
import { CsvStructureError, MAX_RECORD_CHARS } from './scan.js';

/** An encoding the reader decodes with (utf16be only from a BOM). */
export type Encoding = 'utf8' | 'gbk' | 'gb18030' | 'utf16le' | 'utf16be';

/**
 * Ends a line whose bytes were not valid in the encoding: a lone surrogate, which decoded text never holds. It is
 * not a quote, a delimiter or a line break, so it leaves the line's structure as it was.
 */
export const BAD_BYTES = '\uDFFF';

/** A cell's text without the BAD_BYTES mark (its invalid bytes still show as U+FFFD). */
export function withoutMark(text: string): string {
  return text.replaceAll(BAD_BYTES, '');
}

/**
 * Why the lines marked in a chunk make an `auto` file unreadable: they break the encoding chosen so far ('mixed'), the
 * first non-ASCII text is neither UTF-8 nor GB18030 ('neither'), or a line of a file read as GB18030 is UTF-8 text
 * ('utf8').
 */
export type EncodingFailure = 'mixed' | 'neither' | 'utf8';

/** Decoded text that ends after a line end (or at the end of the input). */
export interface TextChunk {
  readonly text: string;
  /** Some line of the text ends with BAD_BYTES. */
  readonly bad: boolean;
  /** Under `auto`: the marked lines break the encoding chosen so far ('mixed'), or the first non-ASCII text is neither UTF-8 nor GB18030. */
  readonly failure?: EncodingFailure;
}

const BOMS: ReadonlyArray<readonly [Encoding, readonly number[]]> = [
  ['utf8', [0xef, 0xbb, 0xbf]],
  ['utf16le', [0xff, 0xfe]],
  ['utf16be', [0xfe, 0xff]],
];

/** The encoding a byte-order mark at the start of head announces, with the mark's length. */
export function bomOf(head: Uint8Array): { encoding: Encoding; length: number } | undefined {
  for (const [encoding, bytes] of BOMS) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return { encoding, length: bytes.length };
  }
  return undefined;
}

/** The name of an encoding in messages. */
export function encodingName(encoding: Encoding): string {
  return { utf8: 'UTF-8', gbk: 'GBK', gb18030: 'GB18030', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE' }[encoding];
}

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);
// The bytes decoded into one text chunk (at most twice as many bytes of UTF-16 string: below V8's 128 KB large-object line).
const TEXT_BYTES = 32 * 1024;

/** The index after the last line end in bytes[from, to) — an LF, else (a bare-CR file) a CR — or -1. */
function lastLineEnd(bytes: Uint8Array, from: number, to: number): number {
  let e = to === 0 ? -1 : bytes.lastIndexOf(LF, to - 1);
  if (e < from) e = to === 0 ? -1 : bytes.lastIndexOf(CR, to - 1);
  return e < from ? -1 : e + 1;
}

/** The index after the first line end at or after from — an LF, else a CR — or -1. */
function lineEndAfter(bytes: Uint8Array, from: number): number {
  let e = bytes.indexOf(LF, from);
  if (e === -1) e = bytes.indexOf(CR, from);
  return e === -1 ? -1 : e + 1;
}

/** The bytes of the first line that holds a non-ASCII byte (bytes itself when there is none). */
function firstNonAsciiLine(bytes: Uint8Array): Uint8Array {
  const at = bytes.findIndex((b) => b >= 0x80);
  if (at === -1) return bytes;
  const start = lastLineEnd(bytes, 0, at);
  const end = lineEndAfter(bytes, at);
  return bytes.subarray(start === -1 ? 0 : start, end === -1 ? bytes.length : end);
}

// UTF-8 text as a person writes it: an accented letter inside a word (Müller, Société), or two Chinese characters.
// Accented UTF-8 is valid GB18030 byte for byte (Müller reads as M眉ller), so once a file was found to be GBK, such a
// line is taken for UTF-8 written among GBK lines and the file is refused (65; --encoding gb18030 reads it as GBK).
// Chinese written in GBK is valid UTF-8 only by accident, and then decodes to scattered letters of other scripts: in
// random GBK lines the pattern showed up in 0 to 0.003% of lines whose Chinese stands in cells of its own (names, 1 to
// 20 characters), and in 0.4% (two characters) to 2.7% (one) of lines where Chinese is glued to Latin letters (ABC王).
const UTF8_TEXT = /[A-Za-z][\u00C0-\u024F]|[\u00C0-\u024F][A-Za-z]|[\u4E00-\u9FFF].*[\u4E00-\u9FFF]/u;

/** The first line of bytes that is valid UTF-8 holding UTF8_TEXT (its end, after the line end), or undefined. */
function utf8TextLine(bytes: Uint8Array): { end: number } | undefined {
  for (let start = 0; start < bytes.length; ) {
    const e = lineEndAfter(bytes, start);
    const end = e === -1 ? bytes.length : e;
    const line = bytes.subarray(start, end);
    // Native checks first: almost every GBK line fails isUtf8 at its first Chinese character.
    if (!isAscii(line) && isUtf8(line) && UTF8_TEXT.test(utf8.decode(line))) return { end: e === -1 ? end : end - 1 };
    start = end;
  }
  return undefined;
}

function listOf<T>(item: T | undefined): T[] {
  return item === undefined ? [] : [item];
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes bytes to text; fatal: throws at an invalid byte instead of writing U+FFFD. */
type Decode = (bytes: Uint8Array) => string;

/**
 * GB18030 decoders: the WHATWG one (ICU; GBK is its two-byte part, so it reads GBK files as they are meant), or, in a
 * Node built without full ICU, iconv-lite's, which marks invalid bytes with U+FFFD (so any U+FFFD counts as invalid).
 */
export function gb18030Decoders(decoder: (fatal: boolean) => TextDecoder = (fatal) => new TextDecoder('gb18030', { fatal, ignoreBOM: true })): { strict: Decode; lenient: Decode } {
  try {
    const strict = decoder(true);
    const lenient = decoder(false);
    return { strict: (b) => strict.decode(b), lenient: (b) => lenient.decode(b) };
  } catch {
    const require = createRequire(import.meta.url);
    const iconv = require('iconv-lite') as { decode(b: Buffer, e: string, o: { stripBOM: boolean }): string };
    const lenient: Decode = (b) => iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'gb18030', { stripBOM: false });
    return {
      strict(b) {
        const text = lenient(b);
        if (text.includes('\uFFFD')) throw new TypeError('invalid GB18030');
        return text;
      },
      lenient,
    };
  }
}

const gb18030 = gb18030Decoders();

/** One byte encoding's checks: whether bytes are valid, and how to decode them (strictly valid ones, or any). */
interface ByteCodec {
  valid(bytes: Uint8Array): boolean;
  decode(bytes: Uint8Array): string;
  lenient(bytes: Uint8Array): string;
}

const UTF8: ByteCodec = {
  valid: (bytes) => isUtf8(bytes),
  decode: (bytes) => utf8.decode(bytes),
  lenient: (bytes) => utf8.decode(bytes),
};

const GB18030: ByteCodec = {
  valid(bytes) {
    try {
      gb18030.strict(bytes);
      return true;
    } catch {
      return false;
    }
  },
  decode: (bytes) => gb18030.strict(bytes),
  lenient: (bytes) => gb18030.lenient(bytes),
};

/** Strict decoding of a whole chunk, or undefined when some byte is invalid (GB18030 decodes while it checks). */
function strictly(codec: ByteCodec, bytes: Uint8Array): string | undefined {
  if (codec === GB18030) {
    try {
      return gb18030.strict(bytes);
    } catch {
      return undefined;
    }
  }
  return codec.valid(bytes) ? codec.decode(bytes) : undefined;
}

/** Decodes line by line, each invalid line leniently and marked with BAD_BYTES before its line end. */
function decodeByLine(bytes: Uint8Array, codec: ByteCodec): string {
  let out = '';
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = i < bytes.length ? bytes[i] : -1;
    if (b !== LF && b !== CR && b !== -1) continue;
    const line = bytes.subarray(start, i);
    out += codec.valid(line) ? codec.decode(line) : codec.lenient(line) + BAD_BYTES;
    if (b !== -1) out += b === LF ? '\n' : '\r';
    start = i + 1;
  }
  return out;
}

/** How bytes are read at the moment: 'ascii' while `auto` has seen no non-ASCII byte. */
type Reading = 'ascii' | 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

/** Decodes a byte stream into chunks of whole lines (see the top of this file). */
export class LineDecoder {
  private reading: Reading;
  private held: Uint8Array = EMPTY;
  private heldText = '';

  /**
   * encoding: the one in force ('auto': decided by the bytes); decided: named by --encoding or a BOM, so invalid
   * bytes are the row's problem, not the file's.
   */
  constructor(
    private readonly named: Encoding | 'auto',
    private readonly decided: boolean,
  ) {
    this.reading = named === 'auto' ? 'ascii' : named === 'gbk' ? 'gb18030' : named;
  }

  /** The encoding named, or settled on: for `auto` on text that was all ASCII, UTF-8 (the same bytes either way). */
  get encoding(): Encoding {
    if (this.named === 'gbk') return 'gbk';
    return this.reading === 'ascii' ? 'utf8' : this.reading;
  }

  /**
   * Decodes the lines completed by bytes, in chunks of at most about TEXT_BYTES (small strings stay in V8's young
   * generation: large ones pile up in its large-object space until a full collection); throws CsvStructureError
   * (line -1: the caller knows it) for a line past the limit.
   */
  push(bytes: Uint8Array): TextChunk[] {
    if (this.reading === 'utf16le' || this.reading === 'utf16be') return listOf(this.pushUtf16(bytes, false));
    const out: TextChunk[] = [];
    let from = 0;
    if (this.held.length > 0) {
      // Only the line that was cut off is joined (a copy of a few bytes, not of the whole chunk).
      const first = lineEndAfter(bytes, 0);
      if (first === -1) return this.hold(Buffer.concat([this.held, bytes]), out);
      out.push(this.decode(Buffer.concat([this.held, bytes.subarray(0, first)])));
      this.held = EMPTY;
      from = first;
    }
    const last = lastLineEnd(bytes, from, bytes.length);
    if (last === -1) return this.hold(bytes.subarray(from), out);
    for (let pos = from; pos < last; ) {
      const cut = pos + TEXT_BYTES >= last ? last : lastLineEnd(bytes, pos, pos + TEXT_BYTES) === -1 ? lineEndAfter(bytes, pos + TEXT_BYTES) : lastLineEnd(bytes, pos, pos + TEXT_BYTES);
      out.push(this.decode(bytes.subarray(pos, cut)));
      pos = cut;
    }
    return this.hold(bytes.subarray(last), out);
  }

  /** Keeps (a copy of) bytes of a line not ended yet; the caller may reuse its buffer. */
  private hold(bytes: Uint8Array, out: TextChunk[]): TextChunk[] {
    this.held = bytes.length === 0 ? EMPTY : new Uint8Array(bytes);
    if (this.held.length > MAX_RECORD_CHARS) throw new CsvStructureError(-1, 'lineTooLong');
    return out;
  }

  /** Decodes what is left at the end of the input. */
  end(): TextChunk[] {
    if (this.reading === 'utf16le' || this.reading === 'utf16be') return listOf(this.pushUtf16(EMPTY, true));
    const rest = this.held;
    this.held = EMPTY;
    return rest.length === 0 ? [] : [this.decode(rest)];
  }

  private decode(bytes: Uint8Array): TextChunk {
    if (this.reading === 'ascii') {
      if (isAscii(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), bad: false };
      // The first line with non-ASCII bytes decides: UTF-8 if it is valid UTF-8, else GB18030 if it is valid GB18030.
      // A line, not the whole chunk: accented UTF-8 (Müller) is valid GB18030 byte for byte, so a chunk holding a
      // UTF-8 line and a GBK line later would pass as GB18030 and every row would be mojibake; decided on its first
      // line, the file is UTF-8 and the GBK line is refused as a mixed encoding, wherever the chunk ends.
      const line = firstNonAsciiLine(bytes);
      if (UTF8.valid(line)) this.reading = 'utf8';
      else if (strictly(GB18030, line) !== undefined) this.reading = 'gb18030';
      else {
        this.reading = 'utf8';
        return { text: decodeByLine(bytes, UTF8), bad: true, failure: 'neither' };
      }
    }
    const codec = this.reading === 'utf8' ? UTF8 : GB18030;
    const text = strictly(codec, bytes);
    if (text !== undefined && codec === GB18030 && this.named === 'auto') {
      const line = utf8TextLine(bytes);
      if (line !== undefined) return { text: gb18030.strict(bytes.subarray(0, line.end)) + BAD_BYTES + gb18030.strict(bytes.subarray(line.end)), bad: true, failure: 'utf8' };
    }
    if (text !== undefined) return { text, bad: false };
    return { text: decodeByLine(bytes, codec), bad: true, failure: this.decided ? undefined : 'mixed' };
  }

  /** UTF-16 (a BOM, or Excel's "Unicode Text"): a lone surrogate is the invalid sequence; an odd last byte waits. */
  private pushUtf16(bytes: Uint8Array, final: boolean): TextChunk | undefined {
    const all = this.held.length === 0 ? bytes : Buffer.concat([this.held, bytes]);
    const even = all.length & ~1;
    const units = Buffer.from(all.subarray(0, even));
    if (this.reading === 'utf16be') units.swap16();
    this.held = even === all.length ? EMPTY : new Uint8Array(all.subarray(even));
    // An odd byte at the very end is half a character: invalid, like a lone surrogate.
    const oddEnd = final && this.held.length > 0;
    let text = this.heldText + units.toString('utf16le') + (oddEnd ? LONE_SURROGATE_MARK : '');
    this.held = EMPTY;
    const end = final ? text.length : Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
    this.heldText = text.slice(end);
    if (this.heldText.length > MAX_RECORD_CHARS) throw new CsvStructureError(-1, 'lineTooLong');
    if (end === 0) return undefined;
    text = text.slice(0, end);
    if (!LONE_SURROGATE.test(text)) return { text, bad: false };
    const lines = text.split(/(\r|\n)/);
    for (let i = 0; i < lines.length; i += 2) {
      const line = lines[i]!;
      if (LONE_SURROGATE.test(line)) lines[i] = line.replace(LONE_SURROGATES, '\uFFFD') + BAD_BYTES;
    }
    return { text: lines.join(''), bad: true };
  }
}

// A UTF-16 code unit that is half of a surrogate pair without its other half.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'gu');
// Stands for an odd last byte until lines are checked: a lone high surrogate, invalid like one.
const LONE_SURROGATE_MARK = '\uD800';

/** Whether bytes are valid UTF-8, allowing a character cut off at the end when more bytes follow. */
function isUtf8Prefix(bytes: Uint8Array, complete: boolean): boolean {
  if (isUtf8(bytes)) return true;
  if (complete) return false;
  const cut = incompleteTail(bytes);
  return cut > 0 && isUtf8(bytes.subarray(0, bytes.length - cut));
}

/** How many bytes at the end form the start of a UTF-8 character that continues in the next chunk (0 if none). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Index of the first byte that makes bytes invalid UTF-8 (bytes.length when the only problem is a character cut off at the end); answers files use it. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search on the longest valid prefix: isUtf8 is SIMD-fast, this runs once, on failure only.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (isUtf8Prefix(bytes.subarray(0, mid), true) || isUtf8Prefix(bytes.subarray(0, mid), false)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What the first bytes say about a file that is not CSV text at all: an Excel workbook, or other binary data. */
export function binaryKind(head: Uint8Array, encoding: Encoding | 'auto'): 'workbook' | 'binary' | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'workbook'; // .xlsx (zip)
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'workbook'; // .xls (OLE)
  if (encoding === 'utf16le' || encoding === 'utf16be') return undefined;
  // Text in these encodings never holds NUL bytes; binary data nearly always does.
  return head.includes(0) ? 'binary' : undefined;
}

/** Whether BOM-less bytes look like UTF-16LE (ASCII-range text with every other byte 0, as Excel's "Unicode Text"). */
export function looksUtf16le(head: Uint8Array): boolean {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return false;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  return zeroOdd > n / 4 && zeroEven === 0;
}
