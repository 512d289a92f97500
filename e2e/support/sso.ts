import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import type { Role } from "@/lib/auth/types";
import { GITHUB_USERS, OIDC_USERS, type OidcTestUser } from "@/testkit/sso";

/** The single sign-on servers playwright.config.ts starts beside Statehouse (same port offsets). */
const port = Number(process.env.E2E_PORT ?? 3107);
export const statehouseUrl = `http://127.0.0.1:${port}`;
export const oidcIssuer = `http://127.0.0.1:${port + 40}`;
export const githubUrl = `http://127.0.0.1:${port + 50}`;

const SESSION_COOKIE = "next-auth.session-token";

export function oidcUser(login: string): OidcTestUser {
  const user = OIDC_USERS.find((u) => u.login === login);
  if (!user) throw new Error(`no OIDC test user ${login}`);
  return user;
}

/** The OIDC test user whose groups give `role` everywhere (the role tours' OIDC runs). */
export function oidcRoleUser(role: Role): OidcTestUser {
  return oidcUser(({ admin: "ada", operator: "otto", viewer: "vic" } as const)[role]);
}

/** Tells the test OpenID Provider to do something (e2e/support/oidc-idp.ts lists what). */
export async function idpControl(what: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${oidcIssuer}/__control/${what}`, {
    method: what === "state" ? "GET" : "POST",
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!res.ok) throw new Error(`IdP control ${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The Statehouse session cookie (or its first chunk) the browser would send to `url`, if any. */
export async function sessionCookie(context: BrowserContext, url = statehouseUrl): Promise<string | null> {
  const cookies = await context.cookies(url);
  return cookies.find((c) => c.name === SESSION_COOKIE || c.name.startsWith(`${SESSION_COOKIE}.`))?.value ?? null;
}

/**
 * Starts sign-in with "Continue with Acme SSO" and, when the provider asks, signs in there as `login`
 * (the dev interaction's login field takes the account id, i.e. the user's `sub`; any password).
 * Returns the callback address the provider sent the browser to.
 */
export async function startOidcSignIn(page: Page, login: string, base = statehouseUrl): Promise<string> {
  const callback = page.waitForRequest((r) => r.url().startsWith(`${base}/api/auth/callback/oidc`), { timeout: 45_000 });
  if (!page.url().includes("/signin")) await page.goto(`${base}/signin`);
  await page.getByTestId("signin-oidc").click();
  const form = page.locator('input[name="login"]');
  await Promise.race([form.waitFor({ timeout: 45_000 }), callback]).catch(() => undefined);
  if (await form.isVisible()) {
    await form.fill(oidcUser(login).sub);
    await page.locator('input[name="password"]').fill("any password will do");
    await page.locator('button[type="submit"]').click();
  }
  return (await callback).url();
}

/** Full OIDC sign-in that must succeed: back on Statehouse, signed in, a session cookie set. */
export async function signInWithOidc(page: Page, login: string): Promise<void> {
  await startOidcSignIn(page, login);
  await expect(page.getByTestId("user-menu")).toContainText(oidcUser(login).name, { timeout: 30_000 });
  expect(await sessionCookie(page.context())).not.toBeNull();
}

/** GitHub sign-in through the GitHub-shaped server's authorize form. */
export async function signInWithGithub(page: Page, login: string): Promise<void> {
  const user = GITHUB_USERS.find((u) => u.login === login);
  if (!user) throw new Error(`no GitHub test user ${login}`);
  await page.goto("/signin");
  await page.getByTestId("signin-github").click();
  await expect(page).toHaveURL(new RegExp(`^${githubUrl}/login/oauth/authorize`));
  await page.getByLabel("Username").fill(login);
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByTestId("user-menu")).toContainText(user.name, { timeout: 30_000 });
}

/** Asserts a refused sign-in: back on the sign-in page with `code`'s message, and no Statehouse session. */
export async function expectRefused(page: Page, code: string, message: RegExp): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/signin\\?.*error=${code}`), { timeout: 30_000 });
  await expect(page.getByTestId("signin-error")).toHaveText(message);
  expect(await sessionCookie(page.context())).toBeNull();
}

function nextauthSecret(): string {
  return readFileSync(path.join(__dirname, "..", "..", ".demo", "nextauth-secret"), "utf8").trim();
}

/**
 * Moves the session's sign-in time back by `seconds` (re-encoding the cookie with the server's secret,
 * as time passing would leave it): the server then judges the session as that much older.
 */
export async function ageSession(context: BrowserContext, seconds: number): Promise<void> {
  const secret = nextauthSecret();
  const cookies = await context.cookies(statehouseUrl);
  const chunks = cookies.filter((c) => c.name === SESSION_COOKIE || c.name.startsWith(`${SESSION_COOKIE}.`));
  expect(chunks.length).toBeGreaterThan(0);
  const value = chunks.length === 1 ? chunks[0]!.value : chunks.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })).map((c) => c.value).join("");
  const token = await decode({ token: value, secret });
  expect(typeof token?.signedInAt).toBe("number");
  const aged = await encode({ token: { ...token, signedInAt: (token!.signedInAt as number) - seconds * 1000 }, secret });
  await context.clearCookies({ name: new RegExp(`^${SESSION_COOKIE.replace(/\./g, "\\.")}`) });
  const { domain, path: cookiePath, httpOnly, sameSite, expires } = chunks[0]!;
  await context.addCookies([{ name: SESSION_COOKIE, value: aged, domain, path: cookiePath, httpOnly, sameSite, expires }]);
}
