import { Suspense } from "react";
import { sourcesForCaller } from "@/app/(dashboard)/_lib/dependency-scope";
import { ReadsFrom } from "@/components/dependencies/reads-from";
import { stateOutlinePage } from "@/lib/domain/state";
import { countOf, countsPhrase } from "@/lib/browser-safe/counts";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ResourceOutlineList } from "@/components/state/resource-outline";
import { OUTLINE_PAGE_ROWS, readStateView, RENDER_ALL_UP_TO } from "@/components/state/state-url";
import { loadTabState, pinnedVersion } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/load-tab-state";
import { StateContentProblem, StateLoadError } from "@/components/state/state-problem";
import { StateSummary } from "@/components/state/state-summary";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";
import { workspacePageTitle } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/page-title";

export const generateMetadata = workspacePageTitle("State");

type Search = Promise<{ q?: string | string[]; version?: string | string[]; collapse?: string | string[]; open?: string | string[] }>;

export default async function StatePage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Search }) {
  const { backend, workspace } = await workspaceRoute(params);
  const view = readStateView(await searchParams);
  const { q, version } = view;

  const r = await loadTabState(backend, workspace, version);
  if (!r.ok) return <StateLoadError error={r.error} backend={backend} workspace={workspace} version={version} />;
  const { loaded, canReveal } = r.data;
  if (loaded.result.kind !== "state") return <StateContentProblem result={loaded.result} />;
  const state = loaded.result.state;
  // Only the first screenful goes with the page; the list fetches the rest as it scrolls (list-state-rows).
  const probe = stateOutlinePage(state, { filter: q, collapsed: view.collapse, limit: RENDER_ALL_UP_TO });
  const outline = probe.totalRows <= RENDER_ALL_UP_TO ? probe : { ...probe, rows: probe.rows.slice(0, OUTLINE_PAGE_ROWS) };
  const tabHref = workspaceHref(backend, workspace, "state");

  return (
    <div className="space-y-4" data-testid="state-tab">
      <StateSummary loaded={loaded} state={state} pinned={version !== undefined} currentHref={tabHref} />
      {version === undefined && (
        <Suspense fallback={null}>
          <ReadsFrom sources={sourcesForCaller(backend, workspace)} />
        </Suspense>
      )}
      <form method="get" action={tabHref} role="search" className="flex flex-wrap items-center gap-2">
        {version && <input type="hidden" name="version" value={version} />}
        <label htmlFor="resource-filter" className="text-sm text-slate-700">
          Filter resources
        </label>
        <input
          id="resource-filter"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="type, name or address (aws_instance, module.db…)"
          data-testid="resource-filter"
          className="h-8 w-80 rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-sky-600 focus:outline-none"
        />
        <button type="submit" className={buttonClasses("secondary", "sm")}>
          Filter
        </button>
        <span className="text-xs text-slate-500" data-testid="resource-count">
          {q
            ? `${countOf(outline.matched.resources, "resource")} of ${outline.total.resources} match (${countOf(outline.matched.instances, "instance")} of ${outline.total.instances})`
            : countsPhrase(outline.total)}
        </span>
      </form>
      {outline.total.resources === 0 ? (
        <EmptyState title="No resources">This state has no resources{Object.keys(state.outputs).length > 0 ? " (it has outputs: see the Outputs tab)" : ""}.</EmptyState>
      ) : outline.matched.resources === 0 ? (
        <EmptyState title={`No resource matches "${q}"`}>Filter by resource type, name or address.</EmptyState>
      ) : (
        <ResourceOutlineList
          key={JSON.stringify([q, version, view.collapse])}
          first={outline}
          view={view}
          tabHref={tabHref}
          ctx={{ backend, workspace, versionId: pinnedVersion(version, loaded.versionId), canReveal }}
        />
      )}
    </div>
  );
}
