import "server-only";
/**
 * Who holds a workspace's lock, in both places the tools lock: the DynamoDB item
 * `LockID = <bucket>/<key>` and the S3 object `<key>.tflock`. Both are read whatever the current
 * options say, because a lock taken under an older configuration still blocks the tools.
 */
import type { LockHolder } from "@/lib/errors";
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { readDigestStatus } from "@/lib/backend/digest";
import type { LockRecord, LockStatus } from "@/lib/backend/types";
import { LOCK_KINDS } from "./kinds";

export { dynamoLockRecord } from "./dynamodb";
export { s3LockRecord } from "./s3-lockfile";

/** The holder as shown in lists and LockedError; an unparseable lock still counts as held. */
export function lockHolder(record: LockRecord): LockHolder {
  const i = record.info;
  return {
    kind: record.kind,
    id: i?.ID ?? "",
    who: i?.Who || "(unreadable lock info)",
    operation: i?.Operation ?? "",
    created: i?.Created ?? record.lastModified ?? "",
  };
}

export async function readLockStatus(ctx: BackendContext, workspace: string): Promise<LockStatus> {
  const key = stateKey(ctx.def.options, workspace);
  const [locks, digest] = await Promise.all([Promise.all(LOCK_KINDS.map((k) => k.read(ctx, key))), readDigestStatus(ctx, key)]);
  return { locks: locks.filter((l): l is LockRecord => l !== null), digest };
}
