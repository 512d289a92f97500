import Link from "next/link";
import { getRole } from "@/auth";
import { RoleBadge } from "@/components/auth/role-badge";
import { Suspense, type ReactNode } from "react";
import { interruptOnRouteProblem, recordIfInterrupting } from "@/app/(dashboard)/_lib/route-problem";
import { stateKey } from "@/lib/domain/workspaces";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { TabsNav } from "@/components/ui/tabs-nav";
import { estateScope, settledProblemsInScope } from "@/app/(dashboard)/_lib/estate-scope";
import { AwaitedProblemBadges } from "@/components/estate/awaited-problem-badges";
import { WorkspaceStatusBadges } from "@/components/workspaces/workspace-status-badges";
import { checkBackend } from "@/app/(dashboard)/b/[backend]/_lib/backend-route";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { checkWorkspace, lockHolders } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-check";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";

const TABS = [
  { segment: "state", label: "State" },
  { segment: "outputs", label: "Outputs" },
  { segment: "versions", label: "Versions" },
  { segment: "diff", label: "Diff" },
  { segment: "lock", label: "Lock" },
] as const;

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: WorkspaceRouteParams }) {
  const { backend, workspace } = await workspaceRoute(params);
  // A backend problem is the backend's 404/403 (recorded by its layout); a workspace problem is this segment's not-found.
  const b = interruptOnRouteProblem(await checkBackend(backend));
  if (!b.ok) return <ErrorState error={b.error} />;
  const w = await checkWorkspace(backend, workspace);
  if (!w.ok) {
    recordIfInterrupting(w);
    // The tabs' gate layout interrupts; not-found.tsx renders here, without a header for a workspace that is not there.
    return w.error.code === "NOT_FOUND" || w.error.code === "INVALID_INPUT" ? children : <ErrorState error={w.error} />;
  }
  const { ctx, presence } = w.data;
  const { role } = await getRole(backend);
  // Never waits for the estate pass (the response would stay open for it): the last settled one, else fetched after render.
  const problemCodes = estateScope()
    .then(settledProblemsInScope)
    .then((ps) => ps?.filter((p) => p.backend === backend && p.workspace === w.data.workspace).map((p) => p.code) ?? ("pending" as const), () => []);
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
          <Link href="/" className="hover:underline">
            Backends
          </Link>{" "}
          /{" "}
          <Link href={`/b/${encodeURIComponent(backend)}`} className="hover:underline" data-testid="breadcrumb-backend">
            {backend}
          </Link>{" "}
          / {workspace}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold text-slate-900" data-testid="workspace-title">
            {workspace}
          </h1>
          <Suspense fallback={<Skeleton className="h-5 w-32" />}>
            <WorkspaceStatusBadges presence={presence} holders={lockHolders(w.data)} />
          </Suspense>
          <Suspense fallback={null}>
            <AwaitedProblemBadges codes={problemCodes} backend={backend} workspace={w.data.workspace} />
          </Suspense>
          <span className="ml-auto">
            <RoleBadge role={role} backend={backend} />
          </span>
        </div>
        <p className="font-mono text-xs text-slate-600" data-testid="state-key">
          s3://{ctx.def.options.bucket}/{stateKey(ctx.def.options, w.data.workspace)}
        </p>
      </header>
      <TabsNav label="Workspace views" fallback="state" tabs={TABS.map((t) => ({ ...t, href: workspaceHref(backend, workspace, t.segment) }))} />
      <div>{children}</div>
    </div>
  );
}
