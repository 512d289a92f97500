import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { listWorkspaces } from "@/lib/backend/workspaces";
import { createBucket, createLockTable, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { listWorkspacesCached, LISTING_TTL_MS, LOCK_TTL_MS } from "./listing-cache";

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
});
