import { stateOutline } from "@/lib/domain/state";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ResourceOutlineList } from "@/components/state/resource-outline";
import { loadTabState, pinnedVersion, versionParam } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/load-tab-state";
import { StateContentProblem, StateLoadError } from "@/components/state/state-problem";
import { StateSummary } from "@/components/state/state-summary";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";
import { workspacePageTitle } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/page-title";

export const generateMetadata = workspacePageTitle("State");

type Search = Promise<{ q?: string | string[]; version?: string | string[] }>;

export default async function StatePage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Search }) {
  const { backend, workspace } = await workspaceRoute(params);
  const sp = await searchParams;
  const version = versionParam(sp.version);
  const q = typeof sp.q === "string" ? sp.q : "";

  const r = await loadTabState(backend, workspace, version);
  if (!r.ok) return <StateLoadError error={r.error} backend={backend} workspace={workspace} version={version} />;
  const { loaded, canReveal } = r.data;
  if (loaded.result.kind !== "state") return <StateContentProblem result={loaded.result} />;
  const state = loaded.result.state;
  const outline = stateOutline(state, q);
  const tabHref = workspaceHref(backend, workspace, "state");

  return (
    <div className="space-y-4" data-testid="state-tab">
      <StateSummary loaded={loaded} state={state} pinned={version !== undefined} currentHref={tabHref} />
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
          {q ? `${outline.matched} of ${outline.total} resources` : `${outline.total} resources`}
        </span>
      </form>
      {outline.total === 0 ? (
        <EmptyState title="No resources">This state has no resources{Object.keys(state.outputs).length > 0 ? " (it has outputs: see the Outputs tab)" : ""}.</EmptyState>
      ) : outline.matched === 0 ? (
        <EmptyState title={`No resource matches "${q}"`}>Filter by resource type, name or address.</EmptyState>
      ) : (
        <ResourceOutlineList modules={outline.modules} ctx={{ backend, workspace, versionId: pinnedVersion(version, loaded.versionId), canReveal }} />
      )}
    </div>
  );
}
