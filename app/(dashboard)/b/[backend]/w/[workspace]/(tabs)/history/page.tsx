import type { Metadata } from "next";
import Link from "next/link";
import { authorize } from "@/auth";
import { can } from "@/lib/auth/roles";
import { toResult } from "@/lib/result";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { InstanceHistory } from "@/components/history/instance-history";
import { VersioningBanner } from "@/components/versions/versioning-banner";
import { getBackendContext } from "@/lib/domain/backends";
import { bucketVersioning } from "@/lib/domain/versions";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";

export const metadata: Metadata = { title: "History" };

/** Longer than any address a state holds; the action refuses longer ones too. */
const MAX_ADDRESS = 4096;

export default async function HistoryPage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Promise<{ address?: string | string[] }> }) {
  const { backend, workspace } = await workspaceRoute(params);
  const sp = await searchParams;
  const address = typeof sp.address === "string" ? sp.address.trim().slice(0, MAX_ADDRESS) : "";
  const r = await toResult(async () => {
    const { role } = await authorize(backend, "read");
    const ctx = await getBackendContext(backend);
    // Without versioning there is no history to walk: say so rather than show "1 of 1 versions".
    const versioning = await bucketVersioning(ctx).catch(() => null);
    return { canRestore: can(role, "restore"), versioning, bucket: ctx.def.options.bucket };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const stateHref = workspaceHref(backend, workspace, "state");
  if (!address) {
    return (
      <EmptyState title="Which instance?">
        Open History from an instance on the <Link href={stateHref} className="text-sky-700 underline">State tab</Link> or from a search result.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4" data-testid="history-page" data-address={address}>
      {r.data.versioning && <VersioningBanner versioning={r.data.versioning} bucket={r.data.bucket} />}
      <div className="space-y-1">
        <h2 className="text-lg font-semibold text-slate-900">
          History of{" "}
          <Link href={`${stateHref}?q=${encodeURIComponent(address)}`} className="font-mono text-base text-sky-800 hover:underline" data-testid="history-address">
            {address}
          </Link>
        </h2>
        <p className="text-sm text-slate-600">
          Every version of this workspace&apos;s state in which the instance was added, changed, tainted or untainted, deposed or removed, newest first. Only the paths of changed
          attributes are listed; the diff shows the values (sensitive ones masked).
        </p>
      </div>
      <InstanceHistory backend={backend} workspace={workspace} address={address} canRestore={r.data.canRestore} />
    </div>
  );
}
