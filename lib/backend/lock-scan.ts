import "server-only";
/**
 * Raw reads for the estate-wide lock view: every item of a lock table that belongs to one bucket
 * (a paginated DynamoDB Scan, filtered to `LockID` starting with `<bucket>/`). A Scan, not the
 * listing's BatchGetItem: BatchGetItem only answers for keys one already knows, so it can never find
 * the lock or digest item of a workspace that no listing shows any more (an orphan).
 */
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { awsCall, dynamoArn } from "@/lib/aws/errors";
import type { BackendContext } from "./context";

export interface TableLockItem {
  lockId: string;
  /** The state object key the item is for. */
  stateKey: string;
  /** The raw LockInfo JSON. */
  info: string;
}

export interface TableDigestItem {
  lockId: string;
  stateKey: string;
  digest: string;
}

export interface TableScan {
  locks: TableLockItem[];
  digests: TableDigestItem[];
  /** Scan pages read (each up to 1 MB). */
  pages: number;
}

const DIGEST_SUFFIX = "-md5";

/** Every lock and digest item of `ctx`'s bucket in its lock table; empty when no table is configured. */
export async function scanLockTable(ctx: BackendContext): Promise<TableScan> {
  const { bucket, dynamodb_table: table } = ctx.def.options;
  const out: TableScan = { locks: [], digests: [], pages: 0 };
  if (!ctx.ddb || !table) return out;
  const ddb = ctx.ddb;
  const prefix = `${bucket}/`;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await awsCall({ action: "dynamodb:Scan", resource: dynamoArn(table) }, () =>
      ddb.send(
        new ScanCommand({
          TableName: table,
          // Lock tables are small (one item per lock held, one per workspace digest) and strongly consistent reads make a fresh lock visible.
          ConsistentRead: true,
          FilterExpression: "begins_with(LockID, :prefix)",
          ExpressionAttributeValues: { ":prefix": { S: prefix } },
          ProjectionExpression: "LockID, Info, Digest",
          ExclusiveStartKey: start,
        }),
      ),
    );
    out.pages++;
    for (const item of page.Items ?? []) {
      const lockId = item.LockID?.S;
      if (lockId === undefined || !lockId.startsWith(prefix)) continue;
      const rest = lockId.slice(prefix.length);
      if (item.Info?.S !== undefined) out.locks.push({ lockId, stateKey: rest, info: item.Info.S });
      else if (item.Digest?.S !== undefined && rest.endsWith(DIGEST_SUFFIX)) out.digests.push({ lockId, stateKey: rest.slice(0, -DIGEST_SUFFIX.length), digest: item.Digest.S });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
