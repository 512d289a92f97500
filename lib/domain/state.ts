import "server-only";
/**
 * Reading and parsing a workspace's state, with a per-process cache.
 *
 * A version's content never changes, so a parse is cached by bucket/key/version ID (or, in a
 * bucket without versioning, by ETag, which S3 derives from the content). The current state is
 * revalidated with one HeadObject per read: when it still names a cached version, the 30 MB
 * download and the parse are skipped.
 */
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { currentObjectTag } from "@/lib/backend/versions";
import { readStoredState } from "@/lib/backend/encrypted-state";
import type { StateReadResult } from "@/lib/state/types";
import { countCacheLookup } from "@/lib/observability/metrics";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { LARGE_STATE_BYTES } from "@/lib/state/parse-large";

export interface LoadedState {
  result: StateReadResult;
  /** "null" when the object was written without versioning. */
  versionId: string;
  etag: string;
  lastModified: string;
  size: number;
  metadata: Record<string, string>;
}

/**
 * A parsed state holds several times its raw size in JS objects; weigh entries by that estimate
 * (bench/state-memory.ts): about 4× when parsed whole, about 3× for a big state, whose attributes
 * stay bytes until read (lib/state/parse-large.ts).
 */
function parsedWeight(s: LoadedState): number {
  return Math.max(s.size, 1) * (s.size >= LARGE_STATE_BYTES ? 3 : 4);
}

const cache = createCache<string, LoadedState>({ ...CACHE_POLICIES.stateParses, sizeOf: parsedWeight });

/**
 * The last state too heavy for the cache, kept on its own: the State tab pages through it (one
 * action per page as the user scrolls), and each page must not download and parse it again. One
 * such state per process is the memory bound a read of it needs anyway (docs/PERFORMANCE.md).
 */
let oversized: { key: string; loaded: LoadedState } | null = null;

function remember(key: string, loaded: LoadedState): void {
  if (parsedWeight(loaded) > CACHE_POLICIES.stateParses.maxBytes) oversized = { key, loaded };
  else cache.set(key, loaded);
}

function recall(key: string): LoadedState | undefined {
  return cache.get(key) ?? (oversized?.key === key ? oversized.loaded : undefined);
}
/** Reads in flight, so concurrent requests for the same big state download it once. */
const inflight = new Map<string, Promise<LoadedState>>();

function realVersion(id: string | undefined): id is string {
  return id !== undefined && id !== "null";
}

/** Each encryption setup decrypts (or refuses) on its own: two backends on one bucket with different keys share nothing. */
const setupIds = new WeakMap<object, number>();
let nextSetupId = 1;
function encryptionTag(ctx: BackendContext): string {
  const setup = ctx.def.encryption;
  if (!setup) return "";
  let id = setupIds.get(setup);
  if (id === undefined) setupIds.set(setup, (id = nextSetupId++));
  return `\0k:${id}`;
}

function cacheKey(ctx: BackendContext, key: string, versionId: string | undefined, etag: string): string {
  const { bucket } = ctx.def.options;
  return (realVersion(versionId) ? `${bucket}\0${key}\0v:${versionId}` : `${bucket}\0${key}\0e:${etag}`) + encryptionTag(ctx);
}

async function fetchAndParse(ctx: BackendContext, workspace: string, versionId: string | undefined): Promise<LoadedState> {
  // OpenTofu-encrypted states are decrypted here (while they download), so every view of a state sees the plaintext.
  const { object: obj, result } = await readStoredState(ctx, workspace, versionId);
  const loaded: LoadedState = {
    result,
    versionId: obj.versionId,
    etag: obj.etag,
    lastModified: obj.lastModified,
    size: obj.size,
    metadata: obj.metadata,
  };
  remember(cacheKey(ctx, stateKey(ctx.def.options, workspace), obj.versionId, obj.etag), loaded);
  return loaded;
}

function once(k: string, load: () => Promise<LoadedState>): Promise<LoadedState> {
  let p = inflight.get(k);
  if (!p) {
    p = load().finally(() => inflight.delete(k));
    inflight.set(k, p);
  }
  return p;
}

/**
 * The parsed state of `workspace`, current or at `versionId`. Never throws for bad content
 * (see StateReadResult); throws the typed errors of readStateObject (NotFoundError for a missing
 * object or a delete marker, AccessDenied, EncryptionKey, TooLarge...), and a StateEncryptionError
 * when an OpenTofu-encrypted state cannot be decrypted with the backend's encryption settings.
 */
export async function loadState(ctx: BackendContext, workspace: string, versionId?: string): Promise<LoadedState> {
  const key = stateKey(ctx.def.options, workspace);
  // "null" names the object written while versioning was off; only its ETag can key it, known after the read.
  if (versionId === "null") return fetchAndParse(ctx, workspace, versionId);
  if (realVersion(versionId)) {
    const k = cacheKey(ctx, key, versionId, "");
    return counted(recall(k)) ?? once(k, () => fetchAndParse(ctx, workspace, versionId));
  }
  const head = await currentObjectTag(ctx, key);
  if (!head) return fetchAndParse(ctx, workspace, undefined);
  const k = cacheKey(ctx, key, head.versionId, head.etag);
  return counted(recall(k)) ?? once(k, () => fetchAndParse(ctx, workspace, realVersion(head.versionId) ? head.versionId : undefined));
}

function counted<T>(hit: T | undefined): T | undefined {
  countCacheLookup("state", hit !== undefined);
  return hit;
}

export * from "./state/view";
export { encryptionMarkerOf, encryptionMarkerOfError, isStateEncryptionError, primarySealing } from "./state/encryption";
export { openStateBytes } from "@/lib/backend/encrypted-state";
