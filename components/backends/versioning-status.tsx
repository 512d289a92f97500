import type { VersioningState } from "@/lib/domain/versions";
import type { ActionResult } from "@/lib/result";
import { versioningWarning } from "@/lib/browser-safe/versioning";
import { Badge } from "@/components/ui/badge";
import { Warning } from "./warning";

/** S3's answer, asked by the page for a backend the caller may read (streamed, so a slow or unreachable bucket does not hold up the page). */
export async function VersioningStatus({ versioning }: { versioning: Promise<ActionResult<VersioningState>> }) {
  const r = await versioning;
  if (!r.ok) {
    return (
      <span data-testid="versioning" data-versioning="unknown" className="text-red-800">
        unknown: {r.error.message}
      </span>
    );
  }
  const warning = versioningWarning(r.data);
  return (
    <div className="space-y-2">
      <Badge tone={r.data === "Enabled" ? "green" : "red"} data-testid="versioning" data-versioning={r.data}>
        {r.data === "Enabled" ? "enabled" : r.data === "Suspended" ? "suspended" : "off"}
      </Badge>
      {warning && <Warning>{warning}</Warning>}
    </div>
  );
}
