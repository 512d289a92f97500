import { beforeAll, describe, expect, it } from "vitest";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { createBucket, createLockTable, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { loadState } from "@/lib/domain/state";
import { cachedDetails, workspaceDetails } from "@/lib/domain/workspaces/details";
import { workspaceStatus } from "@/lib/domain/workspaces/status";

describe.skipIf(!process.env.MOTO_ENDPOINT)("workspace status and details (moto)", () => {
  let ctx: BackendContext;
  let writer: ToolWriter;
  beforeAll(async () => {
    const bucket = uniqueName("svc-ws");
    const table = uniqueName("svc-ws-locks");
    await createBucket(bucket, { versioning: "Enabled" });
    await createLockTable(table);
    const def = testDefinition("ws", testOptions({ bucket, key: "app/terraform.tfstate", dynamodb_table: table, use_lockfile: true }));
    ctx = openBackend(def);
    writer = new ToolWriter(ctx, "terraform");
    await writer.apply("prod", buildState({ seed: 1, serial: 5 }));
    await writer.apply("gone", buildState({ seed: 2 }));
    await writer.deleteWorkspace("gone");
    await writer.lock("prod", { who: "ci@runner-1", operation: "OperationTypeApply" });
  });

  it("tells present, deleted and absent states apart and reports the locks", async () => {
    const prod = await workspaceStatus(ctx, "prod");
    expect(prod.key).toBe("env:/prod/app/terraform.tfstate");
    expect(prod.presence.state).toBe("present");
    expect(prod.lock.locks.map((l) => l.kind).sort()).toEqual(["dynamodb", "s3"]);
    expect(prod.lock.locks[0]?.info?.Who).toBe("ci@runner-1");
    expect((await workspaceStatus(ctx, "gone")).presence.state).toBe("deleted");
    const none = await workspaceStatus(ctx, "never");
    expect(none.presence.state).toBe("absent");
    expect(none.lock.locks).toEqual([]);
  });

  it("reads details of the requested rows, caches them by ETag, and reports per-row errors", async () => {
    const listing = [
      { workspace: "prod", etag: null },
      { workspace: "gone", etag: null },
    ];
    const got = await workspaceDetails(ctx, listing);
    expect(got.prod).toMatchObject({ ok: true, details: { kind: "state", serial: 5n } });
    const prodDetails = got.prod!.ok ? got.prod!.details : null;
    expect(prodDetails?.resources).toBeGreaterThan(0);
    expect(got.gone).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const { etag } = await loadState(ctx, "prod");
    expect(cachedDetails(ctx, [{ workspace: "prod", etag }])).toEqual({ prod: prodDetails });
    expect(cachedDetails(ctx, [{ workspace: "prod", etag: '"other"' }])).toEqual({});
  });
});
