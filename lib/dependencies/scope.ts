/**
 * The dependency graph as one caller may see it. Decision: a workspace in a backend the caller may
 * not view is never named; an edge between it and a viewable workspace is only counted ("1 more in
 * a backend you may not view"), and cycles are recomputed among the visible edges, so not even a
 * cycle through a hidden workspace shows. External sources are those of viewable consumers only.
 */
import { affectedConsumers, markCycles, type Edge, type NodeId } from "./graph";
import type { OutputValue } from "@/lib/state/types";

export interface GraphInput<X extends NodeId = NodeId> {
  edges: readonly Edge[];
  /** Each held by a consumer (`backend`, `workspace`). */
  external: readonly X[];
  unreadable: readonly NodeId[];
}

export interface ScopedGraph<X extends NodeId = NodeId> {
  /** Both ends viewable; `inCycle` among these edges only. */
  edges: Edge[];
  external: X[];
  unreadable: NodeId[];
  /** Edges with exactly one end viewable: counted, never named. */
  hiddenEdges: number;
}

export function scopeGraph<X extends NodeId>(graph: GraphInput<X>, allowed: ReadonlySet<string>): ScopedGraph<X> {
  const visible: Edge[] = [];
  let hiddenEdges = 0;
  for (const e of graph.edges) {
    const p = allowed.has(e.producer.backend);
    const c = allowed.has(e.consumer.backend);
    if (p && c) visible.push({ ...e, inCycle: false });
    else if (p || c) hiddenEdges++;
  }
  return {
    edges: markCycles(visible),
    external: graph.external.filter((x) => allowed.has(x.backend)),
    unreadable: graph.unreadable.filter((n) => allowed.has(n.backend)),
    hiddenEdges,
  };
}

export interface Reader {
  backend: string;
  workspace: string;
  /** The data source's address in the reader's state. */
  address: string;
  inCycle: boolean;
}

export interface Readers {
  consumers: Reader[];
  /** Consumers in backends the caller may not view. */
  hidden: number;
}

const same = (n: NodeId, backend: string, workspace: string) => n.backend === backend && n.workspace === workspace;

/** Who reads `backend/workspace` (whose backend the caller may view), as the caller may see it. */
export function readersOf(graph: GraphInput, allowed: ReadonlySet<string>, backend: string, workspace: string): Readers {
  const scoped = scopeGraph(graph, allowed);
  const consumers = scoped.edges.filter((e) => same(e.producer, backend, workspace)).map((e) => ({ ...e.consumer, address: e.address, inCycle: e.inCycle }));
  const hidden = graph.edges.filter((e) => same(e.producer, backend, workspace) && !allowed.has(e.consumer.backend)).length;
  return { consumers, hidden };
}

export interface Source {
  backend: string;
  workspace: string;
  /** The data source's address in this workspace's state. */
  address: string;
  /** The workspace it names has no current state (never written, or deleted). */
  dangling: boolean;
  inCycle: boolean;
}

export interface Sources<X extends NodeId = NodeId> {
  producers: Source[];
  /** This workspace's own data sources that resolve into backends the caller may not view: the address only. */
  hidden: { address: string }[];
  external: X[];
}

/** What `backend/workspace` reads, as the caller may see it. */
export function sourcesOf<X extends NodeId>(graph: GraphInput<X>, allowed: ReadonlySet<string>, backend: string, workspace: string): Sources<X> {
  const scoped = scopeGraph(graph, allowed);
  const producers = scoped.edges.filter((e) => same(e.consumer, backend, workspace)).map((e) => ({ ...e.producer, address: e.address, dangling: e.dangling, inCycle: e.inCycle }));
  const hidden = graph.edges.filter((e) => same(e.consumer, backend, workspace) && !allowed.has(e.producer.backend)).map((e) => ({ address: e.address }));
  return { producers, hidden, external: scoped.external.filter((x) => same(x, backend, workspace)) };
}

export interface AffectedReaders extends Readers {
  /** Outputs removed, or changed in type or value, by name (never a value). */
  outputs: string[];
}

/** The visible readers a change of `backend/workspace`'s outputs from `before` to `after` affects, and how many hidden ones. */
export function affectedReaders(graph: GraphInput, allowed: ReadonlySet<string>, backend: string, workspace: string, before: Record<string, OutputValue>, after: Record<string, OutputValue>): AffectedReaders {
  const readers = readersOf(graph, allowed, backend, workspace);
  const { outputs } = affectedConsumers(before, after, readers.consumers);
  return outputs.length === 0 ? { outputs, consumers: [], hidden: 0 } : { outputs, ...readers };
}
