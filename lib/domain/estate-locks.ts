import "server-only";
/**
 * Every lock held in every configured backend, both kinds, oldest first, with the orphans that no
 * workspace listing shows: DynamoDB lock items whose state is gone or lies outside every configured
 * backend's prefix, and `.tflock` objects without a state. Read-only: breaking goes through lib/backend/unlock.ts.
 *
 * Calls per bucket: the listing's ListObjectsV2 pages (which also reveal the `.tflock` keys), one
 * GetObject per `.tflock`, and one paginated Scan per lock table and bucket (shared by backends that share them).
 */
import type { BackendContext } from "@/lib/backend/context";
import { DEFAULT_WORKSPACE, workspaceFromObjectKey } from "@/lib/backend/keys";
import { scanLockTable, type TableScan } from "@/lib/backend/lock-scan";
import { dynamoLockRecord } from "@/lib/backend/locks/status";
import { s3LockfileLock } from "@/lib/backend/locks/s3-lockfile";
import type { LockKind, LockRecord } from "@/lib/backend/types";
import { listWorkspaceObjects, type WorkspaceObjects } from "@/lib/backend/workspaces";
import type { WorkspaceLister } from "./workspaces/listing-cache";
import { StatehouseError, type ErrorPayload } from "@/lib/errors";
import { mapLimit } from "@/lib/util/map-limit";
import { operationWords } from "@/lib/browser-safe/lock-words";

export const DEFAULT_STALE_LOCK_SECONDS = 3600;
const LOCK_READ_PARALLEL = 16;

export interface EstateLock {
  backend: string;
  /** Null for an orphan that no configured backend's key layout explains. */
  workspace: string | null;
  kind: LockKind;
  id: string;
  /** As the tool wrote it: OperationTypeApply, state-mv. */
  operation: string;
  /** In words: apply, plan, state mv. */
  operationWords: string;
  who: string;
  version: string;
  created: string;
  /** Milliseconds since `created`, null when the lock info carries no readable time. */
  ageMs: number | null;
  /** LockInfo.Path: bucket/key. */
  path: string;
  /** The state object key the lock is for. */
  stateKey: string;
  location: string;
  orphan: boolean;
  /** Why it is an orphan, in words. */
  orphanReason?: string;
  /** Older than the backend's threshold: probably abandoned. */
  stale: boolean;
  staleAfterSeconds: number;
  /** The lock info could not be parsed; it still blocks the tools. */
  parseError?: string;
}

export interface EstateLocks {
  locks: EstateLock[];
  warnings: (ErrorPayload & { backend: string })[];
  /** Digest items of states that do not exist (for the problems view). */
  orphanDigests: { backend: string; stateKey: string; lockId: string }[];
  /** What was read, per backend: the listing, scans and digests, for callers that need more (problems). */
  listings: Map<string, WorkspaceObjects>;
  scans: Map<string, TableScan>;
}

function bucketGroup(ctx: BackendContext): string {
  const o = ctx.def.options;
  return JSON.stringify([o.endpoints?.s3 ?? "", o.region ?? "", o.bucket]);
}

function tableGroup(ctx: BackendContext): string {
  const o = ctx.def.options;
  return JSON.stringify([o.endpoints?.dynamodb ?? "", o.region ?? "", o.dynamodb_table ?? "", o.bucket]);
}

/** The workspace `key` is the state of under `ctx`'s layout, or null. */
export function claimWorkspace(ctx: BackendContext, key: string): string | null {
  if (key === ctx.def.options.key) return DEFAULT_WORKSPACE;
  return workspaceFromObjectKey(ctx.def.options, key);
}

function failure(e: unknown): ErrorPayload {
  if (e instanceof StatehouseError) return e.toPayload();
  throw e;
}

interface Candidate {
  group: BackendContext[];
  record: LockRecord;
  stateKey: string;
}

/** `list`: how each backend's live workspaces are listed (the dashboard shares its cached listing: liveWorkspaceObjects). */
export async function readEstateLocks(backends: readonly BackendContext[], opts: { now?: number; list?: WorkspaceLister } = {}): Promise<EstateLocks> {
  const now = opts.now ?? Date.now();
  const list = opts.list ?? listWorkspaceObjects;
  const warnings: EstateLocks["warnings"] = [];
  const listings = new Map<string, WorkspaceObjects>();
  const scans = new Map<string, TableScan>();
  const buckets = new Map<string, BackendContext[]>();
  const tables = new Map<string, BackendContext[]>();
  for (const ctx of backends) {
    const b = bucketGroup(ctx);
    buckets.set(b, [...(buckets.get(b) ?? []), ctx]);
    if (ctx.ddb && ctx.def.options.dynamodb_table) {
      const t = tableGroup(ctx);
      tables.set(t, [...(tables.get(t) ?? []), ctx]);
    }
  }

  // Listings and scans are independent: run them all at once.
  await Promise.all([
    ...backends.map(async (ctx) => {
      try {
        const listed = await list(ctx);
        listings.set(ctx.def.name, listed);
        for (const w of listed.warnings) warnings.push({ ...w, backend: ctx.def.name });
      } catch (e) {
        warnings.push({ ...failure(e), backend: ctx.def.name });
      }
    }),
    ...[...tables.values()].map(async (group) => {
      try {
        const scan = await scanLockTable(group[0]!);
        for (const ctx of group) scans.set(ctx.def.name, scan);
      } catch (e) {
        for (const ctx of group) warnings.push({ ...failure(e), backend: ctx.def.name, message: `Lock status unknown: scanning the lock table failed: ${failure(e).message}` });
      }
    }),
  ]);

  const candidates: Candidate[] = [];
  const orphanDigests: EstateLocks["orphanDigests"] = [];
  const liveByBucket = new Map<string, Set<string>>();
  for (const [b, group] of buckets) {
    const live = new Set<string>();
    const lockKeys = new Map<string, BackendContext>();
    for (const ctx of group) {
      const list = listings.get(ctx.def.name);
      if (!list) continue;
      for (const w of list.workspaces) if (w.exists) live.add(w.key);
      for (const k of list.lockObjects) if (!lockKeys.has(k)) lockKeys.set(k, ctx);
    }
    liveByBucket.set(b, live);
    const keys = [...lockKeys.entries()];
    try {
      const records = await mapLimit(keys, LOCK_READ_PARALLEL, ([k, ctx]) => s3LockfileLock.read(ctx, k));
      records.forEach((r, i) => r && candidates.push({ group, record: r, stateKey: keys[i]![0] }));
    } catch (e) {
      for (const ctx of group) warnings.push({ ...failure(e), backend: ctx.def.name, message: `Lock status unknown: reading S3 lock objects failed: ${failure(e).message}` });
    }
  }
  for (const group of tables.values()) {
    const first = group[0]!;
    const scan = scans.get(first.def.name);
    if (!scan) continue;
    const bgroup = buckets.get(bucketGroup(first))!;
    for (const item of scan.locks) candidates.push({ group: bgroup, record: dynamoLockRecord(first.def.options.dynamodb_table!, item.lockId, item.info), stateKey: item.stateKey });
    const live = liveByBucket.get(bucketGroup(first))!;
    // Only when every backend of the bucket was listed: a failed listing would make every digest look orphaned.
    if (bgroup.every((c) => listings.has(c.def.name))) {
      for (const d of scan.digests) {
        if (live.has(d.stateKey)) continue;
        const owner = bgroup.find((c) => claimWorkspace(c, d.stateKey) !== null) ?? first;
        orphanDigests.push({ backend: owner.def.name, stateKey: d.stateKey, lockId: d.lockId });
      }
    }
  }

  const locks = candidates.map((c) => toEstateLock(c, liveByBucket.get(bucketGroup(c.group[0]!))!, now));
  // Oldest first; ties (both kinds of one lock share its Created) in a fixed order.
  const order = (l: EstateLock) => [l.created, l.backend, l.workspace ?? "", l.kind, l.stateKey];
  locks.sort((a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
  return { locks, warnings, orphanDigests, listings, scans };
}

function toEstateLock(c: Candidate, live: ReadonlySet<string>, now: number): EstateLock {
  let owner: BackendContext | undefined;
  let workspace: string | null = null;
  for (const ctx of c.group) {
    workspace = claimWorkspace(ctx, c.stateKey);
    if (workspace !== null) {
      owner = ctx;
      break;
    }
  }
  const backendCtx = owner ?? c.group[0]!;
  const info = c.record.info;
  const created = info?.Created || c.record.lastModified || "";
  const t = Date.parse(created);
  const ageMs = Number.isNaN(t) ? null : Math.max(0, now - t);
  const staleAfterSeconds = backendCtx.def.staleLockAfterSeconds ?? DEFAULT_STALE_LOCK_SECONDS;
  const orphanReason = !owner
    ? "the state key lies outside every configured backend's prefix and key"
    : !live.has(c.stateKey)
      ? c.record.kind === "s3"
        ? "a .tflock object without a state"
        : "the workspace's state no longer exists"
      : undefined;
  return {
    backend: backendCtx.def.name,
    workspace,
    kind: c.record.kind,
    id: info?.ID ?? "",
    operation: info?.Operation ?? "",
    operationWords: operationWords(info?.Operation ?? ""),
    who: info?.Who || "(unreadable lock info)",
    version: info?.Version ?? "",
    created,
    ageMs,
    path: info?.Path ?? "",
    stateKey: c.stateKey,
    location: c.record.location,
    orphan: orphanReason !== undefined,
    ...(orphanReason ? { orphanReason } : {}),
    // An unreadable age is not called abandoned: a fresh lock must not look like an old one.
    stale: ageMs !== null && ageMs > staleAfterSeconds * 1000,
    staleAfterSeconds,
    ...(c.record.parseError ? { parseError: c.record.parseError } : {}),
  };
}
