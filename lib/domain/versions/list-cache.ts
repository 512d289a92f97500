import "server-only";
/**
 * A workspace's version history for the pages (Versions, Diff, Restore), kept per process and
 * validated cheaply on every load instead of re-listed: a history of thousands of versions costs a
 * ListObjectVersions page per 1,000 entries, while what can change is mostly at its newest end.
 *
 * What can change in a key's history, and how each load sees it:
 * - a new version or delete marker (an apply, a restore, a delete), a current version deleted, a
 *   delete marker removed: the current object changes. One HeadObject of the current object,
 *   compared with the cached newest entry (version ID, ETag, date, size), sees it; then only the
 *   newest NEWEST_PAGE entries are listed and spliced onto the cached tail, provided the page's
 *   oldest entry (S3's NextVersionIdMarker) is one the cache holds; otherwise the whole history is
 *   listed again. An object overwritten in place (version "null") changes its ETag and date.
 * - versions expired by a lifecycle rule (NoncurrentVersionExpiration): expiry takes the oldest
 *   noncurrent versions first, so one HeadObject of the cached oldest entry sees it; then the whole
 *   history is listed again.
 * - a noncurrent version in the middle deleted by hand (DeleteObject with its version ID): nothing
 *   cheap sees it, so the whole history is listed again, in the background, once the cached listing
 *   is older than RELIST_AFTER_MS: such a version can show for at most that long (plus one listing).
 * The old entries are otherwise immutable (S3 never changes a version once written), so the spliced
 * list is the one a full listing would give. Nothing failed is cached. Bounded by a named policy.
 */
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import type { StateVersion, VersioningState } from "@/lib/backend/types";
import { currentVersionTag, listNewestVersions, listObjectVersions, sortNewestFirst, versionExists, type CurrentVersionTag } from "@/lib/backend/versions";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { countCacheLookup } from "@/lib/observability/metrics";
import { bucketVersioning } from "./bucket-versioning";

/** Entries listed again when the current object changed: many writes between two loads still splice. */
export const NEWEST_PAGE = 100;
/** The whole history is listed again (in the background) when the cached listing is older than this. */
export const RELIST_AFTER_MS = 5 * 60_000;

interface Entry {
  versions: StateVersion[];
  /** When the whole history was last listed (Date.now at the start of that listing). */
  listedAt: number;
}

/** Rough bytes per cached version (a 32-character ID, an ETag, a date, the object around them). */
const VERSION_WEIGHT = 200;

const cache = createCache<string, Entry>({ ...CACHE_POLICIES.versionLists, sizeOf: (e) => (e.versions.length + 1) * VERSION_WEIGHT });
/** Whole listings under way, by cache key: concurrent misses of one history share one listing. */
const relisting = new Map<string, Promise<Entry>>();

function cacheKey(ctx: BackendContext, key: string): string {
  return `${ctx.def.name}\0${ctx.def.options.bucket}\0${key}`;
}

/** Lists the whole history once for any number of callers, and caches it. */
function relist(ctx: BackendContext, k: string, key: string): Promise<Entry> {
  let p = relisting.get(k);
  if (!p) {
    const listedAt = Date.now();
    const mine: Promise<Entry> = listObjectVersions(ctx, key).then((versions) => {
      const entry = { versions, listedAt };
      // A newer answer may have been stored meanwhile by a splice: keep the one listed later.
      const held = cache.get(k);
      if (!held || held.listedAt <= listedAt) cache.set(k, entry);
      return entry;
    });
    p = mine.finally(() => {
      if (relisting.get(k) === p) relisting.delete(k);
    });
    relisting.set(k, p);
  }
  return p;
}

/** Whether the current object is still the cached newest entry. */
export function sameNewest(current: CurrentVersionTag, versions: readonly StateVersion[]): boolean {
  const newest = versions[0];
  switch (current.state) {
    case "absent":
      return versions.length === 0;
    case "deleted":
      return newest !== undefined && newest.isLatest && newest.isDeleteMarker && current.versionId !== null && newest.versionId === current.versionId;
    case "present":
      return (
        newest !== undefined &&
        newest.isLatest &&
        !newest.isDeleteMarker &&
        newest.versionId === current.versionId &&
        newest.etag === current.etag &&
        (current.lastModified === null || newest.lastModified === current.lastModified) &&
        (current.size === null || newest.size === current.size)
      );
  }
}

/**
 * The newest entries put in front of the cached tail, or null when the page's oldest entry is not in
 * the cache (more new entries than a page, or a history rewritten): the caller lists it all again.
 * The tail is every cached entry not on the page and no newer than the page's oldest: S3 lists one
 * key's entries newest first, so those are exactly the entries after the page.
 */
export function spliceNewest(page: readonly StateVersion[], boundaryId: string, cached: readonly StateVersion[]): StateVersion[] | null {
  const boundary = page.find((v) => v.versionId === boundaryId);
  const held = cached.find((v) => v.versionId === boundaryId);
  if (!boundary || !held || held.lastModified !== boundary.lastModified || held.etag !== boundary.etag || held.isDeleteMarker !== boundary.isDeleteMarker) return null;
  const onPage = new Set(page.map((v) => v.versionId));
  const tail = cached.filter((v) => !onPage.has(v.versionId) && v.lastModified <= boundary.lastModified).map((v) => (v.isLatest ? { ...v, isLatest: false } : v));
  return sortNewestFirst([...page, ...tail]);
}

async function validated(ctx: BackendContext, k: string, key: string, entry: Entry): Promise<Entry> {
  const oldest = entry.versions.at(-1);
  const [current, oldestThere] = await Promise.all([currentVersionTag(ctx, key), oldest ? versionExists(ctx, key, oldest.versionId) : Promise.resolve(true)]);
  // Lifecycle expiry takes the oldest first: when the oldest is gone, the tail cannot be trusted.
  if (!oldestThere) return relist(ctx, k, key);
  if (sameNewest(current, entry.versions)) return entry;
  const page = await listNewestVersions(ctx, key, NEWEST_PAGE);
  if (page.boundary === null) {
    const whole = { versions: page.versions, listedAt: Date.now() };
    cache.set(k, whole);
    return whole;
  }
  const spliced = spliceNewest(page.versions, page.boundary, entry.versions);
  if (!spliced) return relist(ctx, k, key);
  const next = { versions: spliced, listedAt: entry.listedAt };
  cache.set(k, next);
  return next;
}

/**
 * Every version of a workspace's state, newest first, delete markers included: what listVersions
 * answers, from the per-process cache validated as described above (two HeadObjects when nothing
 * changed, plus one short listing page when the newest end did).
 */
export async function listVersionsCached(ctx: BackendContext, workspace: string): Promise<{ versioning: VersioningState; versions: StateVersion[] }> {
  const key = stateKey(ctx.def.options, workspace);
  const k = cacheKey(ctx, key);
  const held = cache.get(k);
  countCacheLookup("versions", held !== undefined);
  const [versioning, entry] = await Promise.all([bucketVersioning(ctx), held ? validated(ctx, k, key, held) : relist(ctx, k, key)]);
  // The middle of a history can only change by hand: look at all of it again now and then, without making this load wait.
  if (Date.now() - entry.listedAt > RELIST_AFTER_MS) void relist(ctx, k, key).catch(() => undefined);
  return { versioning, versions: entry.versions };
}
