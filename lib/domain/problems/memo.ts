import "server-only";
/**
 * What the problems pass keeps between passes, so that a replica's pass every few seconds costs a few
 * requests, not a listing of every version in every bucket:
 * - each backend's version history (noncurrent count and bytes, deleted keys, each key's previous version),
 *   fully re-listed every HISTORY_TTL_MS; in between only the keys whose current object changed (another ETag,
 *   or gone from the live listing) are listed again, each on its own prefix;
 * - the lineage of a previous version, by version ID (immutable);
 * - each bucket's versioning and lifecycle answers, for a minute (CACHE_POLICIES.bucketSettings).
 * A write through Statehouse needs no hook here: it changes the key's ETag, so the next pass lists that key again.
 * Per process, bounded, derived: any replica computes the same from S3.
 */
import type { BackendContext } from "@/lib/backend/context";
import { hasNoncurrentExpiration, versionStats, type KeyHistory, type VersionStats } from "@/lib/backend/bucket-health";
import { getVersioning, readObject } from "@/lib/backend/versions";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { parseState } from "@/lib/state/parse";
import type { VersioningState } from "@/lib/backend/types";

/** How long a version history may be patched key by key before it is listed whole again (lifecycle expirations show then). */
export const HISTORY_TTL_MS = 5 * 60_000;
/** More changed keys than this in one pass: listing the whole history again is cheaper. */
const MAX_PATCHED_KEYS = 64;

interface HistoryMemo {
  at: number;
  stats: VersionStats;
  /** The live listing the history was last brought up to: state key → ETag. */
  seen: Map<string, string>;
}

const histories = createCache<string, HistoryMemo>({ ...CACHE_POLICIES.versionHistories, sizeOf: (m) => (m.stats.keys.size + m.seen.size + 1) * 200 });
const lineages = createCache<string, { lineage: string | null }>(CACHE_POLICIES.previousLineages);
const settings = createCache<string, { versioning: VersioningState | null; noncurrentRule: boolean | null }>(CACHE_POLICIES.bucketSettings);

function totals(keys: Map<string, KeyHistory>): VersionStats {
  let noncurrentCount = 0;
  let noncurrentBytes = 0;
  for (const h of keys.values()) {
    noncurrentCount += h.noncurrentCount;
    noncurrentBytes += h.noncurrentBytes;
  }
  return { noncurrentCount, noncurrentBytes, keys };
}

/**
 * The backend's version history, brought up to `live` (its current state objects: key → ETag). `full` lists it
 * whole. Throws what the listings throw; nothing failed is kept.
 */
export async function versionHistory(ctx: BackendContext, live: ReadonlyMap<string, string>, full: () => Promise<VersionStats>, now = Date.now()): Promise<VersionStats> {
  const k = ctx.cacheKey;
  const memo = histories.get(k);
  if (memo && now - memo.at < HISTORY_TTL_MS) {
    const changed = [...live].filter(([key, etag]) => memo.seen.get(key) !== etag).map(([key]) => key);
    for (const key of memo.seen.keys()) if (!live.has(key)) changed.push(key);
    if (changed.length === 0) return memo.stats;
    if (changed.length <= MAX_PATCHED_KEYS) {
      const fresh = await Promise.all(changed.map((key) => versionStats(ctx, key, (k2) => k2 === key)));
      const keys = new Map(memo.stats.keys);
      changed.forEach((key, i) => {
        const h = fresh[i]!.keys.get(key);
        if (h) keys.set(key, h);
        else keys.delete(key);
      });
      const stats = totals(keys);
      histories.set(k, { at: memo.at, stats, seen: new Map(live) });
      return stats;
    }
  }
  const stats = await full();
  histories.set(k, { at: now, stats, seen: new Map(live) });
  return stats;
}

/** The lineage of one stored version (null when it is not a readable state); a version never changes, so it is read once. */
export async function versionLineage(ctx: BackendContext, key: string, versionId: string): Promise<string | null> {
  const k = `${ctx.def.options.bucket}\0${key}\0${versionId}`;
  const hit = lineages.get(k);
  if (hit) return hit.lineage;
  const r = parseState((await readObject(ctx, key, versionId)).bytes);
  const lineage = r.kind === "state" ? r.state.lineage : null;
  lineages.set(k, { lineage });
  return lineage;
}

/** Versioning and lifecycle of the backend's bucket, each null when it could not be read; with `reuse`, answers up to a minute old. */
export async function bucketSettings(ctx: BackendContext, orNull: <T>(p: Promise<T>) => Promise<T | null>, reuse: boolean): Promise<{ versioning: VersioningState | null; noncurrentRule: boolean | null }> {
  const k = ctx.cacheKey;
  const hit = reuse ? settings.get(k) : undefined;
  if (hit) return hit;
  const [versioning, noncurrentRule] = await Promise.all([orNull(getVersioning(ctx)), orNull(hasNoncurrentExpiration(ctx))]);
  const value = { versioning, noncurrentRule };
  if (versioning !== null && noncurrentRule !== null) settings.set(k, value);
  return value;
}
