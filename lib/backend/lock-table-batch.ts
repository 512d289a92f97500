import "server-only";
/**
 * Many items of the lock table by `LockID` at once: BatchGetItem, 100 keys a call, a few calls in flight,
 * unprocessed keys asked again with backoff. The lock listing (`Info`) and the digest check (`Digest`) both
 * read through it, so a 2,000-workspace backend costs 20 calls instead of 2,000 GetItems.
 */
import { BatchGetItemCommand, type AttributeValue, type KeysAndAttributes } from "@aws-sdk/client-dynamodb";
import { awsCall, dynamoArn } from "@/lib/aws/errors";
import { StatehouseError } from "@/lib/errors";
import { mapLimit } from "@/lib/util/map-limit";
import type { BackendContext } from "./context";

const BATCH_GET_MAX_KEYS = 100;
const BATCH_GET_PARALLEL = 4;
const UNPROCESSED_RETRIES = 8;

/** The items found, by LockID, with the `attributes` asked for (LockID always); absent items are not in the map. */
export async function batchGetLockTableItems(
  ctx: BackendContext,
  lockIds: readonly string[],
  attributes: readonly string[],
): Promise<Map<string, Record<string, AttributeValue>>> {
  const table = ctx.def.options.dynamodb_table;
  const found = new Map<string, Record<string, AttributeValue>>();
  if (!ctx.ddb || !table || lockIds.length === 0) return found;
  const ddb = ctx.ddb;
  const unique = [...new Set(lockIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_MAX_KEYS) chunks.push(unique.slice(i, i + BATCH_GET_MAX_KEYS));
  await mapLimit(chunks, BATCH_GET_PARALLEL, async (chunk) => {
    let request: KeysAndAttributes | undefined = {
      Keys: chunk.map((id) => ({ LockID: { S: id } })),
      ConsistentRead: true,
      ProjectionExpression: ["LockID", ...attributes.filter((a) => a !== "LockID")].join(", "),
    };
    for (let attempt = 0; request?.Keys?.length; attempt++) {
      if (attempt > UNPROCESSED_RETRIES) {
        throw new StatehouseError("THROTTLED", `DynamoDB left lock table reads unprocessed after ${UNPROCESSED_RETRIES} retries.`, { hint: "Try again in a moment." });
      }
      // Unprocessed keys mean throughput pressure: back off before asking again.
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random())));
      const req: KeysAndAttributes = request;
      const res = await awsCall({ action: "dynamodb:BatchGetItem", resource: dynamoArn(table) }, () => ddb.send(new BatchGetItemCommand({ RequestItems: { [table]: req } })));
      for (const item of res.Responses?.[table] ?? []) {
        const id = item.LockID?.S;
        if (id !== undefined) found.set(id, item);
      }
      request = res.UnprocessedKeys?.[table];
    }
  });
  return found;
}
