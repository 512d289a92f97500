/** The hand-written LRU that lib/cache replaced (lru-cache), kept only as the benchmark's baseline. */
export interface LruOptions<K, V> {
  maxEntries: number;
  /** Bound on the sum of `sizeOf` over all entries. */
  maxBytes?: number;
  /** Weight of an entry (e.g. its byte size); required for `maxBytes` to mean anything. */
  sizeOf?: (value: V, key: K) => number;
}

export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;
  constructor(private readonly opts: LruOptions<K, V>) {
    if (!(opts.maxEntries >= 1)) throw new RangeError("LruCache: maxEntries must be at least 1");
  }

  get size(): number {
    return this.map.size;
  }

  /** Sum of the weights of the entries held. */
  get bytes(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores the entry as most recent; an entry heavier than the whole budget is not kept at all. */
  set(key: K, value: V): this {
    this.delete(key);
    const size = this.opts.sizeOf?.(value, key) ?? 0;
    if (this.opts.maxBytes !== undefined && size > this.opts.maxBytes) return this;
    this.map.set(key, { value, size });
    this.total += size;
    while (this.map.size > this.opts.maxEntries || (this.opts.maxBytes !== undefined && this.total > this.opts.maxBytes)) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return this;
  }

  delete(key: K): boolean {
    const e = this.map.get(key);
    if (!e) return false;
    this.map.delete(key);
    this.total -= e.size;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
