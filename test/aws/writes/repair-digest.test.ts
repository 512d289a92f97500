import { beforeAll, describe, expect, it } from "vitest";
import { LockedError, PreconditionFailedError } from "@/lib/errors";
import { readLockStatus } from "@/lib/backend/locks/status";
import { readStateObject } from "@/lib/backend/versions";
import { repairDigest } from "@/lib/backend/repair-digest";
import { md5, newBackend, rawCurrent, rawDigest, stateOf, type TestBackend } from "./setup";

describe("repairDigest", () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await newBackend("dynamodb");
  });

  it("sets the digest to the MD5 of the current object, after which it matches", async () => {
    await b.writer.apply("w", stateOf(1, 1));
    const stale = await b.writer.corruptDigest("w");
    expect((await readLockStatus(b.ctx, "w")).digest.status).toBe("mismatch");
    const { etag, bytes } = await readStateObject(b.ctx, "w");

    expect(await repairDigest(b.ctx, { workspace: "w", expectedDigest: stale, currentEtag: etag })).toEqual({ digest: md5(bytes), previous: stale });
    expect(await rawDigest(b, "w")).toBe(md5(bytes));
    expect((await readLockStatus(b.ctx, "w")).digest.status).toBe("match");
  });

  it("refuses when the object changed since the admin looked (ETag), touching nothing", async () => {
    await b.writer.apply("x", stateOf(2, 1));
    const seen = await readStateObject(b.ctx, "x");
    await b.writer.apply("x", stateOf(2, 2));
    const stale = await b.writer.corruptDigest("x");
    await expect(repairDigest(b.ctx, { workspace: "x", expectedDigest: stale, currentEtag: seen.etag })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await rawDigest(b, "x")).toBe(stale);
  });

  it("refuses when the digest changed since the admin looked", async () => {
    await b.writer.apply("y", stateOf(3, 1));
    const seen = await b.writer.corruptDigest("y");
    const now = await b.writer.corruptDigest("y");
    const { etag } = await readStateObject(b.ctx, "y");
    await expect(repairDigest(b.ctx, { workspace: "y", expectedDigest: seen, currentEtag: etag })).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(repairDigest(b.ctx, { workspace: "y", expectedDigest: null, currentEtag: etag })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await rawDigest(b, "y")).toBe(now);
  });

  it("refuses while the workspace is locked (a run writes its own digest)", async () => {
    await b.writer.apply("z", stateOf(4, 1));
    const stale = await b.writer.corruptDigest("z");
    const run = await b.writer.lock("z", { who: "ci@runner" });
    const { etag } = await readStateObject(b.ctx, "z");
    await expect(repairDigest(b.ctx, { workspace: "z", expectedDigest: stale, currentEtag: etag })).rejects.toBeInstanceOf(LockedError);
    expect(await rawDigest(b, "z")).toBe(stale);
    await b.writer.unlock("z", run);
  });

  it("removes a digest left for a state object that no longer exists", async () => {
    await b.writer.apply("gone", stateOf(5, 1));
    await b.writer.deleteWorkspace("gone");
    const stale = await b.writer.corruptDigest("gone");
    expect(await rawCurrent(b, "gone")).toBeNull();
    expect(await repairDigest(b.ctx, { workspace: "gone", expectedDigest: stale, currentEtag: null })).toEqual({ digest: null, previous: stale });
    expect(await rawDigest(b, "gone")).toBeNull();
  });

  it("says there is nothing to repair on a backend without a lock table", async () => {
    const plain = await newBackend("s3");
    await expect(repairDigest(plain.ctx, { workspace: "default", expectedDigest: null, currentEtag: null })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
