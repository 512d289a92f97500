import "server-only";
/**
 * The history of one resource instance across the S3 versions of a workspace's state, streamed
 * newest first with bounded read parallelism. Never returns attribute values: only change kinds and paths.
 */
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import type { StateVersion } from "@/lib/backend/types";
import { listVersions, readObject } from "@/lib/backend/versions";
import { instanceChangeBetween, type InstanceChangeKind } from "@/lib/history/instance";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";

export interface InstanceHistoryEntry {
  versionId: string;
  serial: bigint;
  lastModified: string;
  size: number | null;
  change: InstanceChangeKind;
  paths: string[];
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

/** A version as history sees it: a state, no state (delete marker, empty object), or one it cannot read (corrupt, encrypted). */
type Snapshot = { kind: "state"; state: ParsedState | null } | { kind: "unreadable" };

const DEFAULT_CONCURRENCY = 8;

/**
 * A version's contents never change, so one parse serves every history asked of this process.
 * Bounded by state bytes; keyed by bucket, key and version ID. Version "null" (written while
 * versioning was off) is overwritten in place, so it is never cached.
 */
const MAX_CACHED_BYTES = 256 * 1024 * 1024;
// A Map keeps insertion order: re-inserting on a hit makes its first key the least recently used.
// (wt-core's lib/cache replaces this when merged.)
const parsed = new Map<string, Snapshot>();
let cachedBytes = 0;
const snapshotBytes = (s: Snapshot) => (s.kind === "state" && s.state ? Math.max(1, s.state.size) : 1);

function cacheGet(id: string): Snapshot | undefined {
  const hit = parsed.get(id);
  if (hit) {
    parsed.delete(id);
    parsed.set(id, hit);
  }
  return hit;
}

function cacheSet(id: string, s: Snapshot): void {
  if (parsed.has(id)) return;
  parsed.set(id, s);
  cachedBytes += snapshotBytes(s);
  for (const [oldest, old] of parsed) {
    if (cachedBytes <= MAX_CACHED_BYTES) break;
    parsed.delete(oldest);
    cachedBytes -= snapshotBytes(old);
  }
}
const inFlight = new Map<string, Promise<Snapshot>>();

/** How many version objects this process has fetched for history: the cache's proof for tests and the benchmark. */
export const historyReads = { count: 0 };

async function readSnapshot(ctx: BackendContext, key: string, v: StateVersion): Promise<Snapshot> {
  if (v.isDeleteMarker) return { kind: "state", state: null };
  const id = `${ctx.def.options.bucket}\0${key}\0${v.versionId}`;
  const cacheable = v.versionId !== "null";
  const hit = cacheable ? cacheGet(id) : undefined;
  if (hit) return hit;
  const pending = inFlight.get(id);
  if (pending) return pending;
  const p = (async (): Promise<Snapshot> => {
    historyReads.count++;
    const obj = await readObject(ctx, key, v.versionId);
    const r = parseState(obj.bytes);
    return r.kind === "state" ? { kind: "state", state: r.state } : r.kind === "empty" ? { kind: "state", state: null } : { kind: "unreadable" };
  })();
  if (cacheable) inFlight.set(id, p);
  try {
    const s = await p;
    if (cacheable) cacheSet(id, s);
    return s;
  } finally {
    inFlight.delete(id);
  }
}

/**
 * Every version in which `address` (as `terraform state list` prints it) was added, changed,
 * tainted/untainted, deposed or removed, newest first. A version is reported once the next older
 * readable one is read; unreadable versions are skipped (compared across). Stops when `signal` aborts.
 */
export async function* instanceHistory(ctx: BackendContext, workspace: string, address: string, opts: InstanceHistoryOptions = {}): AsyncGenerator<InstanceHistoryEntry, { versionsRead: number; unreadable: number }> {
  const key = stateKey(ctx.def.options, workspace);
  const { versions } = await listVersions(ctx, workspace);
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const reads: (Promise<Snapshot> | undefined)[] = [];
  let started = 0;
  const startUpTo = (n: number) => {
    for (; started < Math.min(n, versions.length); started++) {
      const p = readSnapshot(ctx, key, versions[started]!);
      // Settled later in order; a read that fails before its turn must not be an unhandled rejection.
      p.catch(() => undefined);
      reads.push(p);
    }
  };
  let newer: { version: StateVersion; state: ParsedState | null } | null = null;
  let read = 0;
  let unreadable = 0;
  const emit = (older: ParsedState | null): InstanceHistoryEntry | null => {
    if (!newer) return null;
    const c = instanceChangeBetween(older, newer.state, address);
    if (!c) return null;
    const s = newer.state ?? older;
    return { versionId: newer.version.versionId, serial: s?.serial ?? 0n, lastModified: newer.version.lastModified, size: newer.version.size, change: c.change, paths: c.paths };
  };
  for (let i = 0; i < versions.length; i++) {
    if (opts.signal?.aborted) return { versionsRead: read, unreadable };
    startUpTo(i + concurrency);
    const snap = await reads[i]!;
    // Only the newest unreported state is kept; what is behind lives in the cache (or nowhere).
    reads[i] = undefined;
    read++;
    opts.onProgress?.({ read, total: versions.length });
    if (snap.kind === "unreadable") {
      unreadable++;
      continue;
    }
    const entry = emit(snap.state);
    if (entry) yield entry;
    newer = { version: versions[i]!, state: snap.state };
  }
  const first = emit(null);
  if (first) yield first;
  return { versionsRead: read, unreadable };
}
