/**
 * SSE-C. moto stores SSE-C objects but does not enforce the key (verified: GET/HEAD without or with
 * a wrong key succeed), so the fault proxy plays S3's part: requests for the object that do not
 * carry the right key MD5 get S3's answers (400 without a key, 403 with a wrong one).
 * That also proves every HEAD/GET of the state, old versions and the .tflock carries the key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { openBackend } from "@/lib/backend/context";
import { readStateObject } from "@/lib/backend/versions";
import { readLockStatus } from "@/lib/backend/locks/status";
import { md5Hex } from "@/lib/backend/digest";
import { createBucket, createLockTable, motoEndpoint, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter, type WriteResult } from "@/testkit/tool-writer";
import { buildState } from "@/testkit/states";
import { startFaultProxy, type FaultProxy } from "@/testkit/fault-proxy";
import type { S3BackendOptions } from "@/lib/config/types";

const KEY_A = Buffer.alloc(32, 7).toString("base64");
const KEY_B = Buffer.alloc(32, 9).toString("base64");
const keyMd5 = (k: string) => createHash("md5").update(Buffer.from(k, "base64")).digest("base64");

describe("SSE-C state objects", () => {
  let proxy: FaultProxy;
  let options: S3BackendOptions;
  let v1: WriteResult;
  let v2: WriteResult;

  beforeAll(async () => {
    const bucket = uniqueName("ssec");
    const table = uniqueName("ssec-locks");
    await createBucket(bucket, { versioning: "Enabled" });
    await createLockTable(table);
    options = testOptions({ bucket, encrypt: true, sse_customer_key: KEY_A, dynamodb_table: table, use_lockfile: true });
    const w = new ToolWriter(openBackend(testDefinition(bucket, options)), "terraform");
    v1 = await w.apply("default", buildState({ seed: 1, generation: 0 }));
    v2 = await w.apply("default", buildState({ seed: 1, generation: 1 }));
    await w.lock("default", { who: "ci@runner" }, { s3: true, dynamodb: false });

    proxy = await startFaultProxy(motoEndpoint());
    const objectPath = new RegExp(`^/${bucket}/terraform\\.tfstate(\\.tflock)?$`);
    const md5Header = "x-amz-server-side-encryption-customer-key-md5";
    proxy.add({ match: { path: objectPath, header: { name: md5Header, value: keyMd5(KEY_A) } }, fault: { kind: "delay", ms: 0 } });
    proxy.add({ match: { path: objectPath, header: { name: md5Header, value: /./ } }, fault: { kind: "status", status: 403, code: "AccessDenied" } });
    proxy.add({ match: { path: objectPath, method: "HEAD" }, fault: { kind: "status", status: 400 } });
    proxy.add({ match: { path: objectPath }, fault: { kind: "status", status: 400, code: "InvalidRequest" } });
    options = { ...options, endpoints: { ...options.endpoints, s3: proxy.endpoint } };
  });
  afterAll(() => proxy?.stop());

  it("reads current and old versions, and the .tflock, with the customer key", async () => {
    const ctx = openBackend(testDefinition("ssec-ok", options));
    const cur = await readStateObject(ctx, "default");
    expect(Buffer.from(cur.bytes).equals(Buffer.from(v2.bytes))).toBe(true);
    const old = await readStateObject(ctx, "default", v1.versionId);
    expect(Buffer.from(old.bytes).equals(Buffer.from(v1.bytes))).toBe(true);
    const status = await readLockStatus(ctx, "default");
    expect(status.locks.map((l) => [l.kind, l.info?.Who])).toEqual([["s3", "ci@runner"]]);
    expect(status.digest).toEqual({ status: "match", digest: md5Hex(v2.bytes) });
    expect(proxy.faulted("status")).toEqual([]);
  });

  it("says the key is missing when none is configured", async () => {
    const ctx = openBackend(testDefinition("ssec-none", { ...options, sse_customer_key: undefined }));
    await expect(readStateObject(ctx, "default")).rejects.toMatchObject({ code: "ENCRYPTION_KEY", hint: expect.stringContaining("sse_customer_key") });
  });

  it("says the key is wrong when another key is configured", async () => {
    const ctx = openBackend(testDefinition("ssec-wrong", { ...options, sse_customer_key: KEY_B }));
    await expect(readStateObject(ctx, "default")).rejects.toMatchObject({ code: "ENCRYPTION_KEY" });
  });
});

describe("sse_customer_key without encrypt = true", () => {
  // The tools send SSE-C headers only when encrypt is also true (their get/put check both), so such a
  // backend holds plain objects; S3 answers 400 to SSE-C headers on them, which the proxy plays here.
  let proxy: FaultProxy;
  let options: S3BackendOptions;
  let v1: WriteResult;
  let v2: WriteResult;

  beforeAll(async () => {
    const bucket = uniqueName("ssec-off");
    const table = uniqueName("ssec-off-locks");
    await createBucket(bucket, { versioning: "Enabled" });
    await createLockTable(table);
    options = testOptions({ bucket, sse_customer_key: KEY_A, dynamodb_table: table, use_lockfile: true });
    const w = new ToolWriter(openBackend(testDefinition(bucket, options)), "tofu");
    v1 = await w.apply("default", buildState({ seed: 2, generation: 0 }));
    v2 = await w.apply("default", buildState({ seed: 2, generation: 1 }));
    await w.lock("default", { who: "ci@runner" }, { s3: true, dynamodb: false });
    proxy = await startFaultProxy(motoEndpoint());
    proxy.add({
      match: { path: new RegExp(`^/${bucket}/`), header: { name: "x-amz-server-side-encryption-customer-key-md5", value: /./ } },
      fault: { kind: "status", status: 400, code: "InvalidRequest" },
    });
    options = { ...options, endpoints: { ...options.endpoints, s3: proxy.endpoint } };
  });
  afterAll(() => proxy?.stop());

  it("reads the plain objects the tools wrote, without SSE-C headers", async () => {
    const ctx = openBackend(testDefinition("ssec-off", options));
    expect(Buffer.from((await readStateObject(ctx, "default")).bytes).equals(Buffer.from(v2.bytes))).toBe(true);
    expect(Buffer.from((await readStateObject(ctx, "default", v1.versionId)).bytes).equals(Buffer.from(v1.bytes))).toBe(true);
    const status = await readLockStatus(ctx, "default");
    expect(status.locks.map((l) => [l.kind, l.info?.Who])).toEqual([["s3", "ci@runner"]]);
    expect(status.digest).toEqual({ status: "match", digest: md5Hex(v2.bytes) });
    expect(proxy.faulted("status")).toEqual([]);
  });
});
