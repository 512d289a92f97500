import { PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { NotFoundError } from "@/lib/errors";
import { createBucket, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { loadState } from "@/lib/domain/state";

const endpoint = process.env.MOTO_ENDPOINT;

function stateJson(serial: number): string {
  return JSON.stringify({ version: 4, terraform_version: "1.9.0", serial, lineage: "lin-1", outputs: { n: { value: serial, type: "number" } }, resources: [], check_results: null }) + "\n";
}

async function open(prefix: string, versioned: boolean): Promise<BackendContext> {
  const bucket = uniqueName(prefix);
  await createBucket(bucket, versioned ? { versioning: "Enabled" } : {});
  return openBackend(testDefinition(bucket, testOptions({ bucket, key: "app/terraform.tfstate" })));
}

async function put(ctx: BackendContext, key: string, body: string): Promise<string> {
  const r = await ctx.s3.send(new PutObjectCommand({ Bucket: ctx.def.options.bucket, Key: key, Body: body, ContentType: "application/json" }));
  return r.VersionId ?? "null";
}

describe.skipIf(!endpoint)("loadState (moto)", () => {
  let versioned: BackendContext;
  let plain: BackendContext;
  beforeAll(async () => {
    versioned = await open("svc-state-v", true);
    plain = await open("svc-state-p", false);
  });

  it("parses the current state, reuses the cached parse while it is unchanged, and revalidates after a write", async () => {
    const v1 = await put(versioned, "env:/prod/app/terraform.tfstate", stateJson(1));
    const a = await loadState(versioned, "prod");
    expect(a.result.kind).toBe("state");
    expect(a.result.kind === "state" && a.result.state.serial).toBe(1n);
    expect(a.versionId).toBe(v1);
    expect(await loadState(versioned, "prod")).toBe(a);

    await put(versioned, "env:/prod/app/terraform.tfstate", stateJson(2));
    const b = await loadState(versioned, "prod");
    expect(b.result.kind === "state" && b.result.state.serial).toBe(2n);

    // A prior version by ID is the very parse made when it was current.
    expect(await loadState(versioned, "prod", v1)).toBe(a);
  });

  it("reads a prior version by ID", async () => {
    const v1 = await put(versioned, "app/terraform.tfstate", stateJson(7));
    await put(versioned, "app/terraform.tfstate", stateJson(8));
    const old = await loadState(versioned, "default", v1);
    expect(old.result.kind === "state" && old.result.state.serial).toBe(7n);
    const cur = await loadState(versioned, "default");
    expect(cur.result.kind === "state" && cur.result.state.serial).toBe(8n);
  });

  it("revalidates by ETag in a bucket without versioning", async () => {
    await put(plain, "env:/dev/app/terraform.tfstate", stateJson(3));
    const a = await loadState(plain, "dev");
    expect(a.result.kind === "state" && a.result.state.serial).toBe(3n);
    expect(await loadState(plain, "dev")).toBe(a);
    await put(plain, "env:/dev/app/terraform.tfstate", stateJson(4));
    const b = await loadState(plain, "dev");
    expect(b.result.kind === "state" && b.result.state.serial).toBe(4n);
  });

  it("gives a typed result for content that is not state, and NotFoundError for a missing workspace", async () => {
    await put(versioned, "env:/junk/app/terraform.tfstate", "this is not json");
    expect((await loadState(versioned, "junk")).result.kind).toBe("corrupt");
    await put(versioned, "env:/empty/app/terraform.tfstate", "");
    expect((await loadState(versioned, "empty")).result.kind).toBe("empty");
    await expect(loadState(versioned, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});
