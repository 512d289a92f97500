import { describe, expect, it } from "vitest";
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { readLockStatus } from "@/lib/backend/locks/status";
import { encodeLockInfo } from "@/lib/gocompat/lockinfo";
import { md5Hex } from "@/lib/backend/digest";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { buildState } from "@/testkit/states";
import type { S3BackendOptions } from "@/lib/config/types";

async function backend(partial: Partial<S3BackendOptions> = {}): Promise<{ ctx: BackendContext; table: string }> {
  const bucket = uniqueName("lk");
  const table = uniqueName("lk-table");
  await createBucket(bucket, { versioning: "Enabled" });
  await createLockTable(table);
  return { ctx: openBackend(testDefinition(bucket, testOptions({ bucket, dynamodb_table: table, ...partial }))), table };
}

describe("readLockStatus", () => {
  it("reports both lock kinds at once, with the tools' exact LockInfo bytes", async () => {
    const { ctx, table } = await backend({ use_lockfile: true });
    const w = new ToolWriter(ctx, "tofu");
    await w.apply("prod", buildState({ seed: 5 }));
    const created = new Date(Date.now() - 3 * 24 * 3600_000);
    const info = await w.lock("prod", { who: "ci@runner-9", operation: "OperationTypeApply", now: created });
    const status = await readLockStatus(ctx, "prod");
    expect(status.locks.map((l) => l.kind)).toEqual(["s3", "dynamodb"]);
    for (const l of status.locks) {
      expect(l.info).toEqual(info);
      expect(l.raw).toBe(encodeLockInfo(info));
      expect(l.info?.Path).toBe(`${ctx.def.options.bucket}/env:/prod/terraform.tfstate`);
    }
    expect(status.locks[0]).toMatchObject({ location: `s3://${ctx.def.options.bucket}/env:/prod/terraform.tfstate.tflock`, etag: expect.any(String) });
    expect(status.locks[1]!.location).toBe(`${table}: LockID=${ctx.def.options.bucket}/env:/prod/terraform.tfstate`);
    // The .tflock body is what the tools write: the encoded LockInfo itself.
    const body = await rawClients().s3.send(new GetObjectCommand({ Bucket: ctx.def.options.bucket, Key: "env:/prod/terraform.tfstate.tflock" }));
    expect(await body.Body!.transformToString()).toBe(encodeLockInfo(info));
    expect(body.ContentType).toBe("application/json");
    expect(status.digest).toMatchObject({ status: "match" });
  });

  it("apply releases both locks and leaves a matching digest", async () => {
    const { ctx } = await backend({ use_lockfile: true });
    const res = await new ToolWriter(ctx, "terraform").apply("default", buildState({ seed: 6 }));
    const status = await readLockStatus(ctx, "default");
    expect(status.locks).toEqual([]);
    expect(status.digest).toEqual({ status: "match", digest: md5Hex(res.bytes) });
  });

  it("reads a lockfile even when use_lockfile is off, and records unparseable locks", async () => {
    const { ctx, table } = await backend();
    await rawClients().s3.send(new PutObjectCommand({ Bucket: ctx.def.options.bucket, Key: "terraform.tfstate.tflock", Body: "{broken" }));
    await rawClients().ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: `${ctx.def.options.bucket}/terraform.tfstate` }, Info: { S: "[]" } } }));
    const status = await readLockStatus(ctx, "default");
    expect(status.locks).toHaveLength(2);
    for (const l of status.locks) {
      expect(l.info).toBeNull();
      expect(l.parseError).toEqual(expect.any(String));
    }
    expect(status.locks.map((l) => l.raw)).toEqual(["{broken", "[]"]);
  });

  it("explains a digest that matches another version", async () => {
    const { ctx } = await backend();
    const w = new ToolWriter(ctx, "terraform");
    const res = await w.apply("staging", buildState({ seed: 7 }));
    const bad = await w.corruptDigest("staging");
    const status = await readLockStatus(ctx, "staging");
    expect(status.digest).toMatchObject({ status: "mismatch", digest: bad, actual: md5Hex(res.bytes) });
    if (status.digest.status !== "mismatch") throw new Error("unreachable");
    expect(status.digest.explanation).toContain(bad);
    expect(status.digest.explanation).toContain(md5Hex(res.bytes));
    expect(status.digest.explanation).toContain("repair");
  });

  it("computes the MD5 by reading when the ETag is not a plain MD5 (multipart upload)", async () => {
    const { ctx, table } = await backend();
    const { s3, ddb } = rawClients();
    const { bucket, key } = ctx.def.options;
    const body = new TextEncoder().encode(JSON.stringify(buildState({ seed: 8 })) + "\n");
    const mp = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const part = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: mp.UploadId, PartNumber: 1, Body: body }));
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: mp.UploadId, MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] } }));
    expect(done.ETag).toMatch(/-1"?$/);
    await ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: `${bucket}/${key}-md5` }, Digest: { S: md5Hex(body) } } }));
    expect((await readLockStatus(ctx, "default")).digest).toEqual({ status: "match", digest: md5Hex(body) });
  });

  it("treats a digest with no state object as a mismatch", async () => {
    const { ctx } = await backend();
    await new ToolWriter(ctx, "terraform").apply("gone", buildState({ seed: 9 }));
    await rawClients().s3.send(new DeleteObjectCommand({ Bucket: ctx.def.options.bucket, Key: "env:/gone/terraform.tfstate" }));
    const status = await readLockStatus(ctx, "gone");
    expect(status.digest).toMatchObject({ status: "mismatch", actual: null });
  });

  it("reports absent, malformed and no-table digests", async () => {
    const { ctx, table } = await backend();
    expect((await readLockStatus(ctx, "default")).digest).toEqual({ status: "absent" });
    await rawClients().ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: `${ctx.def.options.bucket}/terraform.tfstate-md5` }, Digest: { S: "zz" } } }));
    expect((await readLockStatus(ctx, "default")).digest).toEqual({ status: "malformed", digest: "zz" });
    const noTable = openBackend(testDefinition("nt", testOptions({ bucket: ctx.def.options.bucket })));
    expect(await readLockStatus(noTable, "default")).toEqual({ locks: [], digest: { status: "no-table" } });
  });

  it("deleteWorkspace removes the state and digest, never the .tflock", async () => {
    const { ctx, table } = await backend({ use_lockfile: true });
    const w = new ToolWriter(ctx, "tofu");
    await w.apply("tmp", buildState({ seed: 10 }));
    await w.lock("tmp", {}, { s3: true, dynamodb: false });
    await w.deleteWorkspace("tmp");
    const digest = await rawClients().ddb.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: `${ctx.def.options.bucket}/env:/tmp/terraform.tfstate-md5` } }, ConsistentRead: true }));
    expect(digest.Item).toBeUndefined();
    const status = await readLockStatus(ctx, "tmp");
    expect(status.locks.map((l) => l.kind)).toEqual(["s3"]);
    expect(status.digest).toEqual({ status: "absent" });
  });

  it("refuses a second lock like the tools (conditional writes)", async () => {
    const { ctx } = await backend({ use_lockfile: true });
    const w = new ToolWriter(ctx, "terraform");
    await w.lock("default");
    await expect(w.lock("default")).rejects.toMatchObject({ name: "PreconditionFailed" });
    await expect(w.lock("default", {}, { s3: false, dynamodb: true })).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });
  });
});
