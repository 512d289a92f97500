import "server-only";
/** The DynamoDB lock item `LockID = <bucket>/<key>` with `Info` = the LockInfo JSON (DESIGN.md "DynamoDB lock table"). */
import { DeleteItemCommand, DescribeTableCommand, GetItemCommand, PutItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { awsCall, dynamoArn } from "@/lib/aws/errors";
import type { BackendContext } from "@/lib/backend/context";
import { lockIdFor } from "@/lib/backend/keys";
import type { LockRecord } from "@/lib/backend/types";
import { dynamodbLockFacts } from "@/lib/browser-safe/lock-kinds";
import { InvalidInputError } from "@/lib/errors";
import { batchGetLockTableItems } from "@/lib/backend/lock-table-batch";
import type { LockKindDescriptor } from "./kind";
import { parsedLockInfo } from "./record";

export function dynamoLockRecord(table: string, lockId: string, raw: string): LockRecord {
  return { kind: "dynamodb", location: `${table}: LockID=${lockId}`, raw, ...parsedLockInfo(raw) };
}

function lockTable(ctx: BackendContext): { ddb: DynamoDBClient; table: string } {
  const table = ctx.def.options.dynamodb_table;
  if (!ctx.ddb || !table) throw new InvalidInputError(`Backend "${ctx.def.name}" has no dynamodb_table: there is no DynamoDB lock.`);
  return { ddb: ctx.ddb, table };
}

/** DynamoDB lock items for many state keys (BatchGetItem through the lock table's batch reader). */
async function readDynamoLocks(ctx: BackendContext, objectKeys: readonly string[]): Promise<Map<string, LockRecord>> {
  const { bucket, dynamodb_table: table } = ctx.def.options;
  const found = new Map<string, LockRecord>();
  if (!ctx.ddb || !table) return found;
  const keyByLockId = new Map(objectKeys.map((k) => [lockIdFor(bucket, k), k]));
  const items = await batchGetLockTableItems(ctx, [...keyByLockId.keys()], ["Info"]);
  for (const [id, item] of items) {
    const key = keyByLockId.get(id);
    if (key !== undefined) found.set(key, dynamoLockRecord(table, id, item.Info?.S ?? ""));
  }
  return found;
}

export const dynamodbLock: LockKindDescriptor<"dynamodb"> = {
  ...dynamodbLockFacts,
  auditName: "dynamodb",
  listingWhat: "DynamoDB locks",

  /** Null without a table: an item cannot exist where there is nothing to read. */
  async read(ctx, stateObjectKey) {
    const { bucket, dynamodb_table: table } = ctx.def.options;
    if (!ctx.ddb || !table) return null;
    const ddb = ctx.ddb;
    const lockId = lockIdFor(bucket, stateObjectKey);
    const res = await awsCall({ action: "dynamodb:GetItem", resource: dynamoArn(table) }, () =>
      ddb.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: lockId } }, ConsistentRead: true })),
    );
    if (!res.Item) return null;
    return dynamoLockRecord(table, lockId, res.Item.Info?.S ?? "");
  },

  readMany: (ctx, stateObjectKeys) => readDynamoLocks(ctx, stateObjectKeys),

  async put(ctx, stateObjectKey, encodedInfo) {
    const { ddb, table } = lockTable(ctx);
    await ddb.send(
      new PutItemCommand({
        TableName: table,
        Item: { LockID: { S: lockIdFor(ctx.def.options.bucket, stateObjectKey) }, Info: { S: encodedInfo } },
        ConditionExpression: "attribute_not_exists(LockID)",
      }),
    );
  },

  async remove(ctx, stateObjectKey, current) {
    const { ddb, table } = lockTable(ctx);
    await ddb.send(
      new DeleteItemCommand({
        TableName: table,
        Key: { LockID: { S: lockIdFor(ctx.def.options.bucket, stateObjectKey) } },
        ConditionExpression: "Info = :info",
        ExpressionAttributeValues: { ":info": { S: current.raw } },
      }),
    );
  },

  callInfo(ctx, op, stateObjectKey) {
    const { bucket, dynamodb_table } = ctx.def.options;
    return { action: `dynamodb:${op === "put" ? "PutItem" : "DeleteItem"}`, resource: `${dynamoArn(dynamodb_table ?? "")} (LockID ${lockIdFor(bucket, stateObjectKey)})` };
  },

  iam(o, level) {
    if (!o.dynamodb_table) return null;
    return {
      Sid: level === "admin" ? "ReadAndWriteLockTable" : "ReadLockTable",
      Action:
        level === "admin"
          ? ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
          : ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:BatchGetItem"],
      Resource: dynamoArn(o.dynamodb_table),
    };
  },

  accessProbes(ctx) {
    const o = ctx.def.options;
    const table = o.dynamodb_table;
    if (!table || !ctx.ddb) return [];
    const ddb = ctx.ddb;
    return [
      {
        action: "dynamodb:DescribeTable",
        resource: dynamoArn(table),
        what: "DescribeTable",
        call: async () => {
          await ddb.send(new DescribeTableCommand({ TableName: table }));
        },
      },
      {
        action: "dynamodb:GetItem",
        resource: dynamoArn(table),
        what: "GetItem of the default workspace's lock",
        call: async () => {
          const r = await ddb.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: lockIdFor(o.bucket, o.key) } }, ConsistentRead: true }));
          return r.Item ? "the default workspace is locked" : undefined;
        },
      },
    ];
  },
};
