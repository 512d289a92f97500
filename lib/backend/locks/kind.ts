/**
 * What a lock kind provides: its facts (lib/browser-safe/lock-kinds.ts: name, wording, when it is
 * configured) plus the I/O of the tools' protocol. The protocol itself (order, undo, conditional
 * release) is protocol.ts and the same for every kind.
 */
import type { AwsCallInfo } from "@/lib/aws/errors";
import type { BackendContext } from "@/lib/backend/context";
import type { LockRecord } from "@/lib/backend/types";
import type { S3BackendOptions } from "@/lib/config/types";
import type { LockKind, LockKindFacts } from "@/lib/browser-safe/lock-kinds";

export interface IamGrant {
  Sid: string;
  Action: string[];
  Resource: string | string[];
}

export interface AccessProbe {
  action: string;
  resource: string;
  what: string;
  call: () => Promise<string | void>;
}

export interface LockKindDescriptor<K extends LockKind = LockKind> extends LockKindFacts<K> {
  /** The lock on a state object, or null. Read whatever the options say where it can exist: a lock taken under an older configuration still blocks the tools. */
  read(ctx: BackendContext, stateObjectKey: string): Promise<LockRecord | null>;
  /** The locks of many state objects for the workspace listing; `listedLockObjects` are the `.tflock` objects the listing saw. */
  readMany(ctx: BackendContext, stateObjectKeys: readonly string[], listedLockObjects: ReadonlySet<string>): Promise<Map<string, LockRecord>>;
  /** What readMany reads, in a "lock status unknown" warning. */
  listingWhat: string;
  /** Creates the lock only if none exists (the SDK's condition failure when one does). */
  put(ctx: BackendContext, stateObjectKey: string, encodedInfo: string): Promise<void>;
  /** Deletes the lock only if it is still exactly `current` (the SDK's condition failure otherwise). */
  remove(ctx: BackendContext, stateObjectKey: string, current: LockRecord): Promise<void>;
  /** The call an AWS error of put ("put") or remove ("delete") is reported against. */
  callInfo(ctx: BackendContext, op: "put" | "delete", stateObjectKey: string): AwsCallInfo;
  /** The kind's statement of the least-privilege IAM policy, or null when the backend needs none. */
  iam(o: Pick<S3BackendOptions, "bucket" | "key" | "workspace_key_prefix" | "dynamodb_table" | "use_lockfile">, level: "read" | "admin", stateKeys: string[]): IamGrant | null;
  /** The access check's harmless reads for this kind. */
  accessProbes(ctx: BackendContext): AccessProbe[];
  /** The kind's name in audit events (`target.lockKind`). */
  auditName: K;
}
