import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { expect, request, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CACHE_TTL_MS as SESSION_CACHE_TTL_MS } from "@/lib/domain/sessions";
import type { Role } from "@/lib/auth/types";
import { uniqueName } from "@/testkit/moto";
import { startReplicaSet, type Replica, type ReplicaSet } from "@/testkit/replicas";
import { auditEventsFor } from "./support/audit-trail";
import { currentState, demoBackend, locksHeld, writeHistory } from "./support/estate";
import { actionRef, pageUrl } from "./support/server-actions";

/**
 * Two standalone replicas with one config and one NEXTAUTH_SECRET behind a real nginx (round-robin,
 * no stickiness; testkit/replicas.ts). Every check goes through one replica and looks at the other,
 * and the x-statehouse-replica header proves which one answered.
 */

const port = Number(process.env.E2E_PORT ?? 3107);
const REPLICA_PORTS = [port + 10, port + 20];
const LB_PORT = port + 30;
const ROOT = path.resolve(__dirname, "..");
const net = demoBackend("prod-network");
// A user of this spec alone: signing them out everywhere cannot end another spec's sessions.
const TESTER = { username: "replica-tester", password: "replica-tester-password" };
const METRICS_TOKEN = "e2e-metrics-token-0123456789";

let set: ReplicaSet;
let a: Replica;
let b: Replica;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // The e2e server's demo config (scripts/serve-demo.sh wrote it), plus the tester.
  const config = JSON.parse(readFileSync(path.join(ROOT, ".demo/statehouse.config.json"), "utf8")) as {
    auth: { localUsers: unknown[] };
    roles: unknown[];
  };
  config.auth.localUsers.push({ username: TESTER.username, name: "Replica Tester", passwordHash: bcrypt.hashSync(TESTER.password, 10) });
  config.roles.push({ role: "viewer", users: [`local:${TESTER.username}`] });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "statehouse-replicas-")), "statehouse.config.json");
  writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  set = await startReplicaSet({
    replicaPorts: REPLICA_PORTS,
    lbPort: LB_PORT,
    env: {
      STATEHOUSE_CONFIG: file,
      NEXTAUTH_SECRET: readFileSync(path.join(ROOT, ".demo/nextauth-secret"), "utf8"),
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
      LOG_LEVEL: "info",
      STATEHOUSE_METRICS_TOKEN: METRICS_TOKEN,
    },
  });
  [a, b] = set.replicas as [Replica, Replica];
});

test.afterAll(async () => {
  await set?.stop();
});

async function signInDemo(browser: Browser, replica: Replica, role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.goto(`${replica.url}/signin`);
  expect(res?.headers()["x-statehouse-replica"]).toBe(replica.name);
  await page.getByTestId(`demo-signin-${role}`).click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
  return { context, page };
}

/** The JSON lines a replica wrote on stdout (Next's own start-up banner is plain text). */
function jsonLines(r: Replica): Record<string, unknown>[] {
  return r.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Loads a page and returns which replica answered the document request. */
async function load(page: Page, url: string): Promise<string | undefined> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  return res?.headers()["x-statehouse-replica"];
}

/**
 * Loads `url` through nginx until both replicas have answered a document request (the page's own
 * asset and RSC requests also take turns, so two loads in a row may land on one replica), running
 * `check` after every load. Bounded: round-robin makes 8 loads more than enough.
 */
async function loadOnEveryReplica(page: Page, url: string, check: () => Promise<void>): Promise<void> {
  const answered = new Set<string | undefined>();
  for (let i = 0; i < 8 && answered.size < 2; i++) {
    const replica = await load(page, url);
    if (answered.has(replica)) {
      // A page load makes a fixed number of requests (document, assets, the header's after-render action), so
      // round-robin can give every document to one replica: one extra request shifts the turn.
      await page.request.get(new URL("/api/health", url).toString());
    }
    answered.add(replica);
    await check();
  }
  expect([...answered].sort()).toEqual(["a", "b"]);
}

test("a session made on one replica is honoured by the other, and nginx alternates between them", async ({ browser }) => {
  const { context, page } = await signInDemo(browser, a, "viewer");
  expect(await load(page, `${b.url}/`)).toBe("b");
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await expect(page).not.toHaveURL(/\/signin/);

  await loadOnEveryReplica(page, `${set.lbUrl}/`, () => expect(page.getByTestId("user-menu")).toBeVisible());

  // The caller's request id travels through nginx to the replica, back in the response, and into its request log line.
  const id = uniqueName("e2e-request-id");
  const res = await page.request.get(`${set.lbUrl}/`, { headers: { "x-request-id": id } });
  expect(res.headers()["x-request-id"]).toBe(id);
  const replica = set.replicas.find((r) => r.name === res.headers()["x-statehouse-replica"])!;
  await expect
    .poll(() => jsonLines(replica).find((l) => l.type === "request" && l.requestId === id))
    .toMatchObject({ level: "info", method: "GET", route: "/", status: 200, replica: replica.name });
  await context.close();
});

test("a restore through one replica is seen by the next page load through the other", async ({ browser }) => {
  const ws = uniqueName("e2e-replica-restore");
  const [v1] = await writeHistory(net, ws, 91, 3);
  const versions = (r: { url: string } | string) => `${typeof r === "string" ? r : r.url}/b/${net.name}/w/${ws}/versions`;
  const { context, page } = await signInDemo(browser, a, "admin");
  const newest = page.locator('[data-testid="version-row"]').first();

  // B has read (and cached what it caches of) the workspace before the restore.
  expect(await load(page, versions(b))).toBe("b");
  await expect(newest.getByTestId("version-serial")).toHaveText("3");

  expect(await load(page, versions(a))).toBe("a");
  await page.locator(`[data-testid="version-row"][data-version-id="${v1!.versionId}"]`).getByTestId("restore-version-button").click();
  await page.getByTestId("confirm-workspace-name").fill(ws);
  await page.getByTestId("confirm-restore").click();
  await expect(page.getByTestId("restored-notice")).toBeVisible();
  const now = await currentState(net, ws);

  expect(await load(page, versions(b))).toBe("b");
  await expect(newest).toHaveAttribute("data-version-id", now.versionId);
  await expect(newest.getByTestId("restored-from")).toHaveAttribute("data-restored-from", v1!.versionId);
  await expect(newest.getByTestId("version-serial")).toHaveText("4");
  // And through nginx, whichever replica answers each load.
  await loadOnEveryReplica(page, versions(set.lbUrl), () => expect(newest).toHaveAttribute("data-version-id", now.versionId));
  await context.close();
});

test("break-lock is refused for a viewer on both replicas, and every refusal from both is in the one audit trail", async ({ browser }) => {
  const ws = uniqueName("e2e-replica-unlock");
  await writeHistory(net, ws, 92, 1);
  const lock = await net.writer.lock(ws, { who: "crashed-ci@runner-9" });
  const { context } = await signInDemo(browser, a, "viewer");
  const client: APIRequestContext = await request.newContext({ storageState: await context.storageState(), maxRedirects: 0 });
  const { id, pages } = actionRef("app/actions/break-lock.ts", "breakLockAction");
  const url = pageUrl(pages[0]!, { backend: net.name, workspace: ws });
  const args = [{ backend: net.name, workspace: ws, lockId: lock.ID }];

  async function breakLock(base: string): Promise<{ replica: string | undefined; body: string; status: number }> {
    const res = await client.post(`${base}${url}`, {
      headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: base },
      data: JSON.stringify(args),
    });
    return { replica: res.headers()["x-statehouse-replica"], body: await res.text(), status: res.status() };
  }

  // Once on each replica directly, then ten at once through nginx.
  const results = [await breakLock(a.url), await breakLock(b.url), ...(await Promise.all(Array.from({ length: 10 }, () => breakLock(set.lbUrl))))];
  for (const r of results) {
    expect(r.status, r.body.slice(0, 300)).toBe(200);
    expect(r.body).toContain('"code":"FORBIDDEN"');
  }
  const byReplica = (name: string) => results.filter((r) => r.replica === name).length;
  expect(byReplica("a") + byReplica("b")).toBe(12);
  expect(byReplica("a")).toBeGreaterThanOrEqual(6);
  expect(byReplica("b")).toBeGreaterThanOrEqual(6);
  expect(await locksHeld(net, ws)).toEqual({ dynamodb: true, s3: false });

  // The trail in S3 holds every refusal, from both replicas, none lost: each replica records the first refusal of
  // its window and then one event counting the rest (docs/SECURITY.md), so the counts add up to all twelve once
  // the windows have closed; and the trail is exactly what the replicas logged.
  const counted = (events: { count?: number }[]) => events.reduce((n, e) => n + (e.count ?? 1), 0);
  await expect.poll(async () => counted(await auditEventsFor(ws)), { timeout: 30_000, intervals: [1_000] }).toBe(12);
  const stored = await auditEventsFor(ws);
  expect(stored.every((e) => e.action === "unlock" && e.result === "refused" && e.error?.code === "FORBIDDEN")).toBe(true);
  expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
  const logged = (r: Replica) =>
    (jsonLines(r) as { type?: string; id: string; workspace?: string; requestId?: string; count?: number }[]).filter((e) => e.type === "audit" && e.workspace === ws);
  expect(counted(logged(a))).toBe(byReplica("a"));
  expect(counted(logged(b))).toBe(byReplica("b"));
  expect([...logged(a), ...logged(b)].map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
  // A refusal recorded as it happened carries its request id (an aggregated one is written when its window closes).
  expect([...logged(a), ...logged(b)].filter((e) => e.count === undefined).every((e) => typeof e.requestId === "string")).toBe(true);
  await net.writer.unlock(ws, lock);
  await client.dispose();
  await context.close();
});

test("readiness hides backend names from anonymous callers; metrics need the bearer token and count by route and AWS operation", async ({ browser }) => {
  const backendNames = (JSON.parse(readFileSync(path.join(ROOT, ".demo/statehouse.config.json"), "utf8")) as { backends: { name: string }[] }).backends.map((x) => x.name);
  const anonymous = await request.newContext();
  for (const r of set.replicas) {
    const res = await anonymous.get(`${r.url}/api/ready`);
    expect(res.status()).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ ok: true, config: { ok: true }, backends: { total: backendNames.length, ok: backendNames.length } });
    for (const name of backendNames) expect(text).not.toContain(name);
  }
  const { context } = await signInDemo(browser, b, "admin");
  const admin = await context.request.get(`${b.url}/api/ready`);
  expect(((await admin.json()) as { backends: { name: string; ok: boolean }[] }).backends.map((x) => x.name).sort()).toEqual([...backendNames].sort());
  await context.close();

  expect((await anonymous.get(`${a.url}/api/metrics`)).status()).toBe(401);
  expect((await anonymous.get(`${a.url}/api/metrics`, { headers: { authorization: "Bearer wrong-token" } })).status()).toBe(401);
  const res = await anonymous.get(`${a.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  const text = await res.text();
  // A's earlier pages, the AWS calls they made (HeadBucket from readiness at least), and the caches they used.
  expect(text).toMatch(/^statehouse_http_requests_total\{method="GET",route="\/",status="200"\} [1-9]/m);
  expect(text).toMatch(/^statehouse_http_request_duration_seconds_count\{method="GET",route="\/b\/\[backend\]\/w\/\[workspace\]\/versions"\} [1-9]/m);
  expect(text).toMatch(/^statehouse_aws_calls_total\{service="s3",operation="HeadBucket",outcome="ok"\} [1-9]/m);
  expect(text).toMatch(/^statehouse_aws_calls_total\{service="s3",operation="ListObjectVersions",outcome="ok"\} [1-9]/m);
  expect(text).toMatch(/^statehouse_cache_lookups_total\{cache="state",result="(hit|miss)"\} [1-9]/m);
  // Names of backends and workspaces never become label values.
  for (const name of backendNames) expect(text).not.toContain(name);
  await anonymous.dispose();
});

test("sign out everywhere through one replica ends the session on both", async ({ browser }) => {
  test.setTimeout(SESSION_CACHE_TTL_MS + 60_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${a.url}/signin`);
  await page.getByTestId("signin-username").fill(TESTER.username);
  await page.getByTestId("signin-password").fill(TESTER.password);
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
  // Both replicas know (and cache) the session's standing before the sign-out.
  expect(await load(page, `${a.url}/`)).toBe("a");
  expect(await load(page, `${b.url}/`)).toBe("b");
  await expect(page.getByTestId("user-menu")).toBeVisible();

  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByTestId("sign-out-everywhere").click();
  await expect(page).toHaveURL(/\/signin/);

  // The same cookie, still unexpired, is refused by B at once and by A within the documented bound.
  const signedOut = async (base: string) => {
    await page.goto(`${base}/`);
    return /\/signin/.test(page.url());
  };
  expect(await signedOut(b.url)).toBe(true);
  await expect.poll(() => signedOut(a.url), { timeout: SESSION_CACHE_TTL_MS + 15_000, intervals: [2_000] }).toBe(true);
  await context.close();
});
