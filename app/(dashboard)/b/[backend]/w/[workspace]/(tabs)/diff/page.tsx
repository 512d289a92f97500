import { affectedForCaller } from "@/app/(dashboard)/_lib/dependency-scope";
import { AffectedReadersNotice } from "@/components/dependencies/affected-readers";
import { Suspense } from "react";
import { authorize } from "@/auth";
import { validateWorkspaceName } from "@/lib/domain/workspaces";
import { listVersionsCached } from "@/lib/domain/versions";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { resolveDiffPair, structuralDiff } from "@/lib/domain/diff";
import { ErrorState } from "@/components/ui/error-state";
import { Progress } from "@/components/ui/spinner";
import { DiffVersionsHeader } from "@/components/diff/diff-versions-header";
import { StructuralDiffSection } from "@/components/diff/structural-diff-section";
import { TextDiffPanel } from "@/components/diff/text-diff-panel";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";
import { workspacePageTitle } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/page-title";

export const generateMetadata = workspacePageTitle("Diff");

export default async function DiffPage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { backend, workspace } = await workspaceRoute(params);
  const { from, to } = await searchParams;
  const r = await toResult(async () => {
    await authorize(backend, "read");
    const ctx = await getBackendContext(backend);
    const ws = validateWorkspaceName(workspace);
    const { versions } = await listVersionsCached(ctx, ws);
    return { ctx, ws, pair: resolveDiffPair(versions, from, to) };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { ctx, ws, pair } = r.data;

  return (
    <div className="space-y-4" data-testid="diff-tab" data-from={pair.from.versionId} data-to={pair.to.versionId}>
      <DiffVersionsHeader backend={backend} workspace={ws} from={pair.from} to={pair.to} />
      <Suspense key={`readers:${pair.from.versionId}:${pair.to.versionId}`} fallback={null}>
        <AffectedReadersNotice affected={affectedForCaller(ctx, ws, pair.from.versionId, pair.to.versionId)} />
      </Suspense>
      <Suspense key={`${pair.from.versionId}:${pair.to.versionId}`} fallback={<Progress label="Reading and comparing both versions…" />}>
        <StructuralDiffSection diff={toResult(() => structuralDiff(ctx, ws, pair.from.versionId, pair.to.versionId))} />
      </Suspense>
      <TextDiffPanel key={`${pair.from.versionId}:${pair.to.versionId}`} backend={backend} workspace={ws} from={pair.from.versionId} to={pair.to.versionId} />
    </div>
  );
}
