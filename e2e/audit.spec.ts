import { expect, test, type APIRequestContext } from "@playwright/test";
import type { AuditEvent } from "@/lib/audit/event";
import { uniqueName } from "@/testkit/moto";
import { auditEventsFor } from "./support/audit-trail";
import { demoBackend, writeHistory } from "./support/estate";
import { actionRef, callAction, httpClient, pageUrl } from "./support/server-actions";
import { snap, storageStateFor } from "./support/helpers";

/**
 * Every write and reveal leaves exactly one audit event with the right fields (read from the
 * demo's audit bucket), and the admin finds them on /audit filtered by workspace.
 */

const net = demoBackend("prod-network");

/** Calls a write/reveal action as the given demo role, as the browser's action client would. */
async function act(client: APIRequestContext, file: string, name: string, args: Record<string, unknown>): Promise<unknown> {
  const { id, pages } = actionRef(file, name);
  const res = await callAction(client, pageUrl(pages[0]!, { backend: net.name, workspace: String(args.workspace) }), id, [args]);
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  return res.result;
}

test.describe("the audit trail", () => {
  let admin: APIRequestContext;
  let viewer: APIRequestContext;
  test.beforeAll(async () => {
    admin = await httpClient("admin");
    viewer = await httpClient("viewer");
  });
  test.afterAll(async () => {
    await admin.dispose();
    await viewer.dispose();
  });

  test.use({ storageState: storageStateFor("admin") });

  test("records each restore, unlock, digest repair, reveal and refusal once, and shows them filtered by workspace", async ({ page }) => {
    const ws = uniqueName("e2e-audit");
    const [v1, , v3] = await writeHistory(net, ws, 101, 3);
    const stale = await net.writer.corruptDigest(ws);
    const lock = await net.writer.lock(ws, { who: "crashed-ci@runner-8" });
    const base = { backend: net.name, workspace: ws };

    expect(await act(viewer, "app/actions/break-lock.ts", "breakLockAction", { ...base, lockId: lock.ID })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await act(admin, "app/actions/break-lock.ts", "breakLockAction", { ...base, lockId: lock.ID, kind: "dynamodb" })).toEqual({
      ok: true,
      data: { released: ["dynamodb"], holder: { who: "crashed-ci@runner-8", operation: lock.Operation, created: lock.Created } },
    });
    expect(await act(admin, "app/actions/repair-digest.ts", "repairDigestAction", { ...base, expectedDigest: stale, currentEtag: v3!.etag })).toMatchObject({ ok: true });
    const restored = (await act(admin, "app/actions/restore-version.ts", "restoreVersionAction", { ...base, versionId: v1!.versionId })) as { ok: true; data: { newVersionId: string } };
    expect(restored).toMatchObject({ ok: true });
    expect(await act(admin, "app/actions/reveal-sensitive.ts", "revealSensitiveAction", { ...base, output: "region" })).toMatchObject({ ok: true });

    const admins = { who: { id: "local:demo-admin", name: "Demo Admin" }, role: "admin" as const, backend: net.name, workspace: ws };
    const expected: Partial<AuditEvent>[] = [
      { who: { id: "local:demo-viewer", name: "Demo Viewer" }, role: "viewer", backend: net.name, workspace: ws, action: "unlock", target: { lockId: lock.ID }, result: "refused" },
      // Whose lock was broken, as its lock info said.
      { ...admins, action: "unlock", target: { lockId: lock.ID, lockKind: "dynamodb", lockWho: "crashed-ci@runner-8", lockOperation: lock.Operation, lockCreated: lock.Created }, result: "ok" },
      { ...admins, action: "repair-digest", target: {}, result: "ok" },
      { ...admins, action: "restore", target: { sourceVersionId: v1!.versionId, versionId: restored.data.newVersionId }, result: "ok" },
      { ...admins, action: "reveal", target: { output: "region" }, result: "ok" },
    ];
    const events = await auditEventsFor(ws);
    expect(events).toHaveLength(expected.length);
    for (const [i, e] of expected.entries()) expect(events[i]).toEqual(expect.objectContaining(e));
    expect(events[0]!.error?.code).toBe("FORBIDDEN");
    expect(events.slice(1).every((e) => e.error === undefined)).toBe(true);

    // The admin filters the trail by the workspace through the form: a shareable URL, newest first.
    await page.goto("/");
    await page.getByTestId("nav-audit").click();
    await expect(page.getByTestId("audit-page")).toBeVisible();
    await page.getByTestId("audit-filter-workspace").fill(ws);
    await page.getByTestId("audit-filter-apply").click();
    await expect(page).toHaveURL(new RegExp(`/audit\\?.*workspace=${ws}`));
    const rows = page.getByTestId("audit-event");
    await expect(rows).toHaveCount(expected.length);
    const shown = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute("data-event-id"), el.getAttribute("data-action"), el.getAttribute("data-result")]));
    expect(shown).toEqual([...events].reverse().map((e) => [e.id, e.action, e.result]));

    const refusal = page.locator(`[data-testid="audit-event"][data-event-id="${events[0]!.id}"]`);
    await expect(refusal.getByTestId("audit-who")).toContainText("local:demo-viewer");
    await expect(refusal.getByTestId("audit-role")).toHaveText("viewer");
    await expect(refusal.getByTestId("audit-error")).toHaveAttribute("data-error-code", "FORBIDDEN");
    const restore = page.locator(`[data-testid="audit-event"][data-event-id="${events[3]!.id}"]`);
    await expect(restore.getByTestId("audit-target-sourceVersionId")).toContainText(v1!.versionId);
    await expect(restore.getByTestId("audit-target-versionId")).toContainText(restored.data.newVersionId);
    await expect(restore.getByTestId("audit-backend")).toHaveText(net.name);
    await snap(page, "audit-filtered-by-workspace");

    // The same URL opened directly shows the same filtered trail.
    await page.goto(`/audit?workspace=${ws}&user=local:demo-viewer`);
    await expect(page.getByTestId("audit-event")).toHaveCount(1);
    await expect(page.getByTestId("audit-event")).toHaveAttribute("data-event-id", events[0]!.id);
    // Filters match substrings: part of the workspace name and of the user id find the same event.
    await page.goto(`/audit?workspace=${ws.slice(4)}&user=demo-VIEWER`);
    await expect(page.getByTestId("audit-event")).toHaveCount(1);
    await expect(page.getByTestId("audit-event")).toHaveAttribute("data-event-id", events[0]!.id);
  });

  test("pages through a long trail with the cursor, newest first, and reports a malformed filter", async ({ page }) => {
    const ws = uniqueName("e2e-audit-pages");
    await writeHistory(net, ws, 102, 1);
    // 51 refused attempts: one more than a page holds.
    for (let i = 0; i < 51; i++) {
      await act(viewer, "app/actions/break-lock.ts", "breakLockAction", { backend: net.name, workspace: ws, lockId: `attempt-${String(i).padStart(2, "0")}` });
    }
    const events = await auditEventsFor(ws);
    expect(events).toHaveLength(51);

    await page.goto(`/audit?workspace=${ws}`);
    const rows = page.getByTestId("audit-event");
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toHaveAttribute("data-event-id", events[50]!.id);
    await expect(page.getByTestId("audit-newest")).toHaveCount(0);
    await page.getByTestId("audit-older").click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-event-id", events[0]!.id);
    await expect(rows.first().getByTestId("audit-target-lockId")).toContainText("attempt-00");
    await expect(page.getByTestId("audit-older")).toHaveCount(0);
    await page.getByTestId("audit-newest").click();
    await expect(rows).toHaveCount(50);

    await page.goto("/audit?workspace=not%2Fa%2Fworkspace");
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "INVALID_INPUT");
    await expect(page.getByTestId("audit-filter-workspace")).toHaveValue("not/a/workspace");
  });
});

test.describe("the audit page as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("is refused, and the nav has no link to it", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("user-menu")).toBeVisible();
    await expect(page.getByTestId("nav-audit")).toHaveCount(0);
    await page.goto("/audit");
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "FORBIDDEN");
    await expect(page.getByTestId("audit-event")).toHaveCount(0);
    await expect(page.getByTestId("audit-filters")).toHaveCount(0);
  });
});
