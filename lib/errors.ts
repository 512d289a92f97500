/**
 * The whitelist of typed errors that may leave the backend core.
 *
 * Everything `lib/` throws on purpose is a `StatehouseError` subclass with a stable
 * `code`; server actions and the CLI turn these into user-facing messages.
 * Anything else is an internal error and is reported without details.
 */
import type { LockKind } from "@/lib/browser-safe/lock-kinds";
import { formatBytes } from "@/lib/browser-safe/format";

export type ErrorCode =
  | "CONFIG_INVALID"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "BUCKET_MISSING"
  | "ACCESS_DENIED"
  | "VERSIONING_OFF"
  | "ENCRYPTION_KEY"
  /** OpenTofu state encryption (lib/encryption): each failure of a decryption has its own code. */
  | "ENCRYPTION_NOT_CONFIGURED"
  | "DECRYPTION_FAILED"
  | "KMS_DENIED"
  | "ENCRYPTION_VERSION_UNKNOWN"
  | "ENCRYPTION_META_UNKNOWN"
  | "ENCRYPTION_MISMATCH"
  | "LOCKED"
  | "LOCK_CHANGED"
  | "PRECONDITION_FAILED"
  | "LINEAGE_MISMATCH"
  | "STATE_UNREADABLE"
  | "TOO_LARGE"
  | "THROTTLED"
  | "UPSTREAM"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INTERNAL";

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** What the user can do about it. */
  hint?: string;
  /** Structured, user-safe details (never secrets). */
  details?: Record<string, unknown>;
}

export class StatehouseError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }
  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message };
    if (this.hint) p.hint = this.hint;
    if (this.details) p.details = this.details;
    return p;
  }
}

/** A problem in the backend configuration. `option` names the offending option. */
export class ConfigError extends StatehouseError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[] | string, opts: { hint?: string } = {}) {
    const list = typeof problems === "string" ? [{ message: problems }] : problems;
    super("CONFIG_INVALID", list.map((p) => (p.option ? `${p.option}: ${p.message}` : p.message)).join("; "), {
      hint: opts.hint,
      details: { problems: list },
    });
    this.problems = list;
  }
}
export interface ConfigProblem {
  option?: string;
  message: string;
  /** file:line where known */
  source?: string;
}

export class InvalidInputError extends StatehouseError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("INVALID_INPUT", message, { details });
  }
}

export class NotFoundError extends StatehouseError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("NOT_FOUND", message, { details });
  }
}

export class BucketMissingError extends StatehouseError {
  constructor(bucket: string) {
    super("BUCKET_MISSING", `The bucket "${bucket}" does not exist (or is in another account/region).`, {
      hint: "Check the backend's bucket and region options.",
      details: { bucket },
    });
  }
}

export class AccessDeniedError extends StatehouseError {
  constructor(action: string, resource: string, cause?: unknown) {
    super("ACCESS_DENIED", `Access denied: ${action} on ${resource}.`, {
      hint: `Grant ${action} on ${resource} to the credentials Statehouse uses.`,
      details: { action, resource },
      cause,
    });
  }
}

export class VersioningOffError extends StatehouseError {
  constructor(bucket: string, status: "Disabled" | "Suspended") {
    super("VERSIONING_OFF", `Bucket versioning is ${status === "Disabled" ? "off" : "suspended"} on "${bucket}": prior versions cannot be listed or restored.`, {
      hint: "Enable versioning on the bucket (aws s3api put-bucket-versioning --versioning-configuration Status=Enabled).",
      details: { bucket, status },
    });
  }
}

export class EncryptionKeyError extends StatehouseError {
  constructor(message: string, hint: string, details?: Record<string, unknown>) {
    super("ENCRYPTION_KEY", message, { hint, details });
  }
}

export type StateEncryptionCode =
  | "ENCRYPTION_NOT_CONFIGURED"
  | "DECRYPTION_FAILED"
  | "KMS_DENIED"
  | "ENCRYPTION_VERSION_UNKNOWN"
  | "ENCRYPTION_META_UNKNOWN"
  | "ENCRYPTION_MISMATCH";

/** An OpenTofu-encrypted state that could not be decrypted (or encrypted). Messages never hold keys or passphrases. */
export class StateEncryptionError extends StatehouseError {
  declare readonly code: StateEncryptionCode;
  constructor(code: StateEncryptionCode, message: string, hint: string, details?: Record<string, unknown>) {
    super(code, message, { hint, details });
  }
}

export interface LockHolder {
  id: string;
  who: string;
  operation: string;
  created: string;
  kind: LockKind;
}

export class LockedError extends StatehouseError {
  constructor(holders: LockHolder[]) {
    const h = holders[0];
    super("LOCKED", h ? `The state is locked by ${h.who} (${h.operation}) since ${h.created}, lock ID ${h.id}.` : "The state is locked.", {
      hint: "Wait for the run to finish, or break the lock if it was abandoned.",
      details: { holders },
    });
  }
}

export class LockChangedError extends StatehouseError {
  constructor(expectedId: string, actualId: string | null, kind: LockKind) {
    super("LOCK_CHANGED", actualId ? `The ${kind} lock changed: expected ID ${expectedId}, now ${actualId}. Nothing was released.` : `The ${kind} lock ${expectedId} is no longer held. Nothing was released.`, {
      hint: "Reload the lock view and confirm again.",
      details: { expectedId, actualId, kind },
    });
  }
}

/**
 * An unlock named a lock ID that no held lock carries: the ID given is wrong (nothing changed).
 * INVALID_INPUT, since retrying with the held lock's ID is the user's call, never automatic.
 */
export class LockIdMismatchError extends StatehouseError {
  constructor(givenId: string, holders: LockHolder[]) {
    const h = holders[0];
    super(
      "INVALID_INPUT",
      h
        ? `Lock ID ${givenId} does not match the lock held: the ${h.kind} lock is held by ${h.who} (${h.operation}) since ${h.created}, lock ID ${h.id}. Nothing was released.`
        : `The state is not locked, so there is no lock ${givenId} to release. Nothing was released.`,
      { hint: h ? `If that run was abandoned, release its lock with its own ID ${h.id}.` : "There is nothing to unlock.", details: { givenId, holders } },
    );
  }
}

export class PreconditionFailedError extends StatehouseError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("PRECONDITION_FAILED", message, { hint: "Someone wrote the state meanwhile. Reload and try again.", details });
  }
}

export class LineageMismatchError extends StatehouseError {
  constructor(current: string, chosen: string) {
    super("LINEAGE_MISMATCH", `The chosen version has lineage ${chosen} but the current state has ${current}.`, {
      hint: "Confirm the lineage change explicitly if you really mean to replace this state with another one.",
      details: { current, chosen },
    });
  }
}

export class StateUnreadableError extends StatehouseError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("STATE_UNREADABLE", message, { details });
  }
}

export class TooLargeError extends StatehouseError {
  constructor(what: string, size: number, limit: number) {
    super("TOO_LARGE", `${what} is ${size} bytes (${formatBytes(size)}), over the maximum state size of ${limit} bytes (${formatBytes(limit)}): Statehouse does not read it.`, {
      hint: "Reading a state takes about 3× its size in memory. If the server has it, raise max_state_size for this backend in the Statehouse config (or STATEHOUSE_MAX_STATE_SIZE); the tools still read this state.",
      details: { size, limit },
    });
  }
}

export class ThrottledError extends StatehouseError {
  constructor(service: string, cause?: unknown) {
    super("THROTTLED", `${service} is throttling requests; retries were exhausted.`, { hint: "Try again in a moment.", cause });
  }
}

export class UpstreamError extends StatehouseError {
  constructor(message: string, cause?: unknown, details?: Record<string, unknown>) {
    super("UPSTREAM", message, { cause, details });
  }
}

export class UnauthenticatedError extends StatehouseError {
  constructor() {
    super("UNAUTHENTICATED", "You are not signed in.", { hint: "Sign in and try again." });
  }
}

export class ForbiddenError extends StatehouseError {
  constructor(needed: string, backend?: string) {
    super("FORBIDDEN", `This needs the ${needed} role${backend ? ` on backend "${backend}"` : ""}.`, { details: { needed, backend } });
  }
}

export function isStatehouseError(e: unknown): e is StatehouseError {
  return e instanceof StatehouseError;
}

/** Turns anything thrown into a user-safe payload; unknown errors lose their message. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isStatehouseError(e)) return e.toPayload();
  return { code: "INTERNAL", message: "An unexpected error occurred. It has been logged." };
}
