import { beforeAll, describe, expect, it } from "vitest";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { restoreVersion } from "@/lib/backend/restore";
import { readStateObject } from "@/lib/backend/versions";
import { createBucket, testDefinition, testOptions, uniqueName } from "@/testkit/moto";

// A HEAD 404 has no body: a missing bucket must still be told apart from a missing object.
describe("reading from a bucket that does not exist", () => {
  let missing: BackendContext;
  let empty: BackendContext;
  beforeAll(async () => {
    missing = openBackend(testDefinition("missing", testOptions({ bucket: uniqueName("never-created") })));
    const bucket = uniqueName("empty");
    await createBucket(bucket, { versioning: "Enabled" });
    empty = openBackend(testDefinition("empty", testOptions({ bucket })));
  });

  it("is BUCKET_MISSING naming the bucket, for the current state and a version", async () => {
    const { bucket } = missing.def.options;
    await expect(readStateObject(missing, "default")).rejects.toMatchObject({ code: "BUCKET_MISSING", details: { bucket } });
    await expect(readStateObject(missing, "prod", "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY")).rejects.toMatchObject({ code: "BUCKET_MISSING" });
  });

  it("stays NOT_FOUND for an existing bucket without the object", async () => {
    await expect(readStateObject(empty, "default")).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("Nothing found at") });
  });

  it("is what a restore reports too", async () => {
    await expect(restoreVersion(missing, { workspace: "default", versionId: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY", who: "t@h" })).rejects.toMatchObject({ code: "BUCKET_MISSING" });
  });
});
