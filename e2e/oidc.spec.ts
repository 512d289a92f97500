import { expect, test } from "@playwright/test";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { demoBackend, writeHistory } from "./support/estate";
import { ageSession, expectRefused, idpControl, oidcIssuer, oidcUser, sessionCookie, signInWithOidc, startOidcSignIn, statehouseUrl } from "./support/sso";

/** Every demo backend: a user whose role covers all of them sees one card each. */
const DEMO_BACKENDS = estateBackends("http://127.0.0.1:1").length;

/**
 * Sign-in through a real OpenID Provider (oidc-provider, e2e/support/oidc-idp.ts) beside the local
 * users: the authorization-code flow with PKCE, state and nonce, the ID token checks (each refusal its
 * own test: message shown, no session cookie), key rotation, groups to roles per backend, "no access",
 * unverified email, group changes, and sign-out at the provider (RP-initiated logout).
 */

const ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60; // the e2e config keeps the default auth.sessionAbsoluteMaxAgeSeconds

test.afterEach(async () => {
  await idpControl("reset");
});

test("signs in through the authorization-code flow with PKCE, state and nonce, beside the local sign-in", async ({ page }) => {
  await page.goto("/signin");
  // More than one sign-in method at once: the local (break-glass) users, the OIDC provider and GitHub.
  await expect(page.getByTestId("signin-username")).toBeVisible();
  await expect(page.getByTestId("demo-signin-admin")).toBeVisible();
  await expect(page.getByTestId("signin-github")).toBeVisible();

  const authorize = page.waitForRequest((r) => r.url().startsWith(`${oidcIssuer}/auth`));
  const callbackUrl = startOidcSignIn(page, "otto");
  const params = new URL((await authorize).url()).searchParams;
  expect(params.get("response_type")).toBe("code");
  expect(params.get("client_id")).toBe("statehouse");
  expect(params.get("redirect_uri")).toBe(`${statehouseUrl}/api/auth/callback/oidc`);
  expect(params.get("code_challenge_method")).toBe("S256");
  expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(params.get("state")?.length).toBeGreaterThan(20);
  expect(params.get("nonce")?.length).toBeGreaterThan(20);
  expect(params.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile", "groups"]));
  const callback = new URL(await callbackUrl).searchParams;
  expect(callback.get("code")).toBeTruthy();
  expect(callback.get("iss")).toBe(oidcIssuer);

  await expect(page.getByTestId("user-menu")).toContainText("Otto Operator");
  expect(await sessionCookie(page.context())).not.toBeNull();
  // statehouse-operators: operator everywhere, so every backend is listed.
  await expect(page.getByTestId("backend-card")).toHaveCount(DEMO_BACKENDS);
  await page.getByTestId("user-menu").locator("summary").click();
  await expect(page.getByTestId("user-menu")).toContainText("otto@acme.test");
});

for (const [fault, kind, code, message] of [
  ["from another issuer", "issuer", "OAuthIssuer", /issued by another identity provider/],
  ["for another audience", "audience", "OAuthAudience", /issued for another application/],
  ["that has expired", "expired", "OAuthExpired", /has expired/],
  ["signed with an unknown key", "unknown-key", "OAuthSignature", /signature does not match any key/],
  ["minted for another sign-in (nonce)", "nonce", "OAuthNonce", /does not belong to this sign-in \(nonce\)/],
] as const) {
  test(`refuses an ID token ${fault}: "${code}" and no session`, async ({ page }) => {
    await idpControl(`tamper?kind=${kind}`);
    await startOidcSignIn(page, "ada");
    await expectRefused(page, code, message);
    // The fault was used by this sign-in (it applies to one token only).
    expect((await idpControl("state")).tamper).toBeNull();
  });
}

test("refuses a replayed state (the provider's answer used twice): message and no session", async ({ page, browser }) => {
  const callbackUrl = await startOidcSignIn(page, "vic");
  await expect(page.getByTestId("user-menu")).toContainText("Vic Viewer");

  // The same answer (code + state) again, from a browser that did not start that sign-in.
  const other = await browser.newContext();
  const replay = await other.newPage();
  await replay.goto(callbackUrl);
  await expectRefused(replay, "OAuthState", /already used or was not started from this browser/);
  await other.close();

  // And from the browser that did: its state was used up with the first answer.
  await page.context().clearCookies({ name: "next-auth.session-token" });
  await page.goto(callbackUrl);
  await expectRefused(page, "OAuthState", /already used or was not started from this browser/);
});

test("keeps signing in after the provider rotates its signing key", async ({ page, browser }) => {
  await signInWithOidc(page, "ada");
  const before = await idpControl("state");
  expect(before.lastKid).toBe(before.kid);

  const rotated = await idpControl("rotate");
  expect(rotated.kid).not.toBe(rotated.previous);
  const jwks = (await (await fetch(`${oidcIssuer}/jwks`)).json()) as { keys: { kid: string }[] };
  expect(jwks.keys.map((k) => k.kid)).toEqual([rotated.kid]);

  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await signInWithOidc(again, "ada");
  expect((await idpControl("state")).lastKid).toBe(rotated.kid);
  await fresh.close();
});

test("maps groups to roles per backend: a backend-scoped operator group reaches that backend only", async ({ page }) => {
  const net = demoBackend("prod-network");
  const platform = demoBackend("platform");
  const ws = uniqueName("e2e-oidc-scoped");
  await writeHistory(net, ws, 71, 1);
  const lock = await net.writer.lock(ws, { who: "crashed-ci@runner-9" });

  await signInWithOidc(page, "nora");
  await expect(page.getByTestId("backend-card")).toHaveCount(1);
  await expect(page.getByTestId("backend-card")).toHaveAttribute("data-backend", "prod-network");
  // Operator there: the lock can be broken.
  await page.goto(`/b/${net.name}/w/${ws}/lock`);
  await expect(page.locator('[data-testid="lock-card"][data-lock-kind="dynamodb"]').getByTestId("break-lock-button")).toBeVisible();
  // Nothing on another backend.
  await page.goto(`/b/${platform.name}`);
  await expect(page.getByTestId("problem-page")).toHaveAttribute("data-status", "403");
  await net.writer.unlock(ws, lock);
});

test("a user in no mapped group gets a clear 'no access' page, not an empty dashboard", async ({ page }) => {
  await signInWithOidc(page, "mallory");
  await expect(page.getByTestId("no-access")).toContainText("No access");
  await expect(page.getByTestId("no-access-id")).toHaveText(`oidc:${oidcUser("mallory").sub}`);
  await expect(page.getByTestId("no-access-groups")).toHaveText("marketing");
  await expect(page.getByTestId("backend-card")).toHaveCount(0);
});

test("an unverified email never grants a role, even one an emails rule names", async ({ page }) => {
  expect(oidcUser("eve")).toMatchObject({ email: "lead@acme.test", emailVerified: false });
  await signInWithOidc(page, "eve");
  await expect(page.getByTestId("no-access")).toBeVisible();
  await expect(page.getByTestId("no-access-email")).toHaveText("none");
  await page.goto("/audit");
  await expect(page.getByTestId("problem-page")).toHaveAttribute("data-status", "403");
});

test("refuses Entra ID's group overage (a link instead of the groups) with advice, and no session", async ({ page }) => {
  await startOidcSignIn(page, "olive");
  await expectRefused(page, "GroupsOverage", /sent a link instead of your groups/);
});

test("a removed group keeps its role until the session's absolute lifetime ends, then the next sign-in has none", async ({ page }) => {
  const gus = oidcUser("gus");
  await signInWithOidc(page, "gus");
  await expect(page.getByTestId("backend-card")).toHaveCount(DEMO_BACKENDS);

  await idpControl(`groups?sub=${gus.sub}`, []);
  // Groups are read from the ID token at sign-in: the session keeps them.
  await page.reload();
  await expect(page.getByTestId("backend-card")).toHaveCount(DEMO_BACKENDS);
  // One minute short of the absolute lifetime: still signed in with the old groups.
  await ageSession(page.context(), ABSOLUTE_LIFETIME_SECONDS - 60);
  await page.reload();
  await expect(page.getByTestId("backend-card")).toHaveCount(DEMO_BACKENDS);

  // Past it: the session ends, and signing in again (the provider's own session is still on) brings the new groups.
  // Off the app while the cookie is rewritten: an open page's session refetch could otherwise see the aged token
  // first and drop it, and the next load would find no session rather than an ended one.
  await page.goto("about:blank");
  await ageSession(page.context(), 120);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?.*error=SessionExpired/);
  await expect(page.getByTestId("signin-error")).toHaveText(/Your session has ended/);
  await signInWithOidc(page, "gus");
  await expect(page.getByTestId("no-access")).toBeVisible();
});

test("sign-out ends the Statehouse session and the provider's (RP-initiated logout)", async ({ page }) => {
  await signInWithOidc(page, "sam");
  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer}/session/end`));
  expect(await sessionCookie(page.context())).toBeNull();
  await page.getByRole("button", { name: /yes, sign me out/i }).click();
  await expect(page).toHaveURL(new RegExp(`^${statehouseUrl}/signin`));
  // The provider's session ended too: it asks who is signing in again.
  await page.getByTestId("signin-oidc").click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
});

test("sign out everywhere ends the user's OIDC sessions in other browsers", async ({ page, browser }) => {
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signInWithOidc(other, "sam");
  await signInWithOidc(page, "sam");

  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByTestId("sign-out-everywhere").click();
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer}/session/end`));
  expect(await sessionCookie(page.context())).toBeNull();

  // The other browser still holds its cookie, but the server no longer takes it as signed in.
  expect(await sessionCookie(elsewhere)).not.toBeNull();
  await expect(async () => {
    await other.goto("/");
    await expect(other.getByTestId("user-menu")).toHaveCount(0, { timeout: 2_000 });
    await expect(other.locator('[data-testid="error-state"][data-error-code="UNAUTHENTICATED"], [data-testid="signin-oidc"]').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await elsewhere.close();
});
