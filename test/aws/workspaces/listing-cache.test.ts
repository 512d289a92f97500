import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { listWorkspaces } from "@/lib/backend/workspaces";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { DELETED_TTL_MS, invalidateListing, listWorkspacesCached, LISTING_TTL_MS, LOCK_TTL_MS } from "@/lib/domain/workspaces/listing-cache";

const names = (l: { workspaces: { name: string }[] }) => l.workspaces.map((w) => w.name);
const lockedNames = (l: { workspaces: { name: string; locked: boolean }[] }) => l.workspaces.filter((w) => w.locked).map((w) => w.name);

describe("listWorkspacesCached", () => {
  let writer: ToolWriter;
  beforeAll(async () => {
    const bucket = uniqueName("lc");
    const table = uniqueName("lc-locks");
    await Promise.all([createBucket(bucket, { versioning: "Enabled" }), createLockTable(table)]);
    writer = new ToolWriter(openBackend(testDefinition(uniqueName("lc"), testOptions({ bucket, dynamodb_table: table }))));
    await writer.putState("default", { version: 4 });
    await writer.putState("a", { version: 4 });
  });
  afterEach(() => vi.useRealTimers());

  it("answers like listWorkspaces, shares one read between concurrent callers, then reuses it", async () => {
    const ctx = writer.ctx;
    const first = listWorkspacesCached(ctx);
    expect(listWorkspacesCached(ctx)).toBe(first);
    expect(await first).toEqual(await listWorkspaces(ctx));
    expect(await listWorkspacesCached(ctx)).toBe(await first);
  });

  it("re-reads locks after LOCK_TTL_MS, and the object listing only after LISTING_TTL_MS", async () => {
    const ctx = writer.ctx;
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    await listWorkspacesCached(ctx);
    const lock = await writer.lock("a");
    await writer.putState("b", { version: 4 });
    try {
      vi.setSystemTime(t0 + LOCK_TTL_MS + 1);
      const locksFresh = await listWorkspacesCached(ctx);
      expect(lockedNames(locksFresh)).toEqual(["a"]);
      expect(names(locksFresh)).toEqual(["default", "a"]);
      vi.setSystemTime(t0 + LISTING_TTL_MS + LOCK_TTL_MS + 2);
      expect(names(await listWorkspacesCached(ctx))).toEqual(["default", "a", "b"]);
    } finally {
      await writer.unlock("a", lock);
    }
  });

  it("lists versions again at once when a listed workspace disappears, else reuses the deleted ones for DELETED_TTL_MS", async () => {
    const ctx = writer.ctx;
    const { bucket } = ctx.def.options;
    vi.useFakeTimers({ toFake: ["Date"] });
    let now = Date.now() + 60 * DELETED_TTL_MS;
    const later = async (ms: number) => {
      now += ms;
      vi.setSystemTime(now);
      return listWorkspacesCached(ctx);
    };
    const ghost = async (name: string) => {
      await rawClients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: `env:/${name}/terraform.tfstate`, Body: "{}" }));
      await rawClients().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `env:/${name}/terraform.tfstate` }));
    };
    await writer.putState("c", { version: 4 });
    await later(0);
    await writer.deleteWorkspace("c");
    // Created and deleted between two listings, never seen live: only the version listing can tell.
    await ghost("ghost");
    const deletedOf = (l: { workspaces: { name: string; deleted: boolean }[] }) => l.workspaces.filter((w) => w.deleted).map((w) => w.name);
    expect(deletedOf(await later(LISTING_TTL_MS + 1))).toEqual(["c", "ghost"]);
    await writer.putState("c", { version: 4 });
    await writer.deleteWorkspace("b");
    await ghost("ghost2");
    await writer.putState("b", { version: 4 });
    // c is live again, b was deleted and re-created, ghost2 is not seen until the deleted keys expire.
    expect(deletedOf(await later(LISTING_TTL_MS + 1))).toEqual(["ghost"]);
    expect(deletedOf(await later(DELETED_TTL_MS + 1))).toEqual(["ghost", "ghost2"]);
  });

  it("reads the listing and the locks again after invalidateListing, even within their TTLs", async () => {
    const ctx = writer.ctx;
    vi.useFakeTimers({ toFake: ["Date"] });
    const lock = await writer.lock("a");
    invalidateListing(ctx);
    expect(lockedNames(await listWorkspacesCached(ctx))).toEqual(["a"]);
    await writer.unlock("a", lock);
    await writer.putState("fresh", { version: 4 });
    // Frozen clock: without the invalidation the cached answer would stand.
    expect(lockedNames(await listWorkspacesCached(ctx))).toEqual(["a"]);
    invalidateListing(ctx);
    const after = await listWorkspacesCached(ctx);
    expect(lockedNames(after)).toEqual([]);
    expect(names(after)).toContain("fresh");
  });
});
