/**
 * The index's dictionary: each distinct text kept once (as written and lower-cased) under a small
 * integer id, reference-counted so that a replaced state frees what only it used. A search term
 * scans the distinct texts once, not every occurrence; instances hold ids, not strings.
 */
export class TextDict {
  readonly texts: string[] = [];
  readonly lowers: string[] = [];
  private readonly refs: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly free: number[] = [];
  /** Estimated bytes of the live texts (both forms, 2 bytes a character, plus per-entry overhead). */
  bytes = 0;

  get size(): number {
    return this.texts.length;
  }

  /** The id of `text`, added (or its count raised); `added` is set when it is new. */
  add(text: string, onNew?: (bytes: number) => void): number {
    const hit = this.ids.get(text);
    if (hit !== undefined) {
      this.refs[hit]!++;
      return hit;
    }
    const id = this.free.pop() ?? this.texts.length;
    const lower = text.toLowerCase();
    this.texts[id] = text;
    // Same string when already lower case: no second copy.
    this.lowers[id] = lower === text ? text : lower;
    this.refs[id] = 1;
    this.ids.set(text, id);
    const b = entryBytes(text, lower);
    this.bytes += b;
    onNew?.(b);
    return id;
  }

  release(id: number): void {
    if (--this.refs[id]! > 0) return;
    const text = this.texts[id]!;
    this.bytes -= entryBytes(text, this.lowers[id]!);
    this.ids.delete(text);
    this.texts[id] = "";
    this.lowers[id] = "";
    this.free.push(id);
  }

  isLive(id: number): boolean {
    return this.refs[id]! > 0;
  }

  /** Ids whose lower-cased text contains `term` (already lower case), as a bitmap. */
  containing(term: string): Uint8Array {
    const hit = new Uint8Array(this.texts.length);
    const lowers = this.lowers;
    for (let i = 0; i < lowers.length; i++) if (lowers[i]!.includes(term) && this.refs[i]! > 0) hit[i] = 1;
    return hit;
  }
}

function entryBytes(text: string, lower: string): number {
  return 64 + text.length * 2 + (lower === text ? 0 : lower.length * 2);
}
