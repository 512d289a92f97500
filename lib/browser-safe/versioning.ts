/** What the dashboard and CLI say about a bucket's versioning: pure wording, shared with the browser. */

/** Why a bucket without (enabled) versioning is a risk, or null when versioning is on. */
export function versioningWarning(versioning: "Enabled" | "Suspended" | "Disabled"): string | null {
  if (versioning === "Disabled") return "Bucket versioning is off: prior versions are not kept, so recovery is impossible.";
  if (versioning === "Suspended") return "Bucket versioning is suspended: new writes replace the current version, so recovery is impossible.";
  return null;
}
