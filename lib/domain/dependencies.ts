import "server-only";
/**
 * The estate's dependency graph from current states: producer → consumer for every
 * terraform_remote_state that resolves to a known workspace. Reads current states only; keeps
 * no output values, only data source addresses and configs' locations.
 */
import pLimit from "p-limit";
import type { BackendContext } from "@/lib/backend/context";
import { parseStoredState } from "@/lib/backend/encrypted-state";
import { DEFAULT_WORKSPACE, workspaceFromObjectKey } from "@/lib/backend/keys";
import { readListedObject } from "@/lib/backend/read-current";
import { DEFAULT_MAX_STATE_BYTES, readStateObject } from "@/lib/backend/versions";
import { listWorkspaceObjects } from "@/lib/backend/workspaces";
import { listingGeneration, liveWorkspaceObjects, type WorkspaceLister } from "./workspaces/listing-cache";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { markCycles, remoteStateRefs, resolveRef, type Edge, type KnownBackend, type RemoteStateRef, type Resolution } from "@/lib/dependencies/graph";
import { affectedReaders, type AffectedReaders } from "@/lib/dependencies/scope";
import { PreconditionFailedError, StatehouseError } from "@/lib/errors";
import type { OutputValue } from "@/lib/state/types";
import { loadState } from "./state";

export { readersOf, scopeGraph, sourcesOf, type AffectedReaders, type Reader, type Readers, type ScopedGraph, type Source, type Sources } from "@/lib/dependencies/scope";
export type { Edge, NodeId } from "@/lib/dependencies/graph";

export interface ExternalSource {
  /** The consumer holding the data source. */
  backend: string;
  workspace: string;
  address: string;
  target: Extract<Resolution, { kind: "external" }>;
}

export interface DependencyGraph {
  edges: Edge[];
  external: ExternalSource[];
  /** Workspaces whose current state could not be read as state (their sources are unknown). */
  unreadable: { backend: string; workspace: string }[];
  /** Backends that could not be listed (missing bucket, access denied): what they read is unknown. */
  unlisted: { backend: string; reason: string }[];
}

/**
 * The data sources of each state by bucket + key, valid while the object's ETag is the one they were
 * read from: a rebuild of the graph reads only the states written since the last one.
 */
const refsByObject = createCache<string, { refs: RemoteStateRef[] } | { unreadable: true }>(CACHE_POLICIES.remoteStateRefs);

async function referencesOf(ctx: BackendContext, workspace: string, key: string, etag: string | null, useCache: boolean): Promise<RemoteStateRef[] | "unreadable"> {
  const cacheKey = `${ctx.def.options.bucket}\0${key}`;
  const hit = etag === null || !useCache ? undefined : refsByObject.get(cacheKey, etag);
  if (hit) return "refs" in hit ? hit.refs : "unreadable";
  let read: { bytes: Uint8Array; etag: string };
  try {
    // One GetObject pinned to the listed ETag (half the calls of a HEAD + GET); written since: read what is there now.
    read = etag === null ? await readStateObject(ctx, workspace) : await readListedObject(ctx, key, etag, DEFAULT_MAX_STATE_BYTES);
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) return "unreadable";
    try {
      read = await readStateObject(ctx, workspace);
    } catch {
      return "unreadable";
    }
  }
  let entry: { refs: RemoteStateRef[] } | { unreadable: true };
  try {
    // Decrypted as every view of a state is, when the backend has OpenTofu encryption settings.
    const r = await parseStoredState(ctx, read.bytes);
    entry = r.kind === "state" ? { refs: remoteStateRefs(r.state) } : r.kind === "empty" ? { refs: [] } : { unreadable: true };
  } catch {
    entry = { unreadable: true };
  }
  refsByObject.set(cacheKey, entry, read.etag);
  return "refs" in entry ? entry.refs : "unreadable";
}

/** `cached: false` reads every state again (the benchmark's cold figure); the pages use the cache. */
export async function estateDependencies(ctxs: readonly BackendContext[], opts: { concurrency?: number; cached?: boolean; list?: WorkspaceLister } = {}): Promise<DependencyGraph> {
  const limit = pLimit(Math.max(1, opts.concurrency ?? 16));
  const unlisted: DependencyGraph["unlisted"] = [];
  // One backend that cannot be listed (a missing bucket, denied access) leaves the rest of the graph intact.
  const tried = await Promise.all(
    ctxs.map(async (ctx) => {
      try {
        return { ctx, list: await (opts.list ?? listWorkspaceObjects)(ctx) };
      } catch (e) {
        if (!(e instanceof StatehouseError)) throw e;
        unlisted.push({ backend: ctx.def.name, reason: e.message });
        return { ctx, list: null };
      }
    }),
  );
  const known: KnownBackend[] = tried.map(({ ctx, list }) => ({
    name: ctx.def.name,
    bucket: ctx.def.options.bucket,
    workspaceOf: (objectKey: string) => (objectKey === ctx.def.options.key ? DEFAULT_WORKSPACE : workspaceFromObjectKey(ctx.def.options, objectKey)),
    workspaces: list ? new Set(list.workspaces.filter((w) => w.exists && !w.deleted).map((w) => w.name)) : null,
  }));
  const listed = tried.flatMap(({ ctx, list }) => (list ? [{ ctx, list }] : []));
  const edges: Edge[] = [];
  const external: ExternalSource[] = [];
  const unreadable: DependencyGraph["unreadable"] = [];
  await Promise.all(
    listed.flatMap(({ ctx, list }) =>
      list.workspaces
        .filter((w) => w.exists && !w.deleted)
        .map((w) =>
          limit(async () => {
            const consumer = { backend: ctx.def.name, workspace: w.name };
            const refs = await referencesOf(ctx, w.name, w.key, w.etag, opts.cached !== false);
            if (refs === "unreadable") {
              unreadable.push(consumer);
              return;
            }
            for (const ref of refs) {
              const to = resolveRef(ref, known);
              if (to.kind === "external") external.push({ ...consumer, address: ref.address, target: to });
              else edges.push({ producer: { backend: to.backend, workspace: to.workspace }, consumer, address: ref.address, dangling: to.kind === "dangling", inCycle: false });
            }
          }),
        ),
    ),
  );
  const order = (a: { backend: string; workspace: string; address: string }, b: typeof a) => a.backend.localeCompare(b.backend) || a.workspace.localeCompare(b.workspace) || a.address.localeCompare(b.address);
  edges.sort((a, b) => order({ ...a.consumer, address: a.address }, { ...b.consumer, address: b.address }));
  external.sort(order);
  unlisted.sort((a, b) => a.backend.localeCompare(b.backend));
  return { edges: markCycles(edges), external, unreadable, unlisted };
}

/** Who reads `backend/workspace` (by data source), and what that workspace itself reads from outside the estate. */
export function consumersOf(graph: DependencyGraph, backend: string, workspace: string) {
  return {
    consumers: graph.edges.filter((e) => e.producer.backend === backend && e.producer.workspace === workspace).map((e) => ({ backend: e.consumer.backend, workspace: e.consumer.workspace, address: e.address, inCycle: e.inCycle })),
    external: graph.external.filter((x) => x.backend === backend && x.workspace === workspace),
  };
}

/** One graph per set of backends serves every page for this long (a build lists every backend). */
const graphs = createCache<string, Promise<DependencyGraph>>(CACHE_POLICIES.dependencyGraphs);
/** How old a finished build may be and still answer while the next one is built. */
const STALE_GRAPH_MAX_MS = 5 * 60_000;
/** The last finished build per set of backends (bounded like `graphs`). */
const settledGraphs = createCache<string, { graph: DependencyGraph }>({ ...CACHE_POLICIES.dependencyGraphs, ttlMs: STALE_GRAPH_MAX_MS });
/** Builds that have finished (a WeakSet: nothing kept beyond the promise itself). */
const done = new WeakSet<Promise<DependencyGraph>>();

/**
 * The estate graph over `ctxs`, shared by concurrent and nearby callers (built at most once per
 * `dependencyGraphs` TTL); states unchanged since the last build are not read again. Stale while
 * revalidating: once the TTL has passed, the last finished build (if under STALE_GRAPH_MAX_MS old) answers at
 * once while the next is built, so a page's "Reads from" / "Read by" never waits for a rebuild.
 */
export function cachedEstateDependencies(ctxs: readonly BackendContext[]): Promise<DependencyGraph> {
  // Each backend's listing generation is part of the key: after a write through this process (invalidateListing: a
  // restore may bring back or drop data sources) the graphs over it, the stale one too, are not used; the fresh
  // build re-reads only the states that changed.
  const key = ctxs
    .map((c) => `${c.def.name}#${listingGeneration(c)}`)
    .sort()
    .join("\0");
  const hit = graphs.get(key);
  const settled = settledGraphs.get(key);
  if (hit) return settled && !done.has(hit) ? Promise.resolve(settled.graph) : hit;
  const built = estateDependencies(ctxs, { list: liveWorkspaceObjects });
  graphs.set(key, built);
  built.then(
    (graph) => {
      done.add(built);
      settledGraphs.set(key, { graph });
    },
    () => graphs.delete(key),
  );
  return settled ? Promise.resolve(settled.graph) : built;
}

function outputsOf(r: Awaited<ReturnType<typeof loadState>>["result"]): Record<string, OutputValue> | null {
  if (r.kind === "state") return r.state.outputs;
  return r.kind === "empty" ? {} : null;
}

/**
 * Which readers of `ctx/workspace` a change of its outputs from version `fromId` to `toId` affects
 * (an output removed, or changed in type or value), as a caller who may view `allowed` sees them.
 * Both versions come from the parse cache; only output names leave, never values. Null when
 * either version is not a readable state.
 */
export async function affectedReadersOfChange(graph: DependencyGraph, allowed: ReadonlySet<string>, ctx: BackendContext, workspace: string, fromId: string, toId: string): Promise<AffectedReaders | null> {
  const [a, b] = await Promise.all([loadState(ctx, workspace, fromId), loadState(ctx, workspace, toId)]);
  const before = outputsOf(a.result);
  const after = outputsOf(b.result);
  if (before === null || after === null) return null;
  return affectedReaders(graph, allowed, ctx.def.name, workspace, before, after);
}
