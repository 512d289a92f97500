import { affectedForCaller } from "@/app/(dashboard)/_lib/dependency-scope";
import { Suspense } from "react";
import { interruptOnRouteProblem } from "@/app/(dashboard)/_lib/route-problem";
import { validateWorkspaceName } from "@/lib/domain/workspaces";
import { listVersionsCached } from "@/lib/domain/versions";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { structuralDiff } from "@/lib/domain/diff";
import { loadState, primarySealing } from "@/lib/domain/state";
import { typeOfAddress } from "@/lib/browser-safe/state-encryption";
import { lockHolder, readLockStatus } from "@/lib/domain/locks";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Progress } from "@/components/ui/spinner";
import { RestorePreview, type RestorePreviewData } from "@/components/restore/restore-preview";
import { shortVersionId } from "@/components/versions/short-version-id";
import { checkPermission } from "@/app/(dashboard)/b/[backend]/_lib/backend-route";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";
import { workspacePageTitle } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/page-title";

export const generateMetadata = workspacePageTitle("Restore a version");

/** The confirmation view of a restore (admin): what changes if this version becomes current. */
export default async function RestorePage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Promise<{ version?: string }> }) {
  const { backend, workspace } = await workspaceRoute(params);
  const { version } = await searchParams;
  interruptOnRouteProblem(await checkPermission(backend, "restore"));
  const r = await toResult(async () => {
    if (!version) throw new InvalidInputError("No version chosen: pick one on the Versions tab.");
    const ctx = await getBackendContext(backend);
    const ws = validateWorkspaceName(workspace);
    const { versions } = await listVersionsCached(ctx, ws);
    const chosen = versions.find((v) => v.versionId === version);
    if (!chosen) throw new NotFoundError(`Version ${version} is not a version of this workspace's state.`, { versionId: version });
    if (chosen.isDeleteMarker) throw new InvalidInputError(`Version ${version} is a delete marker: it has no content to restore.`);
    if (chosen.isLatest) throw new InvalidInputError(`Version ${version} is already the current version.`);
    return { ctx, ws, chosen, current: versions[0] };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { ctx, ws, chosen, current } = r.data;
  const recovering = current?.isDeleteMarker ?? false;
  const sealing = primarySealing(ctx.def.encryption);
  const currentId = recovering ? null : (current?.versionId ?? null);
  // Started here, after the permission check, and streamed into the preview. The lock is read with it:
  // a restore of a locked workspace would be refused, so the preview says so before the admin confirms.
  const holders = toResult(async () => (await readLockStatus(ctx, ws)).locks.map(lockHolder));
  const content =
    currentId === null
      ? toResult(() => loadState(ctx, ws, chosen.versionId)).then((chosenState) => ({ currentId, chosen: chosenState }))
      : toResult(() => structuralDiff(ctx, ws, currentId, chosen.versionId)).then((diff) => ({ currentId, diff, affected: affectedForCaller(ctx, ws, currentId, chosen.versionId) }));
  const preview: Promise<RestorePreviewData> = Promise.all([content, holders]).then(([c, h]) => ({ ...c, holders: h }));

  return (
    <Card data-testid="restore-view" data-version-id={chosen.versionId}>
      <CardHeader as="h2" title={recovering ? `Recover workspace "${ws}"` : `Restore version ${shortVersionId(chosen.versionId)}`}>
        Version <span className="font-mono">{chosen.versionId}</span>, written <RelativeTime iso={chosen.lastModified} />
      </CardHeader>
      <CardBody>
        {sealing && (
          <p className="mb-3 text-sm text-slate-700" data-testid="restore-sealing" data-method={sealing.method}>
            The restored state is encrypted again as tofu writes it now: {sealing.keyProviders.map(typeOfAddress).join(" ← ")} / {typeOfAddress(sealing.method)} (
            <span className="font-mono text-xs">{[sealing.method, ...sealing.keyProviders].join(", ")}</span>), with a fresh nonce and key metadata.
          </p>
        )}
        <Suspense fallback={<Progress label="Comparing the chosen version with the current state…" />}>
          <RestorePreview backend={backend} workspace={ws} chosenId={chosen.versionId} preview={preview} />
        </Suspense>
      </CardBody>
    </Card>
  );
}
