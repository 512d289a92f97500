import { PutObjectCommand } from "@aws-sdk/client-s3";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { DEFAULT_MAX_STATE_BYTES, maxStateBytes } from "@/lib/backend/versions";
import { loadStatehouseConfig } from "@/lib/config/statehouse-config";
import { loadState } from "@/lib/domain/state";
import { createBucket, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { toolStateBytes } from "@/testkit/tool-writer";

const endpoint = process.env.MOTO_ENDPOINT;

describe.skipIf(!endpoint)("the maximum state size", () => {
  it("is 512 MiB unless configured", () => {
    expect(DEFAULT_MAX_STATE_BYTES).toBe(512 * 1024 * 1024);
    expect(maxStateBytes(openBackend(testDefinition("x", testOptions({ bucket: "x" }))))).toBe(DEFAULT_MAX_STATE_BYTES);
  });

  it("refuses a state over the backend's max_state_size with a clear error, and reads one under it", async () => {
    const bucket = uniqueName("maxsize");
    await createBucket(bucket, { versioning: "Enabled" });
    // The config file's max_state_size becomes the backend's maxStateBytes.
    const dir = await mkdtemp(path.join(tmpdir(), "statehouse-maxsize-"));
    const file = path.join(dir, "statehouse.config.json");
    await writeFile(file, JSON.stringify({ backends: [{ name: "small", options: { bucket, key: "terraform.tfstate" }, max_state_size: "2KiB" }] }));
    expect((await loadStatehouseConfig(file)).backends[0]!.maxStateBytes).toBe(2048);

    const options = testOptions({ bucket });
    const small = openBackend({ ...testDefinition("small", options), maxStateBytes: 2048 });
    const roomy = openBackend(testDefinition("roomy", options));
    const bytes = toolStateBytes("terraform", buildState({ seed: 3 }));
    expect(bytes.length).toBeGreaterThan(2048);
    await small.s3.send(new PutObjectCommand({ Bucket: bucket, Key: options.key, Body: bytes }));

    const refused = await loadState(small, "default").then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "TOO_LARGE", details: { size: bytes.length, limit: 2048 } });
    const message = (refused as Error).message;
    expect(message).toContain(`s3://${bucket}/${options.key}`);
    expect(message).toContain("over the maximum state size of 2048 bytes (2.0 KiB)");
    expect((refused as { hint?: string }).hint).toContain("max_state_size");

    const read = await loadState(roomy, "default");
    expect(read.result.kind).toBe("state");
  });

  it("names the option when the configured size is not a size", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "statehouse-maxsize-"));
    const file = path.join(dir, "statehouse.config.json");
    await writeFile(file, JSON.stringify({ backends: [{ name: "bad", options: { bucket: "b", key: "k" }, max_state_size: "lots" }] }));
    await expect(loadStatehouseConfig(file)).rejects.toMatchObject({ code: "CONFIG_INVALID" });
  });
});
