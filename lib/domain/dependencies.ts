import "server-only";
/**
 * The estate's dependency graph from current states: producer → consumer for every
 * terraform_remote_state that resolves to a known workspace. Reads current states only; keeps
 * no output values, only data source addresses and configs' locations.
 */
import pLimit from "p-limit";
import type { BackendContext } from "@/lib/backend/context";
import { DEFAULT_WORKSPACE, workspaceFromObjectKey } from "@/lib/backend/keys";
import { readStateObject } from "@/lib/backend/versions";
import { listWorkspaceObjects } from "@/lib/backend/workspaces";
import { markCycles, remoteStateRefs, resolveRef, type Edge, type KnownBackend, type Resolution } from "@/lib/dependencies/graph";
import { parseState } from "@/lib/state/parse";

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
}

export async function estateDependencies(ctxs: readonly BackendContext[], opts: { concurrency?: number } = {}): Promise<DependencyGraph> {
  const limit = pLimit(Math.max(1, opts.concurrency ?? 16));
  const listed = await Promise.all(ctxs.map(async (ctx) => ({ ctx, list: await listWorkspaceObjects(ctx) })));
  const known: KnownBackend[] = listed.map(({ ctx, list }) => ({
    name: ctx.def.name,
    bucket: ctx.def.options.bucket,
    workspaceOf: (objectKey: string) => (objectKey === ctx.def.options.key ? DEFAULT_WORKSPACE : workspaceFromObjectKey(ctx.def.options, objectKey)),
    workspaces: new Set(list.workspaces.filter((w) => w.exists && !w.deleted).map((w) => w.name)),
  }));
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
            let r;
            try {
              r = parseState((await readStateObject(ctx, w.name)).bytes);
            } catch {
              unreadable.push(consumer);
              return;
            }
            if (r.kind !== "state") {
              if (r.kind !== "empty") unreadable.push(consumer);
              return;
            }
            for (const ref of remoteStateRefs(r.state)) {
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
  return { edges: markCycles(edges), external, unreadable };
}

/** Who reads `backend/workspace` (by data source), and what that workspace itself reads from outside the estate. */
export function consumersOf(graph: DependencyGraph, backend: string, workspace: string) {
  return {
    consumers: graph.edges.filter((e) => e.producer.backend === backend && e.producer.workspace === workspace).map((e) => ({ backend: e.consumer.backend, workspace: e.consumer.workspace, address: e.address, inCycle: e.inCycle })),
    external: graph.external.filter((x) => x.backend === backend && x.workspace === workspace),
  };
}
