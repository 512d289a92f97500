import { LiveNotice } from "@/components/ui/live-notice";
import { shortVersionId } from "@/components/versions/short-version-id";

/**
 * Shown on the Versions tab after a restore redirected there; the new row itself carries the "restored from" mark.
 * Focused and announced: the form that acted is gone, and focus must not drop to <body>.
 */
export function RestoredNotice({ newVersionId }: { newVersionId: string }) {
  return (
    <LiveNotice testId="restored-notice">
      Restore complete: version <span className="font-mono">{shortVersionId(newVersionId)}</span> is now the current state (highlighted below).
    </LiveNotice>
  );
}
