import "server-only";
/**
 * The workspaces listing for the dashboard, cached per process so that a page reload answers from
 * memory instead of paging through S3 and DynamoDB again.
 *
 * S3 offers no ETag or change token for a listing, and no single cheap call proves that nothing
 * under a prefix changed, so freshness is by age, with two horizons:
 * - the object listing (which workspaces exist, their size/ETag/date, deleted ones, `.tflock`
 *   objects present) is reused for LISTING_TTL_MS;
 * - lock holders (DynamoDB items and `.tflock` bodies) are reused for LOCK_TTL_MS only, because a
 *   dashboard must not show a released lock as held (or miss a new one) for long.
 * A `.tflock` created after the listing was taken shows up when the listing is next refreshed, so
 * S3 lock files can be up to LISTING_TTL_MS late; DynamoDB locks at most LOCK_TTL_MS.
 *
 * Deleted workspaces are found with ListObjectVersions, which pages through every version under
 * the prefix (far more than ListObjectsV2 once histories are long). Its result is reused for up to
 * DELETED_TTL_MS, validated by each fresh ListObjectsV2: a workspace can only become deleted by
 * its object disappearing from that listing, and when one does the versions are listed again at
 * once. (A re-created workspace is simply live again.) Only a workspace created and deleted
 * between two refreshes can be missed, for at most DELETED_TTL_MS.
 * Concurrent requests for the same backend share one refresh. Entries are bounded in number and
 * weighed by workspace count, so memory stays bounded however many backends are browsed.
 */
import type { BackendContext } from "@/lib/backend/context";
import { listWorkspaceObjects, withLocks, type WorkspaceList, type WorkspaceObjects } from "@/lib/backend/workspaces";
import { LruCache } from "./lru";

export const LISTING_TTL_MS = 5_000;
export const LOCK_TTL_MS = 2_000;
export const DELETED_TTL_MS = 5 * 60_000;

interface Timed<T> {
  at: number;
  value: T;
}

interface Entry {
  objects: Timed<WorkspaceObjects>;
  /** When the deleted keys in `objects` were listed. */
  deletedAt: number;
  list: Timed<WorkspaceList>;
}

/** Rough bytes per cached workspace row (summary, key strings, lock holders). */
const ROW_WEIGHT = 400;

const entries = new LruCache<string, Entry>({
  maxEntries: 256,
  maxBytes: 64 * 1024 * 1024,
  sizeOf: (e) => (e.objects.value.workspaces.length + e.objects.value.deletedKeys.size + e.list.value.workspaces.length + 1) * ROW_WEIGHT,
});
const inflight = new Map<string, Promise<WorkspaceList>>();

/** openBackend gives one context (one options object) per name and options, so this is stable per backend. */
function entryKey(ctx: BackendContext): string {
  return `${ctx.def.name}\0${JSON.stringify(ctx.def.options)}`;
}

function fresh(t: { at: number }, ttl: number, now: number): boolean {
  return now - t.at < ttl;
}

/** Some workspace that existed in `before` no longer does: it may have been deleted. */
function lostOne(before: WorkspaceObjects, after: WorkspaceObjects): boolean {
  const live = new Set(after.workspaces.filter((w) => w.exists).map((w) => w.name));
  return before.workspaces.some((w) => w.exists && !live.has(w.name));
}

/** The object listing, reusing the prior deleted keys while they are provably still right. */
async function objectsFor(ctx: BackendContext, prior: Entry | undefined): Promise<Pick<Entry, "objects" | "deletedAt">> {
  const started = Date.now();
  if (prior && started - prior.deletedAt < DELETED_TTL_MS) {
    const value = await listWorkspaceObjects(ctx, { deletedKeys: prior.objects.value.deletedKeys });
    if (!lostOne(prior.objects.value, value)) return { objects: { at: started, value }, deletedAt: prior.deletedAt };
  }
  return { objects: { at: started, value: await listWorkspaceObjects(ctx) }, deletedAt: started };
}

async function refresh(ctx: BackendContext, k: string): Promise<WorkspaceList> {
  const prior = entries.get(k);
  const { objects, deletedAt } = prior && fresh(prior.objects, LISTING_TTL_MS, Date.now()) ? prior : await objectsFor(ctx, prior);
  // Timed from the start of the reads: the answer is no fresher than that.
  const started = Date.now();
  const list = { at: started, value: await withLocks(ctx, objects.value) };
  // A listing cut short (AccessDenied) or locks left unread are not worth keeping: ask again next time.
  if (list.value.warnings.length === 0) entries.set(k, { objects, deletedAt, list });
  else entries.delete(k);
  return list.value;
}

/**
 * listWorkspaces(ctx) (deleted workspaces and locks included) with the freshness described above.
 * Throws what listWorkspaces throws; nothing failed is cached.
 */
export function listWorkspacesCached(ctx: BackendContext): Promise<WorkspaceList> {
  const k = entryKey(ctx);
  const hit = entries.get(k);
  if (hit && fresh(hit.list, LOCK_TTL_MS, Date.now())) return Promise.resolve(hit.list.value);
  let p = inflight.get(k);
  if (!p) {
    p = refresh(ctx, k).finally(() => inflight.delete(k));
    inflight.set(k, p);
  }
  return p;
}
