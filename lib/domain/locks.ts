import "server-only";
/**
 * The locks concept: who holds a workspace's locks (every kind), breaking an abandoned one,
 * the digest beside the DynamoDB lock and its repair, and `who` as the tools write it.
 */
export { lockHolder, readLockStatus } from "@/lib/backend/locks/status";
export { localWho } from "@/lib/backend/locks/protocol";
export { breakLock, breakOrphanLock, type BreakLockRequest, type BreakLockResult, type BreakOrphanLockRequest, type BrokenLockHolder } from "@/lib/backend/unlock";
export { repairDigest, type RepairDigestResult } from "@/lib/backend/repair-digest";
export type { DigestStatus, LockKind, LockRecord, LockStatus } from "@/lib/backend/types";
export { configuredLockKinds, LOCK_KIND_FACTS, LOCK_KIND_VALUES, lockKindFacts, lockModeLabel } from "@/lib/browser-safe/lock-kinds";
export { readDigest, readDigests, readDigestStatus } from "@/lib/backend/digest";
