// Decoding of CRM and Excel exports. `auto` follows the SPEC: a BOM decides; else strict UTF-8; else
// GB18030 (what Chinese Excel writes, as GBK, without a BOM). Detectors guess short GBK text wrong, so
// the choice is made by strict decoding of real non-ASCII bytes, not by statistics.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

/** An encoding the reader decodes with (utf16be only from a BOM). */
export type Encoding = 'utf8' | 'gbk' | 'gb18030' | 'utf16le' | 'utf16be';

/** How the bytes of one piece are decoded: 'ascii' while `auto` has seen no non-ASCII byte yet. */
export type PieceEncoding = 'ascii' | 'utf8' | 'gbk' | 'gb18030';

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

/** Index of the first byte that makes bytes invalid UTF-8 (bytes.length when the only problem is a character cut off at the end). */
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

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes one piece of whole records (it starts and ends on character boundaries); UTF-8 was validated by the reader. */
export function decodePiece(bytes: Uint8Array, encoding: PieceEncoding): string {
  switch (encoding) {
    case 'ascii':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    case 'utf8':
      return utf8.decode(bytes);
    case 'gbk':
    case 'gb18030':
      return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
  }
}

/** `auto` without a BOM, at the first piece holding non-ASCII bytes: strict UTF-8 if they all decode as UTF-8, else GB18030. */
export function decideEncoding(bytes: Uint8Array, complete: boolean): 'utf8' | 'gb18030' {
  return isUtf8Prefix(bytes, complete) ? 'utf8' : 'gb18030';
}

/** Transcodes a UTF-16 byte stream to UTF-8 chunks, so the rest of the reader deals with one family of encodings. */
export async function* utf16ToUtf8(chunks: AsyncIterator<Uint8Array>, first: Uint8Array, encoding: 'utf16le' | 'utf16be'): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });
  yield Buffer.from(decoder.decode(first, { stream: true }), 'utf8');
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) break;
    yield Buffer.from(decoder.decode(next.value, { stream: true }), 'utf8');
  }
  yield Buffer.from(decoder.decode(), 'utf8');
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
