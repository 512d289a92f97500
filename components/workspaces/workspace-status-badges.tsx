import { lockHolder } from "@/lib/domain/locks";
import { workspaceStatus } from "@/lib/domain/workspaces";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { Badge } from "@/components/ui/badge";
import { LockBadge } from "./lock-badge";

/** The header's live facts (streamed: they cost a listing call and lock reads). */
export async function WorkspaceStatusBadges({ backend, workspace }: { backend: string; workspace: string }) {
  const r = await toResult(async () => workspaceStatus(await getBackendContext(backend), workspace));
  if (!r.ok) {
    return (
      <Badge tone="red" title={r.error.hint}>
        status unavailable: {r.error.message}
      </Badge>
    );
  }
  const { presence, lock } = r.data;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <LockBadge holders={lock.locks.map(lockHolder)} />
      {presence.state === "deleted" && (
        <Badge tone="red" data-testid="deleted-badge">
          deleted
        </Badge>
      )}
      {presence.state === "absent" && (
        <Badge tone="neutral" data-testid="no-state-badge">
          no state yet
        </Badge>
      )}
    </span>
  );
}
