import { authorize } from "@/auth";
import { can } from "@/lib/auth/roles";
import { validateWorkspaceName } from "@/lib/domain/workspaces";
import { readLockStatus } from "@/lib/domain/locks";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { loadState } from "@/lib/domain/state";
import { ErrorState } from "@/components/ui/error-state";
import { DigestPanel } from "@/components/lock/digest-panel";
import { LockCard } from "@/components/lock/lock-card";
import { LiveNotice } from "@/components/ui/live-notice";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";
import { workspacePageTitle } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/page-title";

export const generateMetadata = workspacePageTitle("Lock");

export default async function LockPage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Promise<{ released?: string; repaired?: string }> }) {
  const { backend, workspace } = await workspaceRoute(params);
  const { released, repaired } = await searchParams;
  const r = await toResult(async () => {
    const { role } = await authorize(backend, "read");
    const ctx = await getBackendContext(backend);
    const ws = validateWorkspaceName(workspace);
    const status = await readLockStatus(ctx, ws);
    const canRepair = can(role, "repairDigest");
    // The repair's precondition is the current object's ETag; read it only when a repair is possible.
    const repairable = canRepair && (status.digest.status === "mismatch" || status.digest.status === "malformed");
    const currentEtag = repairable ? await loadState(ctx, ws).then((s) => s.etag, () => null) : null;
    return { status, canUnlock: can(role, "unlock"), canRepair, currentEtag };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { status, canUnlock, canRepair, currentEtag } = r.data;

  return (
    <div className="space-y-4" data-testid="lock-tab">
      {(released === "dynamodb" || released === "s3") && (
        <LiveNotice key={released} testId="lock-released-notice">
          Lock released: the {released === "dynamodb" ? "DynamoDB lock item" : ".tflock object"} was removed. terraform and tofu can take the lock again.
        </LiveNotice>
      )}
      {repaired === "1" && <LiveNotice testId="digest-repaired-notice">Digest repaired: the lock table now holds the MD5 of the current state object.</LiveNotice>}
      {status.locks.length === 0 ? (
        <div data-testid="unlocked" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
          <p className="font-semibold">Not locked</p>
          <p className="mt-1">No DynamoDB lock item and no .tflock object: terraform and tofu can take the lock.</p>
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {status.locks.length === 1 ? "One lock is" : `${status.locks.length} locks are`} held on this state. Runs of terraform and tofu wait or fail until {status.locks.length === 1 ? "it is" : "they are"} released.
            {!canUnlock && " An operator can break an abandoned lock."}
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            {status.locks.map((lock) => (
              <LockCard key={lock.kind} lock={lock} backend={backend} workspace={workspace} canUnlock={canUnlock} />
            ))}
          </div>
        </>
      )}
      <DigestPanel digest={status.digest} backend={backend} workspace={workspace} canRepair={canRepair} currentEtag={currentEtag} />
    </div>
  );
}
