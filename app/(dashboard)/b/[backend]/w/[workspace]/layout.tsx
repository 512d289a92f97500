import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { authorize } from "@/auth";
import { stateKey, validateWorkspaceName } from "@/lib/domain/workspaces";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { TabsNav } from "@/components/ui/tabs-nav";
import { workspaceHref } from "@/components/versions/links";
import { workspaceRoute, type WorkspaceRouteParams } from "@/components/versions/workspace-route";
import { WorkspaceStatusBadges } from "@/components/workspaces/workspace-status-badges";

const TABS = [
  { segment: "state", label: "State" },
  { segment: "outputs", label: "Outputs" },
  { segment: "versions", label: "Versions" },
  { segment: "diff", label: "Diff" },
  { segment: "lock", label: "Lock" },
] as const;

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: WorkspaceRouteParams }) {
  const { backend, workspace } = await workspaceRoute(params);
  const r = await toResult(async () => {
    await authorize(backend, "read");
    const def = (await getBackendContext(backend)).def;
    return { def, key: stateKey(def.options, validateWorkspaceName(workspace)) };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { def, key } = r.data;
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
            <WorkspaceStatusBadges backend={backend} workspace={workspace} />
          </Suspense>
        </div>
        <p className="font-mono text-xs text-slate-600" data-testid="state-key">
          s3://{def.options.bucket}/{key}
        </p>
      </header>
      <TabsNav label="Workspace views" fallback="state" tabs={TABS.map((t) => ({ ...t, href: workspaceHref(backend, workspace, t.segment) }))} />
      <div>{children}</div>
    </div>
  );
}
