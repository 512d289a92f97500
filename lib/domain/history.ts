import "server-only";
/**
 * The history of one resource instance across the S3 versions of a workspace's state, newest first,
 * with bounded read parallelism: streamed whole (`instanceHistory`, the CLI) or in resumable batches
 * (`instanceHistoryPage`, the History page's action). Never returns attribute values: only change kinds and paths.
 */
import type { BackendContext } from "@/lib/backend/context";
import { parseStoredState } from "@/lib/backend/encrypted-state";
import { stateKey } from "@/lib/backend/keys";
import type { StateVersion } from "@/lib/backend/types";
import { readListedObject } from "@/lib/backend/read-current";
import { DEFAULT_MAX_STATE_BYTES, listObjectVersions, readObject } from "@/lib/backend/versions";
import { listVersionsAfter } from "@/lib/backend/versions-since";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { instanceChangeBetween, type InstanceChangeKind } from "@/lib/history/instance";
import type { ParsedState } from "@/lib/state/types";
import { TooLargeError } from "@/lib/errors";

export type { InstanceChangeKind };

export interface InstanceHistoryEntry {
  versionId: string;
  serial: bigint;
  lastModified: string;
  size: number | null;
  change: InstanceChangeKind;
  paths: string[];
  /** The older version this one was compared with (the next older readable one); null for the oldest. */
  previousVersionId: string | null;
  isLatest: boolean;
  isDeleteMarker: boolean;
}

export interface HistoryProgress {
  read: number;
  total: number;
}

export interface InstanceHistoryOptions {
  /** Versions read at once; the reads run ahead of the comparison, newest first. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: HistoryProgress) => void;
}

/** A version as history sees it: a state, no state (delete marker, empty object), or one it cannot read (corrupt, undecryptable). */
type Snapshot = { kind: "state"; state: ParsedState | null } | { kind: "unreadable" };

const DEFAULT_CONCURRENCY = 8;

/**
 * A version's contents never change, so one parse serves every history asked of this process
 * (CACHE_POLICIES.historySnapshots: weighed by state bytes). Keyed by bucket, key and version ID;
 * version "null" (written while versioning was off) is overwritten in place, so it is never cached.
 */
const snapshots = createCache<string, Snapshot>({
  ...CACHE_POLICIES.historySnapshots,
  sizeOf: (s) => (s.kind === "state" && s.state ? Math.max(1, s.state.size) : 1),
});
const inFlight = new Map<string, Promise<Snapshot>>();

/** Empties this process's history cache, as a new process starts: the benchmark's cold runs. */
export function forgetHistorySnapshots(): void {
  snapshots.clear();
}

/** A version too big to read is unreadable for history (compared across), not a failure of the whole history. */
function tooLargeAsNull(e: unknown): null {
  if (e instanceof TooLargeError) return null;
  throw e;
}

/** How many version objects this process has fetched for history: the cache's proof for tests and the benchmark. */
export const historyReads = { count: 0 };

async function readSnapshot(ctx: BackendContext, key: string, v: Pick<StateVersion, "versionId" | "isDeleteMarker">): Promise<Snapshot> {
  if (v.isDeleteMarker) return { kind: "state", state: null };
  const id = `${ctx.def.options.bucket}\0${key}\0${v.versionId}`;
  const cacheable = v.versionId !== "null";
  const hit = cacheable ? snapshots.get(id) : undefined;
  if (hit) return hit;
  const pending = inFlight.get(id);
  if (pending) return pending;
  const p = (async (): Promise<Snapshot> => {
    historyReads.count++;
    // A listed version is immutable: one GetObject of it (version "null" may be the current object: the full read finds it).
    const obj = v.versionId === "null" ? await readObject(ctx, key, v.versionId) : await readListedObject(ctx, key, undefined, DEFAULT_MAX_STATE_BYTES, v.versionId).catch(tooLargeAsNull);
    if (!obj) return { kind: "unreadable" };
    // Decrypted as every state read is; a version the backend's encryption settings cannot open is unreadable.
    const r = await parseStoredState(ctx, obj.bytes).catch(() => null);
    if (!r) return { kind: "unreadable" };
    return r.kind === "state" ? { kind: "state", state: r.state } : r.kind === "empty" ? { kind: "state", state: null } : { kind: "unreadable" };
  })();
  if (cacheable) inFlight.set(id, p);
  try {
    const s = await p;
    if (cacheable) snapshots.set(id, s);
    return s;
  } finally {
    inFlight.delete(id);
  }
}

/** The newest readable version whose change is not known yet: it waits for the next older readable one. */
interface Pending {
  version: Omit<StateVersion, "etag">;
  state: ParsedState | null;
}

interface WalkEnd {
  /** Versions of the list compared (a prefix of it). */
  consumed: number;
  newer: Pending | null;
  unreadable: number;
}

/**
 * Compares `versions` (newest first, continuing after `newer`) for `address`, reading `concurrency`
 * ahead. `stop` is asked before each version after the first; reads already started past the stop
 * still land in the cache, so the next batch finds them there.
 */
async function* walk(
  ctx: BackendContext,
  key: string,
  address: string,
  versions: readonly StateVersion[],
  o: { concurrency: number; newer: Pending | null; stop: () => boolean; onRead?: () => void },
): AsyncGenerator<InstanceHistoryEntry, WalkEnd> {
  const reads: (Promise<Snapshot> | undefined)[] = [];
  let started = 0;
  const startUpTo = (n: number) => {
    for (; started < Math.min(n, versions.length); started++) {
      const p = readSnapshot(ctx, key, versions[started]!);
      // Settled later in order (or never, past a stop); a read that fails must not be an unhandled rejection.
      p.catch(() => undefined);
      reads.push(p);
    }
  };
  let newer = o.newer;
  let unreadable = 0;
  let i = 0;
  for (; i < versions.length; i++) {
    if (i > 0 && o.stop()) break;
    startUpTo(i + o.concurrency);
    const snap = await reads[i]!;
    // Only the newest unreported state is kept; what is behind lives in the cache (or nowhere).
    reads[i] = undefined;
    o.onRead?.();
    if (snap.kind === "unreadable") {
      unreadable++;
      continue;
    }
    const entry = compareWith(newer, snap.state, versions[i]!.versionId, address);
    if (entry) yield entry;
    newer = { version: versions[i]!, state: snap.state };
  }
  return { consumed: i, newer, unreadable };
}

/** What happened to `address` in `newer` against the older state (null: none, below the oldest version). */
function compareWith(newer: Pending | null, older: ParsedState | null, olderId: string | null, address: string): InstanceHistoryEntry | null {
  if (!newer) return null;
  const c = instanceChangeBetween(older, newer.state, address);
  if (!c) return null;
  const v = newer.version;
  const s = newer.state ?? older;
  return { versionId: v.versionId, serial: s?.serial ?? 0n, lastModified: v.lastModified, size: v.size, change: c.change, paths: c.paths, previousVersionId: olderId, isLatest: v.isLatest, isDeleteMarker: v.isDeleteMarker };
}

/**
 * Every version in which `address` (as `terraform state list` prints it) was added, changed,
 * tainted/untainted, deposed or removed, newest first. A version is reported once the next older
 * readable one is read; unreadable versions are skipped (compared across). Stops when `signal` aborts.
 */
export async function* instanceHistory(ctx: BackendContext, workspace: string, address: string, opts: InstanceHistoryOptions = {}): AsyncGenerator<InstanceHistoryEntry, { versionsRead: number; unreadable: number }> {
  const key = stateKey(ctx.def.options, workspace);
  const versions = await listObjectVersions(ctx, key);
  let read = 0;
  const it = walk(ctx, key, address, versions, {
    concurrency: Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY),
    newer: null,
    stop: () => opts.signal?.aborted === true,
    onRead: () => {
      read++;
      opts.onProgress?.({ read, total: versions.length });
    },
  });
  let r = await it.next();
  for (; !r.done; r = await it.next()) yield r.value;
  if (r.value.consumed === versions.length) {
    const first = compareWith(r.value.newer, null, null, address);
    if (first) yield first;
  }
  return { versionsRead: read, unreadable: r.value.unreadable };
}

/** Where a batched history resumes. Opaque to the browser, which only sends it back; checked by the action's schema. */
export interface HistoryCursor {
  /** The last version compared: the next batch lists the versions after it. */
  after: string;
  pending: Pending["version"] | null;
  read: number;
  /** Versions listed when the history started: newer ones written since are not part of it. */
  total: number;
  unreadable: number;
}

export interface InstanceHistoryPage {
  entries: InstanceHistoryEntry[];
  /** Null when every version was read. */
  cursor: HistoryCursor | null;
  read: number;
  total: number;
  unreadable: number;
}

export interface HistoryPageOptions {
  concurrency?: number;
  /** Versions compared at most in one batch (S3 lists at most 1,000 at once). */
  maxVersions?: number;
  /** The batch ends after this long reading (at least `concurrency` versions are compared), so results come in steadily. */
  budgetMs?: number;
}

/**
 * One batch of `instanceHistory`: the first (no cursor) lists every version to know the total,
 * the next ones list only the versions after the cursor (one ListObjectVersions call). The comparison
 * state carried between batches is the pending version, re-read from this process's cache.
 */
export async function instanceHistoryPage(ctx: BackendContext, workspace: string, address: string, cursor: HistoryCursor | null, opts: HistoryPageOptions = {}): Promise<InstanceHistoryPage> {
  const key = stateKey(ctx.def.options, workspace);
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const maxVersions = Math.max(1, Math.min(1000 - concurrency, opts.maxVersions ?? 500));
  const budgetMs = opts.budgetMs ?? 2000;
  let versions: StateVersion[];
  let more: boolean;
  let total: number;
  if (cursor) {
    // Listed past the batch by the read-ahead: those reads land in the cache for the next batch.
    ({ versions, more } = await listVersionsAfter(ctx, key, cursor.after, maxVersions + concurrency));
    total = cursor.total;
  } else {
    const all = await listObjectVersions(ctx, key);
    total = all.length;
    versions = all.slice(0, maxVersions + concurrency);
    more = all.length > versions.length;
  }
  let newer: Pending | null = null;
  if (cursor?.pending) {
    const snap = await readSnapshot(ctx, key, cursor.pending);
    newer = { version: cursor.pending, state: snap.kind === "state" ? snap.state : null };
  }
  const entries: InstanceHistoryEntry[] = [];
  let consumed = 0;
  // The time counts the reads only (a slow listing must not shrink the batch), and a batch reads at least its read-ahead.
  const started = Date.now();
  const minVersions = Math.min(maxVersions, concurrency);
  const stop = () => consumed >= maxVersions || (consumed >= minVersions && Date.now() - started >= budgetMs);
  const it = walk(ctx, key, address, versions, { concurrency, newer, stop, onRead: () => consumed++ });
  let r = await it.next();
  for (; !r.done; r = await it.next()) entries.push(r.value);
  const read = (cursor?.read ?? 0) + r.value.consumed;
  const unreadable = (cursor?.unreadable ?? 0) + r.value.unreadable;
  const last = versions[r.value.consumed - 1];
  if (r.value.consumed === versions.length && !more) {
    const first = compareWith(r.value.newer, null, null, address);
    if (first) entries.push(first);
    return { entries, cursor: null, read, total: Math.max(total, read), unreadable };
  }
  const p = r.value.newer?.version;
  return {
    entries,
    cursor: {
      after: last?.versionId ?? cursor!.after,
      pending: p ? { versionId: p.versionId, isLatest: p.isLatest, isDeleteMarker: p.isDeleteMarker, size: p.size, lastModified: p.lastModified } : null,
      read,
      total: Math.max(total, read),
      unreadable,
    },
    read,
    total: Math.max(total, read),
    unreadable,
  };
}
