"use client";
/**
 * The estate graph drawn with React Flow (pan, zoom, keyboard-reachable links), at the positions the
 * server computed with elkjs: the browser lays nothing out. Each node links to its workspace; cycle
 * edges are amber, dangling ones red and dashed to a "missing" node. The page also lists every edge
 * as text (the table below the drawing), which screen readers use instead.
 */
import Link from "next/link";
import { BaseEdge, Background, Controls, Handle, MarkerType, Position, ReactFlow, getBezierPath, type Edge, type EdgeProps, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";

export interface DrawnNode {
  id: string;
  backend: string;
  workspace: string;
  /** The target of a dangling reference: no current state. */
  missing: boolean;
  inCycle: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  address: string;
  inCycle: boolean;
  dangling: boolean;
  /** ELK's route, start to end (bends included); empty: a plain curve between the handles. */
  points: { x: number; y: number }[];
}

type WorkspaceNodeData = Pick<DrawnNode, "backend" | "workspace" | "missing" | "inCycle">;

function WorkspaceNode({ data }: NodeProps<Node<WorkspaceNodeData, "workspace">>) {
  const tone = data.missing ? "border-red-400 bg-red-50 border-dashed" : data.inCycle ? "border-amber-400 bg-amber-50" : "border-slate-300 bg-white";
  return (
    <div className={`h-full w-full rounded-md border px-2 py-1 text-left shadow-sm ${tone}`} data-testid="graph-node" data-backend={data.backend} data-workspace={data.workspace} data-missing={String(data.missing)} data-cycle={String(data.inCycle)}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="truncate text-[10px] text-slate-500">{data.backend}</div>
      {data.missing ? (
        <div className="truncate font-mono text-xs text-red-800">
          {data.workspace} <span className="font-sans">(missing)</span>
        </div>
      ) : (
        // React Flow turns pointer events off on nodes that are neither draggable nor selectable: the link turns them back on.
        <Link prefetch={false} href={workspaceHref(data.backend, data.workspace, "outputs")} className="nodrag nopan pointer-events-auto block truncate font-mono text-xs text-blue-700 hover:underline">
          {data.workspace}
        </Link>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { workspace: WorkspaceNode };

type RoutedEdge = Edge<{ points: DrawnEdge["points"] }, "routed">;

/** Follows ELK's orthogonal route; without one, a curve between the handles. */
function Routed({ data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style }: EdgeProps<RoutedEdge>) {
  const pts = data?.points ?? [];
  const path = pts.length >= 2 ? pts.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ") : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} />;
}

const edgeTypes = { routed: Routed };

const EDGE_COLORS = { dangling: "#dc2626", cycle: "#d97706", plain: "#64748b" };

export function DependencyGraph({ nodes, edges, height }: { nodes: DrawnNode[]; edges: DrawnEdge[]; height: number }) {
  const flowNodes: Node<WorkspaceNodeData, "workspace">[] = nodes.map((n) => ({
    id: n.id,
    type: "workspace",
    position: { x: n.x, y: n.y },
    width: n.width,
    height: n.height,
    data: { backend: n.backend, workspace: n.workspace, missing: n.missing, inCycle: n.inCycle },
    draggable: false,
    selectable: false,
    connectable: false,
  }));
  const flowEdges: RoutedEdge[] = edges.map((e) => {
    const color = e.dangling ? EDGE_COLORS.dangling : e.inCycle ? EDGE_COLORS.cycle : EDGE_COLORS.plain;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: "routed",
      data: { points: e.points },
      ariaLabel: `${e.address}${e.dangling ? " (dangling)" : e.inCycle ? " (cycle)" : ""}`,
      markerEnd: { type: MarkerType.ArrowClosed, color },
      style: { stroke: color, strokeWidth: e.inCycle || e.dangling ? 2 : 1.25, strokeDasharray: e.dangling ? "5 4" : undefined },
      selectable: false,
      focusable: false,
    };
  });
  return (
    <div style={{ height }} className="w-full" data-testid="dependency-graph">
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitViewOptions={{ maxZoom: 1 }}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        minZoom={0.1}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
