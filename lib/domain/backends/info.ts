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

/** Why a bucket without (enabled) versioning is a risk, or null when versioning is on. */
export function versioningWarning(versioning: "Enabled" | "Suspended" | "Disabled"): string | null {
  if (versioning === "Disabled") return "Bucket versioning is off: prior versions are not kept, so recovery is impossible.";
  if (versioning === "Suspended") return "Bucket versioning is suspended: new writes replace the current version, so recovery is impossible.";
  return null;
}

/** Why a backend without any lock is a risk, or null when it has one. */
export function lockingWarning(o: Pick<S3BackendOptions, "dynamodb_table" | "use_lockfile">): string | null {
  return lockMode(o) === "none" ? "No lock table and no lockfile: concurrent runs can overwrite each other's state." : null;
}
