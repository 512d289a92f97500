/**
 * The History and Changes pages' server actions on moto: input checks, the caller's view role per
 * backend (a backend the caller may not view gives nothing: neither rows nor its name), and the
 * whitelisted shapes. Only the session lookup (`@/auth`, which needs a Next request) is replaced:
 * the role decision itself is lib/auth's `can`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role, SessionUser } from "@/lib/auth/types";
import { getBackendContext } from "@/lib/domain/backends";
import { restoreVersion } from "@/lib/domain/versions";
import { createBucket, testOptions, uniqueName } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter, type WriteResult } from "@/testkit/tool-writer";
import { listChangesAction } from "@/app/actions/list-changes";
import { readInstanceHistoryAction, type InstanceHistoryBatch } from "@/app/actions/read-instance-history";

/** The signed-in user's role per backend; a backend absent from `roles` is not viewable. */
const session: { current: { user: SessionUser; roles: Record<string, Role> } | null } = { current: null };

vi.mock("@/auth", () =>
  import("@/testkit/fake-auth").then((m) =>
    m.fakeAuth((backend) => {
      const s = session.current;
      return s && { user: s.user, role: (backend && s.roles[backend]) || null };
    }),
  ),
);

const signIn = (roles: Record<string, Role>) => {
  session.current = { user: { id: "local:dana", name: "dana", email: "dana@example.com", groups: [], provider: "local" }, roles };
};

const SEEN = "hist-seen";
const HIDDEN = "hist-hidden";
const ADDRESS = "module.app.aws_instance.web[0]";
let seen: WriteResult[];
let restored: { newVersionId: string; restoredFrom: string };

beforeAll(async () => {
  const [bs, bh] = [uniqueName("hs"), uniqueName("hh")];
  await Promise.all([createBucket(bs, { versioning: "Enabled" }), createBucket(bh, { versioning: "Enabled" })]);
  const dir = mkdtempSync(path.join(tmpdir(), "statehouse-history-actions-"));
  const file = path.join(dir, "statehouse.config.json");
  writeFileSync(file, JSON.stringify({ backends: [{ name: SEEN, options: testOptions({ bucket: bs }) }, { name: HIDDEN, options: testOptions({ bucket: bh }) }] }));
  process.env.STATEHOUSE_CONFIG = file;
  const ws = new ToolWriter(await getBackendContext(SEEN));
  const wh = new ToolWriter(await getBackendContext(HIDDEN));
  seen = [];
  for (let g = 0; g < 3; g++) seen.push(await ws.apply("prod", buildState({ seed: 5, serial: g + 1, generation: g, lineage: lineageFor(5) })));
  for (let g = 0; g < 2; g++) await wh.apply("prod", buildState({ seed: 6, serial: g + 1, generation: g, lineage: lineageFor(6) }));
  // A restore as Statehouse writes it: the Changes page marks it.
  const r = await restoreVersion(await getBackendContext(SEEN), { workspace: "prod", versionId: seen[0]!.versionId, who: "admin@example.com via Statehouse" });
  restored = { newVersionId: r.newVersionId, restoredFrom: r.restoredFrom };
}, 120_000);

afterEach(() => {
  session.current = null;
});

async function wholeHistory(backend: string): Promise<InstanceHistoryBatch["entries"]> {
  const entries: InstanceHistoryBatch["entries"] = [];
  let cursor: InstanceHistoryBatch["cursor"] = null;
  do {
    const r = await readInstanceHistoryAction({ backend, workspace: "prod", address: ADDRESS, cursor });
    if (!r.ok) throw new Error(r.error.message);
    entries.push(...r.data.entries);
    cursor = r.data.cursor;
  } while (cursor);
  return entries;
}

describe("listChangesAction", () => {
  it("lists only the backends the caller may view, newest first, with the restore marked", async () => {
    signIn({ [SEEN]: "viewer" });
    const r = await listChangesAction({ since: "1h" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.backends).toEqual([SEEN]);
    const rows = r.data.changes.filter((c) => c.workspace === "prod");
    expect(new Set(r.data.changes.map((c) => c.backend))).toEqual(new Set([SEEN]));
    expect(rows.map((c) => c.versionId)).toEqual([restored.newVersionId, ...seen.map((w) => w.versionId).reverse()]);
    expect(rows.map((c) => c.serial)).toEqual([4n, 3n, 2n, 1n]);
    expect(rows[0]).toMatchObject({ restoredFrom: seen[0]!.versionId, restoredBy: "admin@example.com via Statehouse", previousVersionId: seen[2]!.versionId, lineageChanged: false });
    expect(rows.at(-1)).toMatchObject({ previousVersionId: null, removed: 0 });
    expect(rows.at(-1)!.added).toBeGreaterThan(0);
    // Whitelisted: exactly these fields reach the browser.
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ["added", "backend", "changed", "deleted", "lastModified", "lineageChanged", "previousVersionId", "removed", "restoredBy", "restoredFrom", "serial", "unreadable", "versionId", "workspace"].sort(),
    );
  });

  it("gives nothing of a backend the caller may not view, even when asked for it by name", async () => {
    signIn({ [SEEN]: "viewer" });
    const r = await listChangesAction({ since: "1h", backend: HIDDEN });
    expect(r).toEqual({ ok: true, data: expect.objectContaining({ backends: [SEEN], changes: [], total: 0 }) });
    signIn({ [SEEN]: "viewer", [HIDDEN]: "viewer" });
    const both = await listChangesAction({ since: "1h", backend: HIDDEN, workspace: "prod" });
    expect(both.ok && both.data.changes.map((c) => [c.backend, c.serial])).toEqual([
      [HIDDEN, 2n],
      [HIDDEN, 1n],
    ]);
  });

  it("refuses a visitor and a bad time", async () => {
    const anon = await listChangesAction({ since: "1h" });
    expect(anon.ok || anon.error.code).toBe("UNAUTHENTICATED");
    signIn({ [SEEN]: "viewer" });
    const bad = await listChangesAction({ since: "yesterday-ish" });
    expect(bad.ok || bad.error.code).toBe("INVALID_INPUT");
    const badName = await listChangesAction({ since: "1h", workspace: "../etc" });
    expect(badName.ok || badName.error.code).toBe("INVALID_INPUT");
  });
});

describe("readInstanceHistoryAction", () => {
  it("reads the history of a backend the caller may view, in batches, paths only", async () => {
    signIn({ [SEEN]: "viewer" });
    const entries = await wholeHistory(SEEN);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.versionId)).toEqual(expect.arrayContaining([seen[0]!.versionId]));
    expect(entries.at(-1)).toMatchObject({ versionId: seen[0]!.versionId, change: "added", previousVersionId: null, isLatest: false, isDeleteMarker: false });
    expect(Object.keys(entries[0]!).sort()).toEqual(["change", "isDeleteMarker", "isLatest", "lastModified", "paths", "previousVersionId", "serial", "size", "versionId"].sort());
  });

  it("refuses a backend the caller may not view (FORBIDDEN) and a visitor (UNAUTHENTICATED)", async () => {
    signIn({ [SEEN]: "admin" });
    const r = await readInstanceHistoryAction({ backend: HIDDEN, workspace: "prod", address: ADDRESS, cursor: null });
    expect(r.ok || r.error.code).toBe("FORBIDDEN");
    session.current = null;
    const anon = await readInstanceHistoryAction({ backend: SEEN, workspace: "prod", address: ADDRESS, cursor: null });
    expect(anon.ok || anon.error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a malformed cursor before reading anything", async () => {
    signIn({ [SEEN]: "viewer" });
    const r = await readInstanceHistoryAction({ backend: SEEN, workspace: "prod", address: ADDRESS, cursor: { after: "v 1", pending: null, read: -1, total: 3, unreadable: 0 } });
    expect(r.ok || r.error.code).toBe("INVALID_INPUT");
  });
});
