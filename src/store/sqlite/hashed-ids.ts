// The companies a bulk load made so far (SqliteLeadImporter: it puts off the unique indexes that would find them):
// each as a 32-bit hash of its key or credit code and the id of the lead that holds it, in an open-addressing table
// of typed arrays. A million companies take 24 MB (2^21 slots of a 4-byte hash and an 8-byte id) and make no garbage
// (a Set of their strings took 130 MB more and ~1 µs a row, most of it the collector's); a hash that matches is
// confirmed against the lead it names, so the answer is exact. PURE but for the confirmation the caller gives.

/** Ids by the hash of a string they hold; has() asks `holds(id)` for every id of the same hash. */
export class HashedIds {
  private hashes = new Int32Array(INITIAL);
  /** 0: an empty slot (lead ids start at 1). */
  private ids = new Float64Array(INITIAL);
  private count = 0;

  /** Whether the table holds `text` (its hash, then `holds` of each id of that hash). */
  has(text: string, holds: (id: number, text: string) => boolean): boolean {
    const hash = hashOf(text);
    const mask = this.ids.length - 1;
    for (let slot = hash & mask; this.ids[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.hashes[slot] === hash && holds(this.ids[slot]!, text)) return true;
    }
    return false;
  }

  /** Adds `text` as held by lead `id` (not already in the table). */
  add(text: string, id: number): void {
    if ((this.count + 1) * 2 > this.ids.length) this.grow();
    this.put(hashOf(text), id);
    this.count++;
  }

  private put(hash: number, id: number): void {
    const mask = this.ids.length - 1;
    let slot = hash & mask;
    while (this.ids[slot] !== 0) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.ids[slot] = id;
  }

  /** Twice the slots (the table stays at most half full: short probes). */
  private grow(): void {
    const { hashes, ids } = this;
    this.hashes = new Int32Array(ids.length * 2);
    this.ids = new Float64Array(ids.length * 2);
    for (let slot = 0; slot < ids.length; slot++) if (ids[slot] !== 0) this.put(hashes[slot]!, ids[slot]!);
  }
}

const INITIAL = 1 << 12;

/** FNV-1a of the UTF-16 code units, its bits mixed (murmur3's finaliser) so that the low ones pick a slot well. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
