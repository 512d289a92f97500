import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { getBackendContext, getCatalog, listBackends } from "./backends";

describe("catalog", () => {
  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), "statehouse-catalog-"));
    const file = path.join(dir, "statehouse.config.json");
    writeFileSync(
      file,
      JSON.stringify({
        backends: [
          { name: "prod-network", options: { bucket: "acme-state", key: "network/terraform.tfstate", region: "us-east-1", dynamodb_table: "locks" } },
          { name: "prod-data", options: { bucket: "acme-state", key: "data/terraform.tfstate", region: "us-east-1", use_lockfile: true } },
        ],
      }),
    );
    process.env.STATEHOUSE_CONFIG = file;
  });

  it("lists the configured backends in config order, loading the file once", async () => {
    expect((await listBackends()).map((b) => b.name)).toEqual(["prod-network", "prod-data"]);
    expect(await getCatalog()).toBe(await getCatalog());
  });

  it("opens a backend by name", async () => {
    const ctx = await getBackendContext("prod-network");
    expect(ctx.def.options.bucket).toBe("acme-state");
    expect(ctx.ddb).not.toBeNull();
  });

  it("names the known backends for an unknown name, with a suggestion", async () => {
    const err = await getBackendContext("prod-netwrk").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).message).toContain('did you mean "prod-network"');
    expect((err as NotFoundError).message).toContain("prod-network, prod-data");
  });
});
