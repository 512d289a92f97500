/** In-process figures for lib/: workspace listing (cold, cached, locks re-read) and version listing, each beside its raw-SDK baseline. */
import { openBackend } from "@/lib/backend/context";
import { listVersions } from "@/lib/backend/versions";
import { listDeletedWorkspaces } from "@/lib/backend/deleted-workspaces";
import { listWorkspaceObjects, listWorkspaces } from "@/lib/backend/workspaces";
import { listWorkspacesCached, LISTING_TTL_MS, LOCK_TTL_MS } from "@/lib/domain/workspaces/listing-cache";
import { rawDeletedDiscovery, rawListingWithLocks, rawListingWithLocksAndDeleted, rawVersionListing } from "./raw-baselines";
import type { BenchBackends } from "./seed";
import { figure, paired, timed, type Figure } from "./stats";

export interface Comparison {
  subject: Figure;
  baseline: Figure;
  /** Median over median. */
  ratio: number;
  note: string;
}

function compare(p: { subject: Figure; baseline: Figure }, note: string): Comparison {
  return { ...p, ratio: p.subject.median / p.baseline.median, note };
}

export interface ListingFigures {
  /** The ratio: the live listing with lock status, listWorkspaces({ includeDeleted: false }), vs raw (a) = ListObjectsV2 pages + BatchGetItem. */
  noDeleted: Comparison;
  /** listWorkspaces (deleted workspaces found alongside) vs raw (a). */
  cold: Comparison;
  /** listWorkspaces vs raw (b) = raw (a) alongside raw (c), the same answer. */
  coldSameAnswer: Comparison;
  /** listDeletedWorkspaces given the live listing vs raw (c) = delimited ListObjectVersions pages + one MaxKeys=1 check per folder without a live state. */
  deleted: Comparison;
  /** listWorkspacesCached answered from memory. */
  warm: Figure;
  /** listWorkspacesCached past the listing TTL (ListObjectsV2 + locks, deleted keys reused) vs ListObjectsV2 pages + BatchGetItem. */
  refresh: Comparison;
  /** listWorkspacesCached past the lock TTL only: locks re-read. */
  locksReread: Figure;
  versions: Comparison;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchCore(b: BenchBackends, endpoint: string, runs: number, expect: { workspaces: number; locked: number; deleted: number; versions: number }): Promise<ListingFigures> {
  const listing = openBackend(b.listing);
  const l = await listWorkspaces(listing);
  const locked = l.workspaces.filter((w) => w.locked).length;
  const deletedN = l.workspaces.filter((w) => w.deleted).length;
  if (l.workspaces.length !== expect.workspaces || locked !== expect.locked || deletedN !== expect.deleted || l.warnings.length) {
    throw new Error(`listWorkspaces gave ${l.workspaces.length} workspaces, ${locked} locked, ${deletedN} deleted, ${l.warnings.length} warnings; expected ${expect.workspaces}, ${expect.locked}, ${expect.deleted}`);
  }
  const raw = () => rawListingWithLocks(b.listing, endpoint);
  const cold = compare(await paired(runs, () => listWorkspaces(listing), raw), "listWorkspaces vs ListObjectsV2 pages + BatchGetItem");
  const coldSameAnswer = compare(
    await paired(runs, () => listWorkspaces(listing), () => rawListingWithLocksAndDeleted(b.listing, endpoint)),
    "listWorkspaces vs ListObjectsV2 pages + BatchGetItem, alongside the delimited version listing + candidate checks",
  );
  // Both sides are given the same live listing, taken once beforehand, so only the discovery is timed.
  const live = await listWorkspaceObjects(listing);
  const liveKeys = live.workspaces.filter((w) => live.liveNames.has(w.name)).map((w) => w.key);
  const rawDeleted = await rawDeletedDiscovery(b.listing, endpoint, Promise.resolve(liveKeys));
  if (rawDeleted !== expect.deleted) throw new Error(`raw deleted-workspace discovery found ${rawDeleted}; expected ${expect.deleted}`);
  const deleted = compare(
    await paired(runs, () => listDeletedWorkspaces(listing, Promise.resolve(live)), () => rawDeletedDiscovery(b.listing, endpoint, Promise.resolve(liveKeys))),
    "listDeletedWorkspaces vs delimited ListObjectVersions pages + one MaxKeys=1 ListObjectVersions per folder without a live state",
  );
  const noDeleted = compare(await paired(runs, () => listWorkspaces(listing, { includeDeleted: false }), raw), "listWorkspaces({ includeDeleted: false }) vs ListObjectsV2 pages + BatchGetItem");

  await listWorkspacesCached(listing);
  const warmRuns: number[] = [];
  for (let i = 0; i < runs; i++) warmRuns.push(await timed(() => listWorkspacesCached(listing)));
  const refreshRuns: number[] = [];
  const refreshBaseline: number[] = [];
  const rereadRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    await sleep(LISTING_TTL_MS + 10);
    refreshRuns.push(await timed(() => listWorkspacesCached(listing)));
    await sleep(LOCK_TTL_MS + 10);
    rereadRuns.push(await timed(() => listWorkspacesCached(listing)));
    // Timed right after, so the same moment's load weighs on both.
    refreshBaseline.push(await timed(raw));
  }
  const refresh = compare({ subject: figure(refreshRuns), baseline: figure(refreshBaseline) }, "listWorkspacesCached after the listing TTL vs ListObjectsV2 pages + BatchGetItem");

  const versionsCtx = openBackend(b.versions);
  const n = (await listVersions(versionsCtx, b.historyWorkspace)).versions.length;
  if (n !== expect.versions) throw new Error(`listVersions gave ${n} versions; expected ${expect.versions}`);
  const versions = compare(
    await paired(runs, () => listVersions(versionsCtx, b.historyWorkspace), () => rawVersionListing(b.versions, endpoint)),
    "listVersions vs ListObjectVersions pages",
  );
  return { noDeleted, cold, coldSameAnswer, deleted, warm: figure(warmRuns), refresh, locksReread: figure(rereadRuns), versions };
}
