import "server-only";
/**
 * The workspaces listing for the dashboard, cached per process so that a page reload answers from
 * memory instead of paging through S3 and DynamoDB again.
 *
 * S3 offers no ETag or change token for a listing, and no single cheap call proves that nothing
 * under a prefix changed, so freshness is by age, with two horizons:
 * - the live listing (which workspaces exist, their size/ETag/date, `.tflock` objects present) is
 *   reused for LISTING_TTL_MS;
 * - lock holders (DynamoDB items and `.tflock` bodies) are reused for LOCK_TTL_MS only, because a
 *   dashboard must not show a released lock as held (or miss a new one) for long.
 * A `.tflock` created after the listing was taken shows up when the listing is next refreshed, so
 * S3 lock files can be up to LISTING_TTL_MS late; DynamoDB locks at most LOCK_TTL_MS.
 *
 * Deleted workspaces (lib/backend/deleted-workspaces.ts: a delimited version listing plus one
 * request per folder without a live state) are reused for up to DELETED_TTL_MS, validated by each
 * fresh live listing: a workspace can only become deleted by its object disappearing from that
 * listing, and when one does they are found again at once. (A re-created workspace is simply live
 * again.) Only a workspace created and deleted between two refreshes can be missed, for at most
 * DELETED_TTL_MS. When they must be found again with the live listing due too, both start together.
 * While a refresh is under way, other requests get the listing it replaces when that is younger than
 * REFRESHING_GRACE_MS, so under load only the request that started a refresh waits for it: lock holders are then
 * at most LOCK_TTL_MS plus one refresh late.
 * Concurrent requests for the same backend share one refresh; invalidateListing (after a write
 * action) makes the next request read the live listing and the locks again. Entries are bounded in
 * number and weighed by workspace count, so memory stays bounded however many backends are browsed.
 */
import type { BackendContext } from "@/lib/backend/context";
import { listDeletedWorkspaces, type DeletedWorkspaces } from "@/lib/backend/deleted-workspaces";
import { combineListing, listWorkspaceObjects, type WorkspaceList, type WorkspaceObjects } from "@/lib/backend/workspaces";
import { countCacheLookup } from "@/lib/observability/metrics";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";

export const LISTING_TTL_MS = 5_000;
export const LOCK_TTL_MS = 2_000;
export const DELETED_TTL_MS = 5 * 60_000;
/** How old a listing may be served while a refresh of it is in flight (see listWorkspacesCached). */
export const REFRESHING_GRACE_MS = 10_000;

interface Timed<T> {
  at: number;
  value: T;
}

interface Entry {
  live: Timed<WorkspaceObjects>;
  deleted: Timed<DeletedWorkspaces>;
  list: Timed<WorkspaceList>;
}

/** Rough bytes per cached workspace row (summary, key strings, lock holders). */
const ROW_WEIGHT = 400;

const entries = createCache<string, Entry>({
  ...CACHE_POLICIES.workspaceListings,
  sizeOf: (e) => (e.live.value.workspaces.length + e.deleted.value.workspaces.length + e.list.value.workspaces.length + 1) * ROW_WEIGHT,
});
const inflight = new Map<string, Promise<WorkspaceList>>();
/** The live half alone, shared with the estate passes (search, locks, changes, dependencies): one listing per TTL. */
const lives = createCache<string, Timed<WorkspaceObjects>>({
  ...CACHE_POLICIES.liveListings,
  sizeOf: (t) => (t.value.workspaces.length + 1) * ROW_WEIGHT,
});
const liveInflight = new Map<string, Promise<Timed<WorkspaceObjects>>>();
/**
 * A listing that failed (a missing bucket, denied access) answers with the same error for LISTING_TTL_MS: every
 * estate pass and page lists every backend, and one broken backend must not turn each of them into a new request.
 * Bounded: one entry per configured backend.
 */
const failures = new Map<string, { at: number; error: unknown }>();
/** Bumped by invalidateListing: a refresh that started before it must not store what it read. */
const invalidations = new Map<string, number>();
/** This backend's invalidation count: a read that saw another count when it started must not be stored. */
const generationOf = (k: string) => invalidations.get(k) ?? 0;

/** How many writes through this process have invalidated this backend's listing: part of the key of what is derived from it. */
export function listingGeneration(ctx: BackendContext): number {
  return generationOf(ctx.cacheKey);
}

function fresh(t: { at: number }, ttl: number, now: number): boolean {
  return now - t.at < ttl;
}

/** Some workspace that was live in `before` no longer is: it may have been deleted. */
function lostOne(before: WorkspaceObjects, after: WorkspaceObjects): boolean {
  for (const name of before.liveNames) if (!after.liveNames.has(name)) return true;
  return false;
}

/** Timed from the start of the reads: the answer is no fresher than that. */
async function timed<T>(read: () => Promise<T>): Promise<Timed<T>> {
  const at = Date.now();
  return { at, value: await read() };
}

/** The live listing, read at most once per LISTING_TTL_MS per backend however many callers ask (and again after an invalidation). */
function liveRead(ctx: BackendContext, k: string): Promise<Timed<WorkspaceObjects>> {
  const hit = lives.get(k);
  if (hit && fresh(hit, LISTING_TTL_MS, Date.now())) return Promise.resolve(hit);
  const failed = failures.get(k);
  if (failed && fresh(failed, LISTING_TTL_MS, Date.now())) return Promise.reject(failed.error);
  let p = liveInflight.get(k);
  if (!p) {
    const generation = generationOf(k);
    const mine: Promise<Timed<WorkspaceObjects>> = timed(() => listWorkspaceObjects(ctx))
      .then(
        (t) => {
          failures.delete(k);
          if (t.value.warnings.length === 0 && generation === generationOf(k)) lives.set(k, t);
          return t;
        },
        (error: unknown) => {
          if (generation === generationOf(k)) failures.set(k, { at: Date.now(), error });
          throw error;
        },
      )
      .finally(() => {
        if (liveInflight.get(k) === mine) liveInflight.delete(k);
      });
    p = mine;
    liveInflight.set(k, p);
  }
  return p;
}

/** How an estate pass lists a backend's live workspaces: fresh (listWorkspaceObjects) or shared (liveWorkspaceObjects). */
export type WorkspaceLister = (ctx: BackendContext) => Promise<WorkspaceObjects>;

/**
 * Which workspaces have a state object, with size, ETag and date (no locks, no deleted workspaces): what the
 * estate passes need, from the same read the workspaces page uses, so a replica lists each backend at most once
 * per LISTING_TTL_MS. Throws what listWorkspaceObjects throws.
 */
export async function liveWorkspaceObjects(ctx: BackendContext): Promise<WorkspaceObjects> {
  const k = ctx.cacheKey;
  const hit = lives.get(k);
  const usable = hit !== undefined && fresh(hit, LISTING_TTL_MS, Date.now());
  countCacheLookup("listing", usable);
  return usable ? hit.value : (await liveRead(ctx, k)).value;
}

async function refresh(ctx: BackendContext, k: string): Promise<WorkspaceList> {
  const generation = generationOf(k);
  const prior = entries.get(k);
  const now = Date.now();
  const reusedLive = prior && fresh(prior.live, LISTING_TTL_MS, now) ? prior.live : null;
  const live = reusedLive ? Promise.resolve(reusedLive) : liveRead(ctx, k);
  const liveObjects = live.then((t) => t.value);
  const deleted =
    prior && fresh(prior.deleted, DELETED_TTL_MS, now)
      ? live.then((l) => (l === reusedLive || !lostOne(prior.live.value, l.value) ? prior.deleted : timed(() => listDeletedWorkspaces(ctx, liveObjects))))
      : timed(() => listDeletedWorkspaces(ctx, liveObjects));
  const list = await timed(() => combineListing(ctx, liveObjects, deleted.then((d) => d.value)));
  // A listing cut short (AccessDenied) or locks left unread are not worth keeping: ask again next time.
  if (list.value.warnings.length === 0 && generation === generationOf(k)) entries.set(k, { live: await live, deleted: await deleted, list });
  else entries.delete(k);
  return list.value;
}

/**
 * listWorkspaces(ctx) (deleted workspaces and locks included) with the freshness described above.
 * Throws what listWorkspaces throws; nothing failed is cached.
 */
export function listWorkspacesCached(ctx: BackendContext): Promise<WorkspaceList> {
  const k = ctx.cacheKey;
  const hit = entries.get(k);
  const now = Date.now();
  // While another request's refresh is under way, a listing younger than REFRESHING_GRACE_MS answers at once:
  // one request per refresh waits for it, not every request that arrives meanwhile (never after an invalidation).
  const usable = hit !== undefined && (fresh(hit.list, LOCK_TTL_MS, now) || (inflight.has(k) && fresh(hit.list, REFRESHING_GRACE_MS, now)));
  countCacheLookup("listing", usable);
  if (usable) return Promise.resolve(hit.list.value);
  let p = inflight.get(k);
  if (!p) {
    const mine: Promise<WorkspaceList> = refresh(ctx, k).finally(() => {
      if (inflight.get(k) === mine) inflight.delete(k);
    });
    p = mine;
    inflight.set(k, p);
  }
  return p;
}

/**
 * After a write through Statehouse (restore, break lock, repair digest): the next listing of this
 * backend reads the live listing and every lock again, so it never shows what the user just changed.
 * The deleted workspaces are kept: a write cannot delete a workspace, and the next live listing
 * validates them as usual.
 */
export function invalidateListing(ctx: BackendContext): void {
  const k = ctx.cacheKey;
  // Bounded: one count per backend the configuration names.
  invalidations.set(k, generationOf(k) + 1);
  inflight.delete(k);
  liveInflight.delete(k);
  lives.delete(k);
  failures.delete(k);
  const e = entries.get(k);
  if (e) entries.set(k, { ...e, live: { ...e.live, at: -Infinity }, list: { ...e.list, at: -Infinity } });
}
