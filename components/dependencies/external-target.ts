import type { ExternalSource } from "@/lib/domain/dependencies";

/** Where an external terraform_remote_state points, in words ("s3 bucket x, key y, workspace z"). */
export function externalTarget(x: ExternalSource): string {
  const t = x.target;
  const parts = [t.backendType || "(no backend)", t.bucket !== null ? `bucket ${t.bucket}` : null, t.key !== null ? `key ${t.key}` : null, t.workspace !== "default" ? `workspace ${t.workspace}` : null];
  return parts.filter(Boolean).join(", ");
}
