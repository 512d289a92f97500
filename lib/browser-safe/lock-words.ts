// How a lock reads to a person: the operation in words and its age with a severity. Pure and
// browser-safe (badge, Lock tab and CLI share it); it must never import next, react or the AWS SDK.

/** "OperationTypeApply" → "apply", "OperationTypeInvalid" → "unknown"; other writers' free text is kept as is. */
export function operationWords(op: string): string {
  // Go's OperationTypeApply / OperationTypeStateMv, or the plain names some commands write (state-mv, init).
  const bare = op.trim().startsWith("OperationType") ? op.trim().slice("OperationType".length) : op.trim();
  if (bare === "" || bare === "Invalid") return "unknown";
  return bare.replace(/[-_]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

export type LockSeverity = "fresh" | "old" | "stale";

/**
 * Age bands: a plan or apply normally holds its lock for minutes, so under an hour is a run in
 * progress, under a day is worth a look, and older is almost surely a crashed run.
 * A lock with an unreadable or future Created time is treated as stale: nothing proves it is alive.
 */
export function lockSeverity(createdIso: string, now: Date = new Date()): LockSeverity {
  const t = Date.parse(createdIso);
  if (Number.isNaN(t)) return "stale";
  const age = now.getTime() - t;
  if (age < 0) return "stale";
  if (age < 3600_000) return "fresh";
  if (age < 24 * 3600_000) return "old";
  return "stale";
}

export const SEVERITY_TONES: Record<LockSeverity, "amber" | "red" | "neutral"> = { fresh: "neutral", old: "amber", stale: "red" };
export const SEVERITY_WORDS: Record<LockSeverity, string> = { fresh: "running", old: "held for hours", stale: "likely abandoned" };
