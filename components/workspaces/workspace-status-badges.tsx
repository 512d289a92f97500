import type { LockHolder } from "@/lib/errors";
import type { ActionResult } from "@/lib/result";
import type { ObjectPresence } from "@/lib/domain/workspaces";
import { Badge } from "@/components/ui/badge";
import { LockBadge } from "./lock-badge";

function Unavailable({ error }: { error: { message: string; hint?: string } }) {
  return (
    <Badge tone="red" title={error.hint}>
      status unavailable: {error.message}
    </Badge>
  );
}

/**
 * The header's live facts, read by the layout after it authorized: whether the state exists or
 * was deleted, and the locks (a promise, so the header streams while they are read).
 */
export async function WorkspaceStatusBadges({ presence, holders }: { presence: ActionResult<ObjectPresence>; holders: Promise<ActionResult<LockHolder[]>> }) {
  const lock = await holders;
  return (
    <span className="flex flex-wrap items-center gap-2">
      {lock.ok ? <LockBadge holders={lock.data} /> : <Unavailable error={lock.error} />}
      {!presence.ok && <Unavailable error={presence.error} />}
      {presence.ok && presence.data.state === "deleted" && (
        <Badge tone="red" data-testid="deleted-badge">
          deleted
        </Badge>
      )}
      {presence.ok && presence.data.state === "absent" && (
        <Badge tone="neutral" data-testid="no-state-badge">
          no state yet
        </Badge>
      )}
    </span>
  );
}
