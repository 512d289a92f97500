import { beforeAll, describe, expect, it } from "vitest";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { openBackend } from "@/lib/backend/context";
import { readDigest, readDigests } from "@/lib/backend/digest";
import { digestIdFor, lockIdFor } from "@/lib/backend/keys";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";

/** Digests of many workspaces at once (the CLI's `workspaces` digest warning): BatchGetItem, 100 keys a call. */
let options: S3BackendOptions;
const keys = Array.from({ length: 250 }, (_, i) => `env:/ws-${String(i).padStart(3, "0")}/app.tfstate`);
const hex = (i: number) => i.toString(16).padStart(32, "0");

beforeAll(async () => {
  const bucket = uniqueName("read-digests");
  const table = uniqueName("read-digests-locks");
  await createBucket(bucket, { versioning: "Enabled" });
  await createLockTable(table);
  options = testOptions({ bucket, dynamodb_table: table });
  const { ddb } = rawClients();
  // Every other key has a digest; a lock item (no Digest) sits beside one of them and must not count.
  for (let i = 0; i < keys.length; i += 2) {
    await ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: digestIdFor(bucket, keys[i]!) }, Digest: { S: hex(i) } } }));
  }
  await ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: lockIdFor(bucket, keys[1]!) }, Info: { S: "{}" } } }));
});

describe("readDigests", () => {
  it("answers for more keys than one BatchGetItem takes, exactly as one GetItem each would", async () => {
    const ctx = openBackend(testDefinition("read-digests", options));
    const digests = await readDigests(ctx, keys);
    expect(digests.size).toBe(125);
    for (let i = 0; i < keys.length; i++) expect(digests.get(keys[i]!), keys[i]).toBe(i % 2 === 0 ? hex(i) : undefined);
    for (const i of [0, 1, 124, 249]) expect((await readDigest(ctx, keys[i]!)) ?? undefined).toBe(digests.get(keys[i]!));
  });

  it("is empty without a lock table or keys", async () => {
    const ctx = openBackend(testDefinition("read-digests-none", { ...options, dynamodb_table: undefined }));
    expect((await readDigests(ctx, keys)).size).toBe(0);
    expect((await readDigests(openBackend(testDefinition("read-digests", options)), [])).size).toBe(0);
  });
});
