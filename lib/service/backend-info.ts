/**
 * What the dashboard and CLI say about a backend's configuration before touching AWS.
 */
import type { S3BackendOptions } from "@/lib/config/types";

export type LockMode = "dynamodb" | "lockfile" | "both" | "none";

export function lockMode(o: Pick<S3BackendOptions, "dynamodb_table" | "use_lockfile">): LockMode {
  const ddb = Boolean(o.dynamodb_table);
  const file = o.use_lockfile === true;
  return ddb && file ? "both" : ddb ? "dynamodb" : file ? "lockfile" : "none";
}

export function lockModeLabel(o: Pick<S3BackendOptions, "dynamodb_table" | "use_lockfile">): string {
  switch (lockMode(o)) {
    case "both":
      return `DynamoDB table ${o.dynamodb_table} + S3 lockfile`;
    case "dynamodb":
      return `DynamoDB table ${o.dynamodb_table}`;
    case "lockfile":
      return "S3 lockfile (.tflock)";
    case "none":
      return "none";
  }
}

/** Plain-words warnings about a backend's setup; versioning is known only after asking S3. */
export function backendWarnings(o: Pick<S3BackendOptions, "dynamodb_table" | "use_lockfile">, versioning?: "Enabled" | "Suspended" | "Disabled"): string[] {
  const w: string[] = [];
  if (versioning === "Disabled") w.push("Bucket versioning is off: prior versions are not kept, so recovery is impossible.");
  if (versioning === "Suspended") w.push("Bucket versioning is suspended: new writes replace the current version, so recovery is impossible.");
  if (lockMode(o) === "none") w.push("No lock table and no lockfile: concurrent runs can overwrite each other's state.");
  return w;
}
