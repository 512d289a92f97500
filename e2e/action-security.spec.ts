import { expect, test, type APIRequestContext } from "@playwright/test";
import type { Role } from "@/lib/auth/types";
import { SENSITIVE_MARKER } from "@/lib/state/mask";
import { uniqueName } from "@/testkit/moto";
import { auditEventsFor } from "./support/audit-trail";
import { apiKeyOf, currentState, demoBackend, locksHeld, secretsOf, versionCount, writeHistory } from "./support/estate";
import { actionRef, callAction, httpClient, pageUrl, type ActionResponse } from "./support/server-actions";

/**
 * Server actions called over raw HTTP, the way someone would who skips the UI: without a
 * session, and with a role too low for the action. Each call must be refused by the action's
 * own authorization and leave S3 and DynamoDB as they were.
 */

// prod-network: versioned, DynamoDB locks and digests.
const net = demoBackend("prod-network");

const clients = new Map<Role | null, APIRequestContext>();
test.beforeAll(async () => {
  for (const role of [null, "viewer", "operator", "admin"] as const) clients.set(role, await httpClient(role));
});
test.afterAll(async () => {
  for (const c of clients.values()) await c.dispose();
});

/** Calls an action on a page that holds it (as the browser would), for the given caller. */
function call(role: Role | null, file: string, name: string, args: Record<string, unknown>, workspace = "default"): Promise<ActionResponse> {
  const { id, pages } = actionRef(file, name);
  return callAction(clients.get(role)!, pageUrl(pages[0]!, { backend: net.name, workspace }), id, [args]);
}

function expectRefused(res: ActionResponse, code: "FORBIDDEN") {
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  expect(res.result).toMatchObject({ ok: false, error: { code } });
}

/**
 * Without a session the proxy redirects to the sign-in page before any action code runs (the
 * pages it leaves alone, /signin and /api/auth, hold no action: a call posted there is not run).
 */
function expectRedirectedToSignIn(res: ActionResponse) {
  expect([303, 307, 308]).toContain(res.status);
  expect(res.location).toMatch(/\/signin\?callbackUrl=/);
}

test("restore-version: refused without a session and for viewer and operator; no version is written", async () => {
  const ws = uniqueName("e2e-sec-restore");
  const [v1] = await writeHistory(net, ws, 81, 2);
  const before = await currentState(net, ws);
  const args = { backend: net.name, workspace: ws, versionId: v1!.versionId };
  const file = "app/actions/restore-version.ts";

  expectRedirectedToSignIn(await call(null, file, "restoreVersionAction", args, ws));
  expectRefused(await call("viewer", file, "restoreVersionAction", args, ws), "FORBIDDEN");
  expectRefused(await call("operator", file, "restoreVersionAction", args, ws), "FORBIDDEN");

  expect(await versionCount(net, ws)).toBe(2);
  expect(await currentState(net, ws)).toEqual(before);
  expect(await locksHeld(net, ws)).toEqual({ dynamodb: false, s3: false });
  // Each attempt that reached the action (all but the redirected one) is on record as refused.
  const events = await auditEventsFor(ws);
  expect(events.map((e) => [e.action, e.result, e.error?.code])).toEqual([
    ["restore", "refused", "FORBIDDEN"],
    ["restore", "refused", "FORBIDDEN"],
  ]);
});

test("break-lock: refused without a session and for a viewer; the lock stays", async () => {
  const ws = uniqueName("e2e-sec-unlock");
  await writeHistory(net, ws, 82, 1);
  const lock = await net.writer.lock(ws, { who: "crashed-ci@runner-2" });
  const args = { backend: net.name, workspace: ws, lockId: lock.ID };
  const file = "app/actions/break-lock.ts";

  expectRedirectedToSignIn(await call(null, file, "breakLockAction", args, ws));
  expectRefused(await call("viewer", file, "breakLockAction", args, ws), "FORBIDDEN");

  expect(await locksHeld(net, ws)).toEqual({ dynamodb: true, s3: false });
  expect((await auditEventsFor(ws)).map((e) => [e.action, e.result, e.error?.code])).toEqual([["unlock", "refused", "FORBIDDEN"]]);
  await net.writer.unlock(ws, lock);
});

test("repair-digest: refused without a session and for viewer and operator; the digest is unchanged", async () => {
  const ws = uniqueName("e2e-sec-digest");
  const [written] = await writeHistory(net, ws, 83, 1);
  const stale = await net.writer.corruptDigest(ws);
  const args = { backend: net.name, workspace: ws, expectedDigest: stale, currentEtag: written!.etag };
  const file = "app/actions/repair-digest.ts";

  expectRedirectedToSignIn(await call(null, file, "repairDigestAction", args, ws));
  expectRefused(await call("viewer", file, "repairDigestAction", args, ws), "FORBIDDEN");
  expectRefused(await call("operator", file, "repairDigestAction", args, ws), "FORBIDDEN");

  expect((await currentState(net, ws)).digest).toBe(stale);
  expect(await versionCount(net, ws)).toBe(1);
  expect((await auditEventsFor(ws)).map((e) => [e.action, e.result, e.role])).toEqual([
    ["repair-digest", "refused", "viewer"],
    ["repair-digest", "refused", "operator"],
  ]);
});

test("reveal-sensitive: refused without a session and for viewer and operator; the value is in no response", async () => {
  const ws = uniqueName("e2e-sec-reveal");
  const [written] = await writeHistory(net, ws, 84, 1);
  const apiKeyOutput = apiKeyOf(written!.bytes);
  const args = { backend: net.name, workspace: ws, output: "api_key" };
  const file = "app/actions/reveal-sensitive.ts";

  const responses = [
    await call(null, file, "revealSensitiveAction", args, ws),
    await call("viewer", file, "revealSensitiveAction", args, ws),
    await call("operator", file, "revealSensitiveAction", args, ws),
  ];
  expectRedirectedToSignIn(responses[0]!);
  expectRefused(responses[1]!, "FORBIDDEN");
  expectRefused(responses[2]!, "FORBIDDEN");
  for (const r of responses) expect(r.body).not.toContain(apiKeyOutput);

  // The same raw call by an admin is answered: the refusals above are the authorization's doing.
  const admin = await call("admin", file, "revealSensitiveAction", args, ws);
  expect(admin.result).toEqual({ ok: true, data: { value: apiKeyOutput } });
});

test("list-audit: the trail is refused without a session and for viewer and operator", async () => {
  const ws = uniqueName("e2e-sec-audit");
  await writeHistory(net, ws, 85, 1);
  // Leave one event for this workspace, so a leak would show its name.
  await call("viewer", "app/actions/break-lock.ts", "breakLockAction", { backend: net.name, workspace: ws, lockId: "no-such-lock" }, ws);
  const file = "app/actions/list-audit.ts";
  const args = { workspace: ws };
  const { id, pages } = actionRef(file, "listAuditAction");
  const auditPage = pageUrl(pages[0]!, {});

  expectRedirectedToSignIn(await callAction(clients.get(null)!, auditPage, id, [args]));
  const refused = [await callAction(clients.get("viewer")!, auditPage, id, [args]), await callAction(clients.get("operator")!, auditPage, id, [args])];
  for (const r of refused) expectRefused(r, "FORBIDDEN");
  for (const r of refused) expect(r.body).not.toContain(ws);

  const admin = await callAction(clients.get("admin")!, auditPage, id, [args]);
  expect(admin.result).toMatchObject({ ok: true, data: { events: [{ workspace: ws, action: "unlock", result: "refused" }] } });
});

test("read actions answer a viewer with sensitive values masked", async () => {
  const ws = uniqueName("e2e-sec-read");
  const [v1, v2] = await writeHistory(net, ws, 86, 2);
  const secrets = [...secretsOf(v1!.bytes), ...secretsOf(v2!.bytes)];
  expect(secrets.length).toBeGreaterThan(3);

  const instance = await call(
    "viewer",
    "app/actions/get-instance.ts",
    "getInstanceAction",
    { backend: net.name, workspace: ws, address: "module.app.module.database.aws_db_instance.main" },
    ws,
  );
  expect(instance.result).toMatchObject({ ok: true, data: { attributes: { password: SENSITIVE_MARKER, engine: "postgres" } } });

  const diff = await call("viewer", "app/actions/get-text-diff.ts", "getTextDiffAction", { backend: net.name, workspace: ws, from: v1!.versionId, to: v2!.versionId }, ws);
  expect(diff.result).toMatchObject({ ok: true });
  // The diff really holds the versions' content (changed lines with their context), only masked.
  expect(diff.body.length).toBeGreaterThan(1000);
  for (const r of [instance, diff]) for (const s of secrets) expect(r.body).not.toContain(s);
});
