import "server-only";
/**
 * The workspaces of a backend, found as `workspace list` finds them, with their lock holders.
 *
 * Cost per call: one paginated ListObjectsV2 over `prefix/` (1,000 keys a page); one BatchGetItem per
 * 100 workspaces when a lock table is set; one GetObject per `.tflock` present. Deleted workspaces
 * (deleted-workspaces.ts) are found alongside, not after: one GetBucketVersioning, a delimited
 * ListObjectVersions (a page per 1,000 *folders*, whatever their history) and one small
 * ListObjectVersions per folder without a live state.
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { AccessDeniedError, StatehouseError, type ErrorPayload } from "@/lib/errors";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import type { BackendContext } from "./context";
import { DEFAULT_WORKSPACE, stateKey, workspaceFromObjectKey, workspaceListPrefix } from "./keys";
import { LOCK_KINDS } from "./locks/kinds";
import { lockHolder } from "./locks/status";
import { listDeletedWorkspaces, type DeletedWorkspaces } from "./deleted-workspaces";
import type { LockRecord, WorkspaceSummary } from "./types";


export interface ListWorkspacesOptions {
  /** Also find workspaces whose state was deleted (latest version is a delete marker). Default true. */
  includeDeleted?: boolean;
  /** Read lock holders. Default true. */
  includeLocks?: boolean;
}

export interface WorkspaceList {
  /** `default` first, then the others sorted bytewise. */
  workspaces: WorkspaceSummary[];
  /** Partial results: e.g. listing was denied part-way (Tofu also returns what it had), locks unreadable. */
  warnings: ErrorPayload[];
}

interface Found {
  key: string;
  size: number | null;
  lastModified: string | null;
  etag: string | null;
  deleted: boolean;
}

/** The bucket-level list call failed with AccessDenied: keep what was found, as Tofu does. */
function warnOrThrow(e: unknown, warnings: ErrorPayload[]): void {
  if (e instanceof AccessDeniedError) warnings.push(e.toPayload());
  else throw e;
}

async function listCurrentObjects(ctx: BackendContext, prefix: string | undefined, onObject: (key: string, f: Found) => void): Promise<void> {
  const { bucket } = ctx.def.options;
  let token: string | undefined;
  do {
    const page = await awsCall({ action: "s3:ListBucket", resource: s3Arn(bucket), bucket }, () =>
      ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key === undefined) continue;
      onObject(o.Key, { key: o.Key, size: o.Size ?? null, lastModified: o.LastModified?.toISOString() ?? null, etag: o.ETag ?? null, deleted: false });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

function bytewise(names: string[]): string[] {
  const withBytes = names.map((n) => ({ n, b: Buffer.from(n, "utf8") }));
  withBytes.sort((x, y) => Buffer.compare(x.b, y.b));
  return withBytes.map((x) => x.n);
}

/** The live listing half of listWorkspaces: every workspace with a current state object, no lock read yet. */
export interface WorkspaceObjects {
  /** As in WorkspaceList (`default` always first, even when it has no state), with `locked: false` and no holders. */
  workspaces: WorkspaceSummary[];
  warnings: ErrorPayload[];
  /** State keys whose `.tflock` object the listing saw (plus the default's, when outside the listing): the only lock objects worth a GetObject. */
  lockObjects: ReadonlySet<string>;
  /** Workspaces whose state object the listing saw. */
  liveNames: ReadonlySet<string>;
}

/** The default key lies inside the listing when it starts with the listed prefix (always when it is empty). */
function defaultInListing(options: BackendContext["def"]["options"]): boolean {
  const prefix = workspaceListPrefix(options);
  return prefix === undefined || options.key.startsWith(prefix);
}

/** Lists the workspaces that have a current state (ListObjectsV2), without reading any lock. */
export async function listWorkspaceObjects(ctx: BackendContext): Promise<WorkspaceObjects> {
  const options = ctx.def.options;
  const prefix = workspaceListPrefix(options);
  const warnings: ErrorPayload[] = [];
  const named = new Map<string, Found>();
  let defaultFound: Found | null = null;
  const lockObjects = new Set<string>();
  const inListing = defaultInListing(options);
  // The default's .tflock is outside the listing when the default key is.
  if (!inListing) lockObjects.add(options.key);

  const onObject = (key: string, f: Found) => {
    if (key === options.key) defaultFound = f;
    else {
      const ws = workspaceFromObjectKey(options, key);
      if (ws !== null) named.set(ws, f);
    }
    if (key.endsWith(".tflock")) lockObjects.add(key.slice(0, -".tflock".length));
  };

  await Promise.all([
    listCurrentObjects(ctx, prefix, onObject).catch((e) => warnOrThrow(e, warnings)),
    inListing ? undefined : listCurrentObjectsOf(ctx, options.key, (f) => (defaultFound = f)).catch((e) => warnOrThrow(e, warnings)),
  ]);

  const summary = (name: string, f: Found | null): WorkspaceSummary => ({
    name,
    key: stateKey(options, name),
    size: f?.size ?? null,
    lastModified: f?.lastModified ?? null,
    etag: f?.etag ?? null,
    deleted: false,
    exists: f !== null,
    locked: false,
    lockHolders: [],
  });
  const workspaces = [summary(DEFAULT_WORKSPACE, defaultFound), ...bytewise([...named.keys()]).map((n) => summary(n, named.get(n)!))];
  const liveNames = new Set(named.keys());
  if (defaultFound) liveNames.add(DEFAULT_WORKSPACE);
  return { workspaces, warnings, lockObjects, liveNames };
}

/**
 * The live rows and the deleted ones as one listing: `default` first (the deleted row replaces a
 * default without state), then bytewise. One sort, however many rows.
 */
export function mergeDeleted(live: WorkspaceList, deleted: WorkspaceList): WorkspaceList {
  const byName = new Map(live.workspaces.map((w) => [w.name, w]));
  for (const d of deleted.workspaces) if (!byName.get(d.name)?.exists) byName.set(d.name, d);
  const others = bytewise([...byName.keys()].filter((n) => n !== DEFAULT_WORKSPACE));
  const first = byName.get(DEFAULT_WORKSPACE);
  const workspaces = [...(first ? [first] : []), ...others.map((n) => byName.get(n)!)];
  return { workspaces, warnings: [...live.warnings, ...deleted.warnings] };
}

/**
 * The lock half of listWorkspaces: every lock kind of every listed workspace, read now. Returns new
 * summaries (the input is left as it was, so a cached listing can be given fresh locks again).
 */
export async function withLockHolders(ctx: BackendContext, objects: Pick<WorkspaceObjects, "workspaces" | "warnings" | "lockObjects">): Promise<WorkspaceList> {
  const warnings = [...objects.warnings];
  const locksByKey = new Map<string, LockRecord[]>();
  const add = (key: string, r: LockRecord) => locksByKey.set(key, [...(locksByKey.get(key) ?? []), r]);
  const keys = objects.workspaces.map((w) => w.key);
  const perKind = await Promise.all(
    LOCK_KINDS.map((kind) =>
      kind.readMany(ctx, keys, objects.lockObjects).catch((e: unknown) => {
        warnings.push(lockWarning(e, kind.listingWhat));
        return new Map<string, LockRecord>();
      }),
    ),
  );
  for (const found of perKind) for (const [k, r] of found) add(k, r);
  const workspaces = objects.workspaces.map((w): WorkspaceSummary => {
    const locks = locksByKey.get(w.key) ?? [];
    if (locks.length === 0) return w;
    return {
      ...w,
      locked: true,
      lockHolders: locks.map((l) => {
        const h = lockHolder(l);
        return { kind: h.kind, id: h.id, who: h.who, created: h.created, operation: h.operation };
      }),
    };
  });
  return { workspaces, warnings };
}

/**
 * One listing from its two halves, each possibly still running: the live rows' locks are read as soon
 * as the live listing is in, the deleted rows' locks once they are found, then the two are merged.
 */
export async function combineListing(
  ctx: BackendContext,
  live: Promise<WorkspaceObjects>,
  deleted: Promise<DeletedWorkspaces> | null,
  opts: Pick<ListWorkspacesOptions, "includeLocks"> = {},
): Promise<WorkspaceList> {
  const locked = (objects: Pick<WorkspaceObjects, "workspaces" | "warnings" | "lockObjects">): Promise<WorkspaceList> | WorkspaceList =>
    opts.includeLocks === false ? { workspaces: objects.workspaces, warnings: objects.warnings } : withLockHolders(ctx, objects);
  if (!deleted) return locked(await live);
  const [liveList, deletedList] = await Promise.all([
    live.then(locked),
    Promise.all([deleted, live]).then(([d, l]) => locked({ ...d, lockObjects: l.lockObjects })),
  ]);
  return mergeDeleted(liveList, deletedList);
}

/** The workspaces of a backend: the live listing and the deleted-workspace discovery start together. */
export function listWorkspaces(ctx: BackendContext, opts: ListWorkspacesOptions = {}): Promise<WorkspaceList> {
  const live = listWorkspaceObjects(ctx);
  return combineListing(ctx, live, opts.includeDeleted === false ? null : listDeletedWorkspaces(ctx, live), opts);
}

function lockWarning(e: unknown, what: string): ErrorPayload {
  if (e instanceof StatehouseError) {
    const p = e.toPayload();
    return { ...p, message: `Lock status unknown: reading ${what} failed: ${p.message}` };
  }
  throw e;
}

/** The default workspace's object when it lies outside the named-workspace listing. */
async function listCurrentObjectsOf(ctx: BackendContext, key: string, onFound: (f: Found) => void): Promise<void> {
  const { bucket } = ctx.def.options;
  const page = await awsCall({ action: "s3:ListBucket", resource: s3Arn(bucket), bucket }, () =>
    ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 })),
  );
  const o = page.Contents?.[0];
  if (o?.Key === key) onFound({ key, size: o.Size ?? null, lastModified: o.LastModified?.toISOString() ?? null, etag: o.ETag ?? null, deleted: false });
}
