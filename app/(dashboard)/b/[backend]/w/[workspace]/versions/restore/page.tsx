import type { Metadata } from "next";
import { Suspense } from "react";
import { authorize } from "@/auth";
import { validateWorkspaceName } from "@/lib/domain/workspaces";
import { listVersions } from "@/lib/domain/versions";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Progress } from "@/components/ui/spinner";
import { RestorePreview } from "@/components/restore/restore-preview";
import { shortVersionId } from "@/components/versions/short-version-id";
import { workspaceRoute, type WorkspaceRouteParams } from "@/components/versions/workspace-route";

export const metadata: Metadata = { title: "Restore a version" };

/** The confirmation view of a restore (admin): what changes if this version becomes current. */
export default async function RestorePage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Promise<{ version?: string }> }) {
  const { backend, workspace } = await workspaceRoute(params);
  const { version } = await searchParams;
  const r = await toResult(async () => {
    await authorize(backend, "restore");
    if (!version) throw new InvalidInputError("No version chosen: pick one on the Versions tab.");
    const ctx = await getBackendContext(backend);
    const ws = validateWorkspaceName(workspace);
    const { versions } = await listVersions(ctx, ws);
    const chosen = versions.find((v) => v.versionId === version);
    if (!chosen) throw new NotFoundError(`Version ${version} is not a version of this workspace's state.`, { versionId: version });
    if (chosen.isDeleteMarker) throw new InvalidInputError(`Version ${version} is a delete marker: it has no content to restore.`);
    if (chosen.isLatest) throw new InvalidInputError(`Version ${version} is already the current version.`);
    return { ctx, ws, chosen, current: versions[0] };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { ctx, ws, chosen, current } = r.data;
  const recovering = current?.isDeleteMarker ?? false;

  return (
    <Card data-testid="restore-view" data-version-id={chosen.versionId}>
      <CardHeader as="h2" title={recovering ? `Recover workspace "${ws}"` : `Restore version ${shortVersionId(chosen.versionId)}`}>
        Version <span className="font-mono">{chosen.versionId}</span>, written <RelativeTime iso={chosen.lastModified} />
      </CardHeader>
      <CardBody>
        <Suspense fallback={<Progress label="Comparing the chosen version with the current state…" />}>
          <RestorePreview ctx={ctx} backend={backend} workspace={ws} chosenId={chosen.versionId} currentId={recovering ? null : (current?.versionId ?? null)} />
        </Suspense>
      </CardBody>
    </Card>
  );
}
