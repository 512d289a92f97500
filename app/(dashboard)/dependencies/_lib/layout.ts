import "server-only";
/**
 * Positions of the estate graph's nodes, computed on the server with elkjs (the Eclipse Layout
 * Kernel's layered algorithm: producers left of their consumers, crossings minimized, cycles
 * broken for layout only). The browser receives positions, not the 1.5 MB layout engine.
 */
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import type { Edge } from "@/lib/domain/dependencies";
import type { DrawnEdge, DrawnNode } from "@/components/dependencies/dependency-graph";

/** Past this many nodes a drawing says nothing a person can read: the page asks for a filter and keeps the table. */
export const MAX_DRAWN_NODES = 300;

type Point = { x: number; y: number };

const NODE_HEIGHT = 44;
const CHAR_WIDTH = 7.2;

const nodeId = (n: { backend: string; workspace: string }) => `${n.backend}/${n.workspace}`;

export async function layoutGraph(edges: readonly Edge[]): Promise<{ nodes: DrawnNode[]; edges: DrawnEdge[]; width: number; height: number }> {
  const nodes = new Map<string, Omit<DrawnNode, "x" | "y">>();
  const add = (n: { backend: string; workspace: string }, missing: boolean, inCycle: boolean) => {
    const id = nodeId(n);
    const had = nodes.get(id);
    const width = Math.ceil(Math.max(n.backend.length * 6, n.workspace.length * CHAR_WIDTH + (missing ? 60 : 0), 80) + 24);
    nodes.set(id, { id, backend: n.backend, workspace: n.workspace, missing: (had?.missing ?? true) && missing, inCycle: (had?.inCycle ?? false) || inCycle, width, height: NODE_HEIGHT });
  };
  for (const e of edges) {
    add(e.producer, e.dangling, e.inCycle);
    add(e.consumer, false, e.inCycle);
  }
  const drawnEdges: Omit<DrawnEdge, "points">[] = edges.map((e, i) => ({ id: `e${i}`, source: nodeId(e.producer), target: nodeId(e.consumer), address: e.address, inCycle: e.inCycle, dangling: e.dangling }));
  const elk = new ELK();
  const graph: ElkNode = {
    id: "estate",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "24",
      "elk.layered.spacing.nodeNodeBetweenLayers": "64",
      "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",
    },
    children: [...nodes.values()].map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: drawnEdges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const laid = await elk.layout(graph);
  const at = new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  // ELK routes each edge (orthogonal, around nodes; a cycle's back edge too): the drawing follows its points.
  const routes = new Map(
    (laid.edges ?? []).map((e) => {
      const sec = (e as { sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[] }).sections?.[0];
      return [e.id, sec ? [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint] : []];
    }),
  );
  return {
    nodes: [...nodes.values()].map((n) => ({ ...n, ...(at.get(n.id) ?? { x: 0, y: 0 }) })),
    edges: drawnEdges.map((e) => ({ ...e, points: routes.get(e.id) ?? [] })),
    width: laid.width ?? 0,
    height: laid.height ?? 0,
  };
}
