import { ButtonLink } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { shortVersionId } from "@/components/versions/short-version-id";
import { restoreHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";

/** A deleted workspace (current version is a delete marker) and, for admins, the way back. */
export function DeletedWorkspaceBanner({
  backend,
  workspace,
  deletedAt,
  lastVersionId,
  canRestore,
}: {
  backend: string;
  workspace: string;
  deletedAt: string;
  lastVersionId: string | null;
  canRestore: boolean;
}) {
  return (
    <div role="alert" data-testid="deleted-banner" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950">
      <div>
        <p className="font-semibold">
          This workspace was deleted <RelativeTime iso={deletedAt} />.
        </p>
        <p className="mt-1">
          {lastVersionId
            ? `Its last state (version ${shortVersionId(lastVersionId)}) is still kept by bucket versioning and can be recovered as a new current version.`
            : "No earlier version of its state exists, so there is nothing to recover."}
          {lastVersionId && !canRestore && " An admin can recover it."}
        </p>
      </div>
      {lastVersionId && canRestore && (
        <ButtonLink variant="primary" href={restoreHref(backend, workspace, lastVersionId)} data-testid="recover-workspace-button">
          Recover
        </ButtonLink>
      )}
    </div>
  );
}
