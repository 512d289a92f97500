import "server-only";
/**
 * What needs a person across the estate: gathers the facts of every backend (listing, lock table
 * scan, versioning, lifecycle, version history, the search index's view of every current state)
 * and runs the pure rules of lib/problems on them. Read-only.
 */
import type { BackendContext } from "@/lib/backend/context";
import { versionStats, type VersionStats } from "@/lib/backend/bucket-health";
import { currentObjectMd5, MD5_HEX, PLAIN_MD5_ETAG } from "@/lib/backend/digest";
import { workspaceListPrefix } from "@/lib/backend/keys";
import { StatehouseError } from "@/lib/errors";
import { detectProblems, type BackendFacts, type Problem } from "@/lib/problems/rules";
import { mapLimit } from "@/lib/util/map-limit";
import { claimWorkspace, readEstateLocks, type EstateLocks } from "./estate-locks";
import { bucketSettings, versionHistory, versionLineage } from "./problems/memo";
import { EstateSearch, estateSearch } from "./search";
import { liveWorkspaceObjects } from "./workspaces/listing-cache";

/** A lineage change older than this is history, not news. */
export const RECENT_LINEAGE_DAYS = 30;
const PARALLEL = 8;

export interface EstateProblems {
  problems: Problem[];
  locks: EstateLocks;
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof StatehouseError) return null;
    throw e;
  }
}

/**
 * `shared`: the dashboard's pass, which shares the process's listing and keeps bucket settings for a minute
 * (lib/domain/problems/memo.ts); otherwise (the CLI, tests) every listing and setting is read fresh.
 */
export async function findProblems(backends: readonly BackendContext[], opts: { search?: EstateSearch; now?: number; shared?: boolean } = {}): Promise<EstateProblems> {
  const now = opts.now ?? Date.now();
  const search = opts.search ?? estateSearch();
  const [locks] = await Promise.all([readEstateLocks(backends, { now, ...(opts.shared ? { list: liveWorkspaceObjects } : {}) }), search.refresh(backends)]);
  const unreadable = search.unreadableStates();
  const perBackend = await mapLimit(backends, 4, (ctx) => backendFacts(ctx, locks, unreadable, search, now, opts.shared === true));
  return { problems: perBackend.flatMap(detectProblems), locks };
}

async function backendFacts(
  ctx: BackendContext,
  estate: EstateLocks,
  unreadable: { backend: string; workspace: string; reason: string }[],
  search: EstateSearch,
  now: number,
  shared: boolean,
): Promise<BackendFacts> {
  const name = ctx.def.name;
  const o = ctx.def.options;
  const listing = estate.listings.get(name);
  const liveKeys = new Set((listing?.workspaces ?? []).filter((w) => w.exists).map((w) => w.key));
  const { versioning, noncurrentRule } = await bucketSettings(ctx, orNull, shared);
  const liveEtags = new Map((listing?.workspaces ?? []).flatMap((w) => (w.exists && w.etag ? [[w.key, w.etag] as const] : [])));
  const stats: VersionStats | null = versioning && versioning !== "Disabled" ? await orNull(versionHistory(ctx, liveEtags, () => historyOf(ctx), now)) : null;

  const deleted: string[] = [];
  for (const [key, h] of stats?.keys ?? []) {
    const w = claimWorkspace(ctx, key);
    if (w !== null && h.deleted && !liveKeys.has(key)) deleted.push(w);
  }

  const scan = estate.scans.get(name);
  const digestMismatches: BackendFacts["digestMismatches"] = [];
  const etagByKey = new Map((listing?.workspaces ?? []).filter((w) => w.exists).map((w) => [w.key, w.etag]));
  const suspects = (scan?.digests ?? []).filter((d) => etagByKey.has(d.stateKey) && claimWorkspace(ctx, d.stateKey) !== null && MD5_HEX.test(d.digest));
  await mapLimit(suspects, PARALLEL, async (d) => {
    const plain = PLAIN_MD5_ETAG.exec(etagByKey.get(d.stateKey) ?? "");
    if (plain && plain[1] === d.digest.toLowerCase()) return;
    // The ETag is not always the MD5 (KMS, multipart): only a real MD5 decides.
    const actual = await orNull(currentObjectMd5(ctx, d.stateKey));
    if (actual !== null && actual !== d.digest.toLowerCase()) digestMismatches.push({ workspace: claimWorkspace(ctx, d.stateKey)!, digest: d.digest, actual });
  });

  const docs = search.index.workspaces(name);
  const toolVersions = docs.filter((d) => d.terraformVersion).map((d) => ({ workspace: d.workspace, version: d.terraformVersion! }));
  const lineageChanges: BackendFacts["lineageChanges"] = [];
  const recent = now - RECENT_LINEAGE_DAYS * 86_400_000;
  const byName = new Map((listing?.workspaces ?? []).map((w) => [w.name, w]));
  await mapLimit(docs, PARALLEL, async (doc) => {
    const w = byName.get(doc.workspace);
    const prev = w ? stats?.keys.get(w.key)?.previous : null;
    if (!w || !prev || !w.lastModified || Date.parse(w.lastModified) < recent || doc.etag !== w.etag) return;
    const before = await orNull(versionLineage(ctx, w.key, prev.versionId));
    if (before && before !== doc.lineage && doc.lineage !== "") lineageChanges.push({ workspace: doc.workspace, from: before, to: doc.lineage, at: w.lastModified });
  });

  return {
    backend: name,
    bucket: o.bucket,
    table: o.dynamodb_table ?? null,
    lockfile: o.use_lockfile === true,
    versioning,
    noncurrentRule,
    noncurrent: stats ? { count: stats.noncurrentCount, bytes: stats.noncurrentBytes } : null,
    digestMismatches,
    locks: estate.locks.filter((l) => l.backend === name),
    orphanDigests: estate.orphanDigests.filter((d) => d.backend === name),
    deleted: deleted.sort(),
    unreadable: unreadable.filter((u) => u.backend === name).map((u) => ({ workspace: u.workspace, reason: u.reason })),
    toolVersions,
    lineageChanges: lineageChanges.sort((a, b) => (a.workspace < b.workspace ? -1 : 1)),
  };
}

/** The version history of this backend's state keys: the named workspaces' prefix, and the default key when outside it. */
async function historyOf(ctx: BackendContext): Promise<VersionStats> {
  const o = ctx.def.options;
  const prefix = workspaceListPrefix(o);
  const mine = (k: string) => claimWorkspace(ctx, k) !== null;
  const main = await versionStats(ctx, prefix, mine);
  if (prefix === undefined || o.key.startsWith(prefix)) return main;
  const dflt = await versionStats(ctx, o.key, (k) => k === o.key);
  for (const [k, h] of dflt.keys) main.keys.set(k, h);
  main.noncurrentCount += dflt.noncurrentCount;
  main.noncurrentBytes += dflt.noncurrentBytes;
  return main;
}
