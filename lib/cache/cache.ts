/**
 * The one in-process cache of Statehouse, in one vocabulary: a key, an optional validator (the
 * ETag or version ID the entry was computed from), bounds by entry count and by bytes, and an
 * optional TTL. Built on `lru-cache`; pure (no AWS, no server-only).
 */
import { LRUCache } from "lru-cache";

export interface CachePolicy<K, V> {
  /** What the cache holds, as docs/ARCHITECTURE.md lists the caches. */
  name: string;
  maxEntries: number;
  /** Bound on the sum of `sizeOf` over all entries; an entry heavier than this is not kept at all. */
  maxBytes?: number;
  /** Weight of an entry (about its bytes in memory); required with `maxBytes`. */
  sizeOf?: (value: V, key: K) => number;
  /** Entries older than this are never returned (freshness by age, for data that has no validator). */
  ttlMs?: number;
  /** The clock ages are measured on (milliseconds); tests give their own. Default: performance.now. */
  now?: () => number;
}

interface Held<V> {
  value: V;
  validator: string | undefined;
}

export class Cache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly lru: LRUCache<K, Held<V>>;
  constructor(readonly policy: CachePolicy<K, V>) {
    if (!(policy.maxEntries >= 1)) throw new RangeError(`cache ${policy.name}: maxEntries must be at least 1`);
    if (policy.maxBytes !== undefined && !policy.sizeOf) throw new RangeError(`cache ${policy.name}: maxBytes needs sizeOf`);
    const sizeOf = policy.sizeOf;
    this.lru = new LRUCache<K, Held<V>>({
      max: policy.maxEntries,
      ...(policy.maxBytes !== undefined && sizeOf
        ? // lru-cache wants a positive integer weight.
          { maxSize: policy.maxBytes, sizeCalculation: (h: Held<V>, k: K) => Math.max(1, Math.ceil(sizeOf(h.value, k))) }
        : {}),
      ...(policy.ttlMs !== undefined ? { ttl: policy.ttlMs } : {}),
      // lru-cache reuses a clock reading for ttlResolution ms; a given clock is read every time.
      ...(policy.now ? { perf: { now: policy.now }, ttlResolution: 0 } : {}),
    });
  }

  get size(): number {
    return this.lru.size;
  }

  /** Sum of the weights of the entries held (0 without a byte bound). */
  get bytes(): number {
    return this.lru.calculatedSize ?? 0;
  }

  /**
   * The entry, now the most recently used; undefined when absent, expired, or computed from
   * another validator than `validator` (such a stale entry is dropped).
   */
  get(key: K, validator?: string): V | undefined {
    const held = this.lru.get(key);
    if (!held) return undefined;
    if (validator !== undefined && held.validator !== validator) {
      this.lru.delete(key);
      return undefined;
    }
    return held.value;
  }

  has(key: K): boolean {
    return this.lru.has(key);
  }

  /** Stores the entry as most recent, with the validator it was computed from. */
  set(key: K, value: V, validator?: string): this {
    this.lru.set(key, { value, validator });
    return this;
  }

  delete(key: K): boolean {
    return this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }
}

export function createCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(policy: CachePolicy<K, V>): Cache<K, V> {
  return new Cache(policy);
}
