/**
 * What each lock kind is called and when a backend uses it: the pure half of the lock-kind
 * descriptors (lib/backend/locks/<kind>.ts add reading, taking and releasing). Browser-safe:
 * the badge and lock forms render this wording in client components. No AWS, no server-only.
 */
import type { S3BackendOptions } from "@/lib/config/types";

type LockOptions = Pick<S3BackendOptions, "dynamodb_table" | "use_lockfile">;

export interface LockKindFacts<K extends string = string> {
  /** The kind's value everywhere: LockRecord.kind, the break-lock input, the audit event's lockKind, the CLI's KIND column. */
  kind: K;
  /** Whether the backend's options make the tools take this lock. */
  isConfigured(o: LockOptions): boolean;
  /** Lock tab card title: "DynamoDB lock item". */
  title: string;
  /** Before a holder in the badge's hover text: "DynamoDB". */
  badge: string;
  /** In a sentence about a holder: "DynamoDB lock". */
  short: string;
  /** The backend card's lock mode; `alone` when it is the only kind configured. */
  modeLabel(o: LockOptions, alone: boolean): string;
}

export const dynamodbLockFacts: LockKindFacts<"dynamodb"> = {
  kind: "dynamodb",
  isConfigured: (o) => Boolean(o.dynamodb_table),
  title: "DynamoDB lock item",
  badge: "DynamoDB",
  short: "DynamoDB lock",
  modeLabel: (o) => `DynamoDB table ${o.dynamodb_table}`,
};

export const s3LockfileFacts: LockKindFacts<"s3"> = {
  kind: "s3",
  isConfigured: (o) => o.use_lockfile === true,
  title: "S3 lock file (.tflock)",
  badge: "S3 .tflock",
  short: ".tflock",
  modeLabel: (_o, alone) => (alone ? "S3 lockfile (.tflock)" : "S3 lockfile"),
};

/** Every kind, in the tools' taking order: the `.tflock` object first, then the DynamoDB item. */
export const LOCK_KIND_FACTS = [s3LockfileFacts, dynamodbLockFacts] as const;

export type LockKind = (typeof LOCK_KIND_FACTS)[number]["kind"];

/** The kinds' values, for zod enums (break-lock input, audit events). */
export const LOCK_KIND_VALUES = LOCK_KIND_FACTS.map((k) => k.kind) as [LockKind, ...LockKind[]];

export function lockKindFacts(kind: LockKind): LockKindFacts<LockKind> {
  return LOCK_KIND_FACTS.find((k) => k.kind === kind)!;
}

/** The kinds the backend takes, in the tools' taking order. */
export function configuredLockKinds(o: LockOptions): LockKind[] {
  return LOCK_KIND_FACTS.filter((k) => k.isConfigured(o)).map((k) => k.kind);
}

/** "DynamoDB table locks + S3 lockfile": the configured kinds in releasing order (the reverse of taking), or "none". */
export function lockModeLabel(o: LockOptions): string {
  const kinds = LOCK_KIND_FACTS.filter((k) => k.isConfigured(o)).reverse();
  return kinds.length === 0 ? "none" : kinds.map((k) => k.modeLabel(o, kinds.length === 1)).join(" + ");
}

/** Why a backend without any lock is a risk, or null when it has one. */
export function lockingWarning(o: LockOptions): string | null {
  return configuredLockKinds(o).length === 0 ? "No lock table and no lockfile: concurrent runs can overwrite each other's state." : null;
}
