import "server-only";
/**
 * Repairing a stale digest item (DESIGN.md "DynamoDB lock table"): set it to the MD5 of the
 * current object, so that terraform/tofu accept the state again. Only what the admin looked at is
 * repaired: the object must still have the ETag they saw and the digest the value they saw
 * (conditional write), and nothing may hold a lock (a run in progress writes its own digest).
 */
import { DeleteItemCommand, PutItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { awsCall, dynamoArn } from "@/lib/aws/errors";
import { InvalidInputError, PreconditionFailedError } from "@/lib/errors";
import type { BackendContext } from "./context";
import { md5Hex } from "./digest";
import { digestIdFor, stateKey, validateWorkspaceName } from "./keys";
import { assertUnlocked, isConditionFailure } from "./locks/protocol";
import { readCurrentObject } from "./restore";

export interface RepairDigestRequest {
  workspace: string;
  /** The digest the admin saw; null when they saw none. */
  expectedDigest: string | null;
  /** The ETag of the current object the admin saw; null when they saw no object (the digest is then removed). */
  currentEtag: string | null;
}

export interface RepairDigestResult {
  /** The digest now stored; null when the item was removed because the state object does not exist. */
  digest: string | null;
  previous: string | null;
}

/** ETags are compared without the quotes S3 puts around them (listings and heads differ in callers). */
function bareEtag(etag: string | null): string | null {
  return etag === null ? null : etag.replace(/^"|"$/g, "");
}

export async function repairDigest(ctx: BackendContext, req: RepairDigestRequest): Promise<RepairDigestResult> {
  validateWorkspaceName(req.workspace);
  const { bucket, dynamodb_table: table } = ctx.def.options;
  const ddb = ctx.ddb;
  if (!ddb || !table) throw new InvalidInputError(`Backend "${ctx.def.name}" has no dynamodb_table, so there is no digest to repair.`);
  const key = stateKey(ctx.def.options, req.workspace);
  await assertUnlocked(ctx, key);

  const current = await readCurrentObject(ctx, key);
  if (bareEtag(current?.etag ?? null) !== bareEtag(req.currentEtag)) {
    throw new PreconditionFailedError(
      current ? `The state object changed (its ETag is now ${current.etag}); the digest was not touched.` : "The state object no longer exists; the digest was not touched.",
      { expectedEtag: req.currentEtag, actualEtag: current?.etag ?? null },
    );
  }

  const lockId = digestIdFor(bucket, key);
  const condition =
    req.expectedDigest === null
      ? { ConditionExpression: "attribute_not_exists(Digest)" }
      : { ConditionExpression: "Digest = :expected", ExpressionAttributeValues: { ":expected": { S: req.expectedDigest } } as Record<string, AttributeValue> };
  const digest = current ? md5Hex(current.bytes) : null;
  const call = { action: digest ? "dynamodb:PutItem" : "dynamodb:DeleteItem", resource: `${dynamoArn(table)} (LockID ${lockId})` };
  try {
    await awsCall(call, () =>
      digest
        ? ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: lockId }, Digest: { S: digest } }, ...condition }))
        : // A digest without a state object is a mismatch too; the tools remove it when they delete a workspace.
          ddb.send(new DeleteItemCommand({ TableName: table, Key: { LockID: { S: lockId } }, ...condition })),
    );
  } catch (err) {
    if (err instanceof PreconditionFailedError || isConditionFailure(err)) {
      throw new PreconditionFailedError(`The digest changed meanwhile (it is no longer ${req.expectedDigest ?? "absent"}); it was not touched.`, {
        expectedDigest: req.expectedDigest,
      });
    }
    throw err;
  }
  return { digest, previous: req.expectedDigest };
}
