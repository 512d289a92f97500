import { authorize } from "@/auth";
import { can } from "@/lib/auth/roles";
import { validateWorkspaceName } from "@/lib/domain/workspaces";
import { listVersionsCached } from "@/lib/domain/versions";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { compactVersionList } from "@/lib/browser-safe/version-list";
import { ErrorState } from "@/components/ui/error-state";
import { EmptyState } from "@/components/ui/empty-state";
import { DeletedWorkspaceBanner } from "@/components/restore/deleted-workspace-banner";
import { RestoredNotice } from "@/components/restore/restored-notice";
import { VersioningBanner } from "@/components/versions/versioning-banner";
import { VersionTimeline } from "@/components/versions/version-timeline";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";
import { workspacePageTitle } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/page-title";

export const generateMetadata = workspacePageTitle("Versions");

export default async function VersionsPage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Promise<{ restored?: string }> }) {
  const { backend, workspace } = await workspaceRoute(params);
  const { restored } = await searchParams;
  const r = await toResult(async () => {
    const { role } = await authorize(backend, "read");
    const ctx = await getBackendContext(backend);
    const { versioning, versions } = await listVersionsCached(ctx, validateWorkspaceName(workspace));
    return { role, versioning, versions, bucket: ctx.def.options.bucket };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { role, versioning, versions, bucket } = r.data;
  const canRestore = can(role, "restore");
  const latest = versions[0];
  const lastReal = versions.find((v) => !v.isDeleteMarker);

  return (
    <div className="space-y-4" data-testid="versions-tab">
      <VersioningBanner versioning={versioning} bucket={bucket} />
      {restored && <RestoredNotice newVersionId={restored} />}
      {latest?.isDeleteMarker && (
        <DeletedWorkspaceBanner backend={backend} workspace={workspace} deletedAt={latest.lastModified} lastVersionId={lastReal?.versionId ?? null} canRestore={canRestore} />
      )}
      {versions.length === 0 ? (
        <EmptyState title="No versions yet">This workspace has no state object: nothing has been applied to it yet.</EmptyState>
      ) : (
        <VersionTimeline backend={backend} workspace={workspace} list={compactVersionList(versions)} canRestore={canRestore} highlight={restored} />
      )}
    </div>
  );
}
