import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { estateBackends } from "@/testkit/estate";
import { startReplicaSet, type ReplicaSet } from "@/testkit/replicas";
import { oidcIssuer, sessionCookie, startOidcSignIn } from "./support/sso";

/** Every demo backend: a user whose role covers all of them sees one card each. */
const DEMO_BACKENDS = estateBackends("http://127.0.0.1:1").length;

/**
 * Statehouse under a path prefix behind a reverse proxy, as https://tools.example.com/statehouse would
 * serve it: the build of scripts/build-prefixed.sh (Next basePath /statehouse) behind nginx, which proxies
 * only /statehouse/. Sign-in (local break-glass admin and OIDC), callbacks, cookies, links and sign-out
 * all stay under the prefix.
 */

const port = Number(process.env.E2E_PORT ?? 3107);
const LB_PORT = port + 60;
const APP_PORT = port + 70;
const PREFIX = "/statehouse";
const ROOT = path.resolve(__dirname, "..");
const APP_DIR = process.env.STATEHOUSE_PREFIXED_APP_DIR ?? "/tmp/statehouse-prefixed-app";

let set: ReplicaSet;
let site: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  if (!existsSync(path.join(APP_DIR, ".next/standalone/server.js"))) {
    throw new Error(`no prefixed build in ${APP_DIR}: run scripts/build-prefixed.sh ${APP_DIR} (scripts/test.sh does)`);
  }
  set = await startReplicaSet({
    appDir: APP_DIR,
    replicaPorts: [APP_PORT],
    lbPort: LB_PORT,
    pathPrefix: PREFIX,
    env: {
      // The e2e server's demo config (local users, OIDC, GitHub), written by scripts/serve-demo.sh.
      STATEHOUSE_CONFIG: path.join(ROOT, ".demo/statehouse.config.json"),
      NEXTAUTH_SECRET: readFileSync(path.join(ROOT, ".demo/nextauth-secret"), "utf8"),
      // Under a prefix NEXTAUTH_URL names next-auth's API there.
      NEXTAUTH_URL: `http://127.0.0.1:${LB_PORT}${PREFIX}/api/auth`,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
    },
  });
  site = `${set.lbUrl}${PREFIX}`;
});

test.afterAll(async () => {
  await set?.stop();
});

/** Every same-site link on the page, as written in the HTML. */
async function linksOf(page: import("@playwright/test").Page): Promise<string[]> {
  return page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
}

test("the proxy serves Statehouse only under the prefix, and a visitor is sent to the prefixed sign-in page", async ({ page, request }) => {
  // Outside the prefix nginx answers by itself (no location: 403 for its empty root, 404 elsewhere), never Statehouse.
  for (const outside of [`${set.lbUrl}/`, `${set.lbUrl}/api/health`, `${set.lbUrl}/signin`]) {
    const res = await request.get(outside);
    expect([403, 404], outside).toContain(res.status());
    expect(await res.text()).not.toContain("Statehouse");
  }
  expect((await request.get(`${site}/api/health`)).status()).toBe(200);
  await page.goto(`${site}/b/prod-network`);
  await expect(page).toHaveURL(`${site}/signin?callbackUrl=%2Fb%2Fprod-network`);
  await expect(page.getByTestId("signin-oidc")).toBeVisible();
  // Styles and scripts come from under the prefix too (the page is styled: its assets loaded).
  const assets = await page.locator("script[src], link[rel='stylesheet']").evaluateAll((els) => els.map((e) => e.getAttribute("src") ?? e.getAttribute("href") ?? ""));
  expect(assets.length).toBeGreaterThan(0);
  for (const a of assets) expect(a.startsWith(`${PREFIX}/`), a).toBe(true);
});

test("the local break-glass admin signs in and out under the prefix; its cookie is scoped to it", async ({ page }) => {
  await page.goto(`${site}/`);
  await page.getByTestId("demo-signin-admin").click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
  // Next's canonical home under a prefix has no trailing slash.
  await expect(page).toHaveURL(new RegExp(`^${site}/?$`));
  const cookie = (await page.context().cookies(site)).find((c) => c.name === "next-auth.session-token");
  expect(cookie?.path).toBe(PREFIX);
  expect(await sessionCookie(page.context(), set.lbUrl)).toBeNull();
  await expect(page.getByTestId("backend-card")).toHaveCount(DEMO_BACKENDS);
  for (const href of await linksOf(page)) expect(href.startsWith(`${PREFIX}/`) || href === PREFIX, href).toBe(true);
  await page.getByTestId("nav-audit").click();
  await expect(page).toHaveURL(`${site}/audit`);

  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(new RegExp(`^${site}/signin`));
  expect(await sessionCookie(page.context(), site)).toBeNull();
});

test("OIDC signs in with a callback under the prefix, follows links there, and signs out at the provider", async ({ page }) => {
  const authorize = page.waitForRequest((r) => r.url().startsWith(`${oidcIssuer}/auth`));
  await page.goto(`${site}/b/prod-network`);
  const callback = startOidcSignIn(page, "vic", site);
  expect(new URL((await authorize).url()).searchParams.get("redirect_uri")).toBe(`${site}/api/auth/callback/oidc`);
  await callback;
  // Back where the visitor was going, under the prefix.
  await expect(page).toHaveURL(`${site}/b/prod-network`);
  await expect(page.getByTestId("user-menu")).toContainText("Vic Viewer");
  expect(await sessionCookie(page.context(), site)).not.toBeNull();
  for (const href of await linksOf(page)) expect(href.startsWith(`${PREFIX}/`) || href === PREFIX, href).toBe(true);

  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer}/session/end`));
  await page.getByRole("button", { name: /yes, sign me out/i }).click();
  await expect(page).toHaveURL(new RegExp(`^${site}/signin`));
  expect(await sessionCookie(page.context(), site)).toBeNull();
});
