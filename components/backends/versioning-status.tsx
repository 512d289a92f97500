import { getVersioning, versioningWarning } from "@/lib/domain/backends";
import type { BackendDefinition } from "@/lib/config/types";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { Badge } from "@/components/ui/badge";
import { Warning } from "./warning";

/** Asks S3 (streamed, so a slow or unreachable bucket does not hold up the page). */
export async function VersioningStatus({ def }: { def: BackendDefinition }) {
  const r = await toResult(async () => getVersioning(await getBackendContext(def.name)));
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
