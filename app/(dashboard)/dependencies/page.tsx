import type { Metadata } from "next";
import Link from "next/link";
import { dependenciesForCaller } from "@/app/(dashboard)/_lib/dependency-scope";
import { layoutGraph, MAX_DRAWN_NODES } from "@/app/(dashboard)/dependencies/_lib/layout";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { DependencyGraph } from "@/components/dependencies/dependency-graph";
import { externalTarget } from "@/components/dependencies/external-target";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { scopeGraph } from "@/lib/domain/dependencies";
import { toResult } from "@/lib/result";

export const metadata: Metadata = { title: "Dependencies" };

type Search = Promise<{ backend?: string | string[] }>;

function WorkspaceLink({ n, tab }: { n: { backend: string; workspace: string }; tab: string }) {
  return (
    <Link prefetch={false} className="text-blue-700 hover:underline" href={workspaceHref(n.backend, n.workspace, tab)}>
      {n.backend}/<span className="font-mono text-xs">{n.workspace}</span>
    </Link>
  );
}

/** Producer → consumer for every terraform_remote_state in the current states of the backends the caller may view. */
export default async function DependenciesPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const asked = new Set(typeof sp.backend === "string" ? [sp.backend] : (sp.backend ?? []));
  const r = await toResult(async () => {
    const { graph, allowed } = await dependenciesForCaller();
    // A name the caller may not view is ignored as if absent: the filter reveals nothing.
    const chosen = new Set([...asked].filter((b) => allowed.has(b)));
    const scoped = scopeGraph(graph, allowed);
    const pick = chosen.size === 0 ? () => true : (b: string) => chosen.has(b);
    const edges = scoped.edges.filter((e) => pick(e.producer.backend) || pick(e.consumer.backend));
    const nodeCount = new Set(edges.flatMap((e) => [`${e.producer.backend}/${e.producer.workspace}`, `${e.consumer.backend}/${e.consumer.workspace}`])).size;
    const drawing = edges.length > 0 && nodeCount <= MAX_DRAWN_NODES ? await layoutGraph(edges) : null;
    return {
      backends: [...allowed].sort(),
      chosen,
      edges,
      nodeCount,
      drawing,
      external: scoped.external.filter((x) => pick(x.backend)),
      unreadable: scoped.unreadable.filter((u) => pick(u.backend)),
      unlisted: graph.unlisted.filter((u) => allowed.has(u.backend) && pick(u.backend)),
      hiddenEdges: scoped.hiddenEdges,
    };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { backends, chosen, edges, nodeCount, drawing, external, unreadable, unlisted, hiddenEdges } = r.data;
  const cycles = edges.filter((e) => e.inCycle).length;
  const dangling = edges.filter((e) => e.dangling).length;

  return (
    <div className="space-y-4" data-testid="dependencies-page">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Dependencies</h1>
        <p className="text-sm text-slate-600">
          Which workspace reads which: an arrow from producer to consumer for every <code>terraform_remote_state</code> data source in a current state of the backends you may read. Read from the states, refreshed at most every 15 seconds.
        </p>
      </div>
      <form method="get" action="/dependencies" className="flex flex-wrap items-center gap-3 text-sm" aria-label="Filter by backend">
        <span className="text-slate-700">Backends:</span>
        {backends.map((b) => (
          <label key={b} className="flex items-center gap-1">
            <input type="checkbox" name="backend" value={b} defaultChecked={chosen.has(b)} data-testid="backend-filter" />
            {b}
          </label>
        ))}
        <button type="submit" className={buttonClasses("secondary", "sm")}>
          Filter
        </button>
        {chosen.size > 0 && (
          <Link href="/dependencies" prefetch={false} className="text-blue-700 hover:underline">
            All backends
          </Link>
        )}
      </form>
      <p className="text-sm text-slate-700" data-testid="dependencies-summary">
        {edges.length} {edges.length === 1 ? "edge" : "edges"} between {nodeCount} workspaces
        {cycles > 0 && (
          <>
            {" · "}
            <Badge tone="amber">{cycles} on a cycle</Badge>
          </>
        )}
        {dangling > 0 && (
          <>
            {" · "}
            <Badge tone="red">{dangling} dangling</Badge>
          </>
        )}
        {hiddenEdges > 0 && ` · ${hiddenEdges} more with a workspace in a backend you may not view (not shown)`}
      </p>
      {edges.length === 0 ? (
        <EmptyState title="No workspace reads another">No current state in {chosen.size > 0 ? "these backends" : "the backends you may read"} has a terraform_remote_state data source that points at a workspace Statehouse knows.</EmptyState>
      ) : (
        <>
          <Card>
            <CardHeader title="Graph">
              Arrows go from the workspace whose outputs are read to the one reading them. <span className="text-amber-800">Amber: on a cycle</span> (each side&apos;s apply changes what the other plans).{" "}
              <span className="text-red-800">Red, dashed: dangling</span> (the source names a workspace with no current state, never written or deleted).
            </CardHeader>
            {drawing ? (
              <DependencyGraph nodes={drawing.nodes} edges={drawing.edges} height={Math.min(640, Math.max(280, drawing.height + 80))} />
            ) : (
              <CardBody>
                <p className="text-sm text-slate-600" data-testid="graph-too-large">
                  {nodeCount} workspaces are too many to draw legibly (at most {MAX_DRAWN_NODES}): filter by backend. Every edge is listed below.
                </p>
              </CardBody>
            )}
          </Card>
          <table className="w-full text-left text-sm" aria-label="Dependency edges" data-testid="dependency-edges">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1">Producer (read)</th>
                <th>Consumer (reads)</th>
                <th>Data source in the consumer</th>
                <th>Marks</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {edges.map((e) => (
                <tr
                  key={`${e.consumer.backend}\0${e.consumer.workspace}\0${e.address}`}
                  data-testid="dependency-edge"
                  data-producer={`${e.producer.backend}/${e.producer.workspace}`}
                  data-consumer={`${e.consumer.backend}/${e.consumer.workspace}`}
                  data-cycle={String(e.inCycle)}
                  data-dangling={String(e.dangling)}
                >
                  <td className="py-1.5">
                    {e.dangling ? (
                      <>
                        {e.producer.backend}/<span className="font-mono text-xs">{e.producer.workspace}</span>
                      </>
                    ) : (
                      <WorkspaceLink n={e.producer} tab="outputs" />
                    )}
                  </td>
                  <td>
                    <WorkspaceLink n={e.consumer} tab="state" />
                  </td>
                  <td className="font-mono text-xs">{e.address}</td>
                  <td className="space-x-1">
                    {e.inCycle && <Badge tone="amber">cycle</Badge>}
                    {e.dangling && <Badge tone="red">dangling: no current state</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {external.length > 0 && (
        <section className="space-y-2" data-testid="external-sources">
          <h2 className="text-lg font-semibold text-slate-900">External sources</h2>
          <p className="text-sm text-slate-600">Data sources that read state outside the configured backends (another bucket, or another backend type).</p>
          <ul className="space-y-1 text-sm">
            {external.map((x) => (
              <li key={`${x.backend}\0${x.workspace}\0${x.address}`} data-testid="external-source">
                <WorkspaceLink n={x} tab="state" /> <span className="font-mono text-xs">{x.address}</span> → {externalTarget(x)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {unlisted.length > 0 && (
        <ul className="text-sm text-amber-800" data-testid="unlisted-backends">
          {unlisted.map((u) => (
            <li key={u.backend}>
              Backend <span className="font-mono">{u.backend}</span> could not be listed, so what its workspaces read is unknown: {u.reason}
            </li>
          ))}
        </ul>
      )}
      {unreadable.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="unreadable-sources">
          Not read (unreadable, encrypted without a key, or too large), so what they read is unknown:{" "}
          {unreadable.map((u, i) => (
            <span key={`${u.backend}\0${u.workspace}`}>
              {i > 0 && ", "}
              <WorkspaceLink n={u} tab="state" />
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}
