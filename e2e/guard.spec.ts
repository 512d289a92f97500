import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo";
import type { SessionUser } from "@/lib/auth/types";
import { uniqueName } from "@/testkit/moto";
import { baseURL } from "../playwright.config";
import { auditEventsFor, auditEventsWhere } from "./support/audit-trail";
import { demoBackend, writeHistory } from "./support/estate";
import { actionRef, callAction, httpClient, pageUrl } from "./support/server-actions";

/**
 * The server's guards, over raw HTTP and in the browser: sign-in limits (the e2e server runs with
 * windows of 5 s, STATEHOUSE_SHORT_LIMITS), the absolute session lifetime with forged tokens,
 * security headers on every kind of route, the Origin check of server actions, and refused
 * attempts aggregated in the audit trail (window 3 s).
 */

const net = demoBackend("prod-network");
const viewerAccount = DEMO_ACCOUNTS.find((a) => a.role === "viewer")!;
const operatorAccount = DEMO_ACCOUNTS.find((a) => a.role === "operator")!;
const SESSION_COOKIE = "next-auth.session-token";
// An instance every state testkit's writeHistory writes has.
const INSTANCE = "module.app.module.database.aws_db_instance.main";
// The secret scripts/serve-demo.sh gave the server: what a forger would need, and has here.
const secret = () => readFileSync(path.join(__dirname, "..", ".demo", "nextauth-secret"), "utf-8").trim();

async function signInClient(): Promise<{ client: APIRequestContext; attempt: (username: string, password: string) => Promise<APIResponse> }> {
  const client = await request.newContext({ baseURL, maxRedirects: 0 });
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const attempt = (username: string, password: string) =>
    client.post("/api/auth/callback/local", { form: { username, password, csrfToken, callbackUrl: "/", json: "true" } });
  return { client, attempt };
}

test.describe("sign-in limits", () => {
  test("a user name is locked after its attempts, then signs in once the window has passed", async () => {
    const { client, attempt } = await signInClient();
    for (let i = 0; i < 5; i++) expect((await attempt(operatorAccount.username, `wrong-${i}`)).status()).toBe(401);
    // Locked: even the right password is refused before any hashing.
    const locked = await attempt(operatorAccount.username, operatorAccount.password);
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(await locked.json()).toMatchObject({ ok: false, error: { code: "THROTTLED" }, url: expect.stringContaining("error=RateLimited") });
    await expect.poll(async () => (await attempt(operatorAccount.username, operatorAccount.password)).status(), { timeout: 30_000, intervals: [1500] }).toBe(200);
    const lockouts = await auditEventsWhere((e) => e.action === "sign-in-lockout" && e.who.id === `local:${operatorAccount.username}`);
    expect(lockouts.at(-1)).toMatchObject({ backend: "*", result: "refused", role: null, error: { code: "THROTTLED" } });
    await client.dispose();
  });

  test("200 concurrent bad sign-ins with 1,000-character passwords: 429s, another user's page still loads, the right user signs in after the window", async () => {
    const since = new Date().toISOString();
    const { client: flood, attempt } = await signInClient();
    const admin = await httpClient("admin");
    const tag = uniqueName("flood");
    const floodDone = Promise.all(Array.from({ length: 200 }, (_, i) => attempt(`${tag}-${i}`, "x".repeat(1000))));
    const pageStarted = Date.now();
    const other = await admin.get("/");
    const otherMs = Date.now() - pageStarted;
    const responses = await floodDone;

    // A figure for the record, not an assertion (docs/PERFORMANCE.md has the benchmark's).
    console.log(`guard.spec: another user's page during the flood took ${otherMs} ms`);
    expect(other.status()).toBe(200);
    const statuses = responses.map((r) => r.status());
    const limited = responses.filter((r) => r.status() === 429);
    expect(statuses.filter((s) => s !== 429 && s !== 401)).toEqual([]);
    for (const r of limited) expect(Number(r.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    // Each window of the address (the flood may straddle two) let at most its 20 attempts through, and locked out once.
    const floodLockouts = await auditEventsWhere((e) => e.action === "sign-in-lockout" && e.at >= since && e.who.id.startsWith("address:"));
    expect(floodLockouts.length).toBeGreaterThanOrEqual(1);
    expect(200 - limited.length).toBeLessThanOrEqual(20 * floodLockouts.length);
    expect(limited.length).toBeGreaterThanOrEqual(100);

    const { client, attempt: signIn } = await signInClient();
    await expect.poll(async () => (await signIn(viewerAccount.username, viewerAccount.password)).status(), { timeout: 30_000, intervals: [1500] }).toBe(200);
    // One lockout per window of the address, not one per refused attempt.
    const lockouts = await auditEventsWhere((e) => e.action === "sign-in-lockout" && e.at >= since && e.who.id.startsWith("address:"));
    expect(lockouts.length).toBe(floodLockouts.length);
    for (const c of [flood, admin, client]) await c.dispose();
  });
});

test.describe("absolute session lifetime", () => {
  const user: SessionUser = { id: "local:demo-viewer", name: "Demo Viewer", groups: [], provider: "local" };
  const forge = (signedInAt: number) => encode({ token: { name: user.name, sub: user.id, user, signedInAt }, secret: secret() });

  test("a token signed in 30 days ago but freshly issued is refused: cookie cleared, sent to sign-in", async ({ browser }) => {
    const old = await forge(Date.now() - 30 * 24 * 3600_000);
    const fresh = await forge(Date.now());
    const raw = await request.newContext({ baseURL, maxRedirects: 0 });
    // The forgery is a valid session when its sign-in time is recent: the refusal below is the lifetime's doing.
    expect((await raw.get("/", { headers: { Cookie: `${SESSION_COOKIE}=${fresh}` } })).status()).toBe(200);

    const page = await raw.get("/b/prod-network", { headers: { Cookie: `${SESSION_COOKIE}=${old}` } });
    expect(page.status()).toBe(307);
    expect(page.headers()["location"]).toMatch(/\/signin\?callbackUrl=%2Fb%2Fprod-network&error=SessionExpired$/);
    expect(page.headers()["set-cookie"]).toMatch(new RegExp(`${SESSION_COOKIE}=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, "i"));
    // next-auth's own session endpoint (what getServerSession and authorize() rely on) refuses it too.
    const session = await raw.get("/api/auth/session", { headers: { Cookie: `${SESSION_COOKIE}=${old}` } });
    expect(await session.json()).toEqual({});
    await raw.dispose();

    const context = await browser.newContext();
    await context.addCookies([{ name: SESSION_COOKIE, value: old, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
    const tab = await context.newPage();
    await tab.goto("/");
    await expect(tab).toHaveURL(/\/signin\?/);
    await expect(tab.getByTestId("signin-error")).toHaveText("Your session has ended. Please sign in again.");
    expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    await context.close();
  });
});

test.describe("security headers", () => {
  function expectCommon(res: APIResponse, what: string) {
    const h = res.headers();
    expect(h["x-content-type-options"], what).toBe("nosniff");
    expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"], what).toContain("camera=()");
    expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  }

  function expectDocumentPolicy(res: APIResponse, html: string, what: string): string {
    const csp = res.headers()["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${what}: ${csp}`).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("object-src 'none'");
    // Next put the request's nonce on the scripts it rendered.
    expect(html).toContain(`nonce="${nonce}"`);
    return nonce!;
  }

  test("every kind of route has them; pages a fresh nonce each time; HSTS only over HTTPS", async () => {
    const anon = await request.newContext({ baseURL, maxRedirects: 0 });
    const admin = await httpClient("admin");

    const signIn = await anon.get("/signin");
    const signInHtml = await signIn.text();
    expectCommon(signIn, "sign-in");
    const n1 = expectDocumentPolicy(signIn, signInHtml, "sign-in");
    const page = await admin.get("/b/prod-network");
    expect(page.status()).toBe(200);
    expectCommon(page, "page");
    expect(expectDocumentPolicy(page, await page.text(), "page")).not.toBe(n1);

    const api = await anon.get("/api/health");
    expectCommon(api, "api");
    const apiRefused = await anon.get("/api/no-such-thing");
    expect(apiRefused.status()).toBe(401);
    expectCommon(apiRefused, "api 401");
    expectCommon(await anon.get("/api/auth/csrf"), "next-auth");
    const redirect = await anon.get("/b/prod-network");
    expect(redirect.status()).toBe(307);
    expectCommon(redirect, "redirect");

    const script = /\/_next\/static\/[^"]+\.js/.exec(signInHtml)?.[0];
    expect(script).toBeTruthy();
    const asset = await anon.get(script!);
    expect(asset.status()).toBe(200);
    expectCommon(asset, "static");

    const ws = uniqueName("e2e-guard-headers");
    await writeHistory(net, ws, 95, 1);
    const { id, pages } = actionRef("app/actions/get-instance.ts", "getInstanceAction");
    const action = await admin.post(pageUrl(pages[0]!, { backend: net.name, workspace: ws }), {
      headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
      data: JSON.stringify([{ backend: net.name, workspace: ws, address: INSTANCE }]),
    });
    expect(action.status()).toBe(200);
    expectCommon(action, "action");

    for (const res of [signIn, page, api, asset, action]) expect(res.headers()["strict-transport-security"]).toBeUndefined();

    // Behind a TLS-terminating proxy.
    const https = { "X-Forwarded-Proto": "https" };
    const secureSignIn = await anon.get("/signin", { headers: https });
    expect(secureSignIn.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
    expect(secureSignIn.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect((await anon.get(script!, { headers: https })).headers()["strict-transport-security"]).toMatch(/max-age=/);
    expect((await anon.get("/api/health", { headers: https })).headers()["strict-transport-security"]).toMatch(/max-age=/);
    expect(signIn.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    await anon.dispose();
    await admin.dispose();
  });

  test("pages hydrate and run under the policy: no violation while signing in and using a workspace", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/signin");
    // The click runs next-auth's client sign-in: it only works if the page's scripts were allowed.
    await page.getByTestId(`demo-signin-${viewerAccount.role}`).click();
    await expect(page.getByTestId("user-menu")).toBeVisible();
    await page.goto("/b/prod-network");
    await expect(page.getByTestId("user-menu")).toBeVisible();
    expect(violations).toEqual([]);
    await context.close();
  });
});

test.describe("server action origin", () => {
  test("a call without an Origin, or from another site, is refused with 403 before the action runs", async () => {
    const viewer = await httpClient("viewer");
    const ws = uniqueName("e2e-guard-origin");
    await writeHistory(net, ws, 96, 1);
    const { id, pages } = actionRef("app/actions/get-instance.ts", "getInstanceAction");
    const url = pageUrl(pages[0]!, { backend: net.name, workspace: ws });
    const args = { backend: net.name, workspace: ws, address: INSTANCE };
    const post = (origin?: string) =>
      viewer.post(url, {
        headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", ...(origin ? { Origin: origin } : {}) },
        data: JSON.stringify([args]),
      });
    for (const origin of [undefined, "http://evil.example", "null"]) {
      const res = await post(origin);
      expect(res.status(), String(origin)).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    // The same call from our own origin is answered.
    const ok = await callAction(viewer, url, id, [args]);
    expect(ok.result).toMatchObject({ ok: true, data: { attributes: { engine: "postgres" } } });
    await viewer.dispose();
  });
});

test.describe("refused attempts in the audit trail", () => {
  test("100 refused restores by one viewer are a few audit objects whose counts add up to 100", async () => {
    const viewer = await httpClient("viewer");
    const ws = uniqueName("e2e-guard-refusals");
    const [v1] = await writeHistory(net, ws, 97, 1);
    const { id, pages } = actionRef("app/actions/restore-version.ts", "restoreVersionAction");
    const url = pageUrl(pages[0]!, { backend: net.name, workspace: ws });
    const args = [{ backend: net.name, workspace: ws, versionId: v1!.versionId }];
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 10 }, () => callAction(viewer, url, id, args)));
      for (const r of results) expect(r.result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    // The last window's count is written when it closes (3 s here).
    const total = async () => (await auditEventsFor(ws)).reduce((n, e) => n + (e.count ?? 1), 0);
    await expect.poll(total, { timeout: 30_000, intervals: [1000] }).toBe(100);
    const events = await auditEventsFor(ws);
    expect(events.length).toBeLessThanOrEqual(20);
    for (const e of events) expect(e).toMatchObject({ action: "restore", result: "refused", who: { id: "local:demo-viewer" }, error: { code: "FORBIDDEN" } });
    expect(events.filter((e) => e.count !== undefined).length).toBeGreaterThan(0);
    await viewer.dispose();
  });
});
