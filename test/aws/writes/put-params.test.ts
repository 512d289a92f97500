/**
 * Every object a write puts (the restored state and the .tflock) carries what the tools send:
 * Content-Type application/json, the SHA-256 checksum (unless skip_s3_checksum), the
 * server-side encryption and the canned ACL. The fault proxy refuses any PUT that lacks one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreVersion } from "@/lib/backend/restore";
import { motoEndpoint } from "@/testkit/moto";
import { startFaultProxy, type FaultProxy } from "@/testkit/fault-proxy";
import { newBackend, rawCurrent, stateOf } from "./setup";

let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(motoEndpoint());
});
afterAll(() => proxy.stop());

function refuseWithout(bucket: string, header: string, value: RegExp): void {
  proxy.add({ match: { method: "PUT", path: new RegExp(`^/${bucket}/`), header: { name: header, value } }, fault: { kind: "status", status: 400, code: "InvalidRequest" } });
}

describe("put parameters of the write path", () => {
  it("restore and its .tflock: content type, SHA-256 checksum, AES256, ACL", async () => {
    const b = await newBackend("both", { endpoint: proxy.endpoint, extra: { encrypt: true, acl: "bucket-owner-full-control" } });
    const v1 = await b.writer.apply("p", stateOf(12, 1));
    await b.writer.apply("p", stateOf(12, 2));
    refuseWithout(b.bucket, "content-type", /^(?!application\/json)/);
    refuseWithout(b.bucket, "x-amz-checksum-sha256", /^$/);
    refuseWithout(b.bucket, "x-amz-server-side-encryption", /^(?!AES256$)/);
    refuseWithout(b.bucket, "x-amz-acl", /^(?!bucket-owner-full-control$)/);
    const r = await restoreVersion(b.ctx, { workspace: "p", versionId: v1.versionId, who: "a@b" });
    expect(proxy.faulted("status")).toEqual([]);
    expect((await rawCurrent(b, "p"))!.versionId).toBe(r.newVersionId);
    proxy.clear();
  });

  it("no checksum header with skip_s3_checksum", async () => {
    const b = await newBackend("s3", { endpoint: proxy.endpoint, extra: { skip_s3_checksum: true } });
    const v1 = await b.writer.apply("q", stateOf(13, 1));
    await b.writer.apply("q", stateOf(13, 2));
    refuseWithout(b.bucket, "x-amz-checksum-sha256", /./);
    await restoreVersion(b.ctx, { workspace: "q", versionId: v1.versionId, who: "a@b" });
    expect(proxy.faulted("status")).toEqual([]);
    proxy.clear();
  });
});
