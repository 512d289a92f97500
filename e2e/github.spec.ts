import { expect, test } from "@playwright/test";
import { uniqueName } from "@/testkit/moto";
import { demoBackend, writeHistory } from "./support/estate";
import { githubUrl, sessionCookie, signInWithGithub } from "./support/sso";

/**
 * GitHub (Enterprise Server) sign-in against a local server speaking GitHub's OAuth and REST endpoints
 * (e2e/support/github-server.ts), configured with `auth.github.baseUrl`: organisations and teams become
 * groups mapped to roles, teams read across Link-header pages (a user in 130 teams).
 */

const net = demoBackend("prod-network");

async function apiRequests(): Promise<string[]> {
  return (await (await fetch(`${githubUrl}/__control/requests`)).json()) as string[];
}

test("signs in through the GitHub Enterprise Server OAuth flow; a team maps to admin", async ({ page }) => {
  const authorize = page.waitForRequest((r) => r.url().startsWith(`${githubUrl}/login/oauth/authorize`));
  await signInWithGithub(page, "Octo-Admin");
  const params = new URL((await authorize).url()).searchParams;
  expect(params.get("client_id")).toBe("Iv1.statehouse-e2e");
  expect(params.get("scope")).toBe("read:user user:email read:org");
  expect(params.get("state")?.length).toBeGreaterThan(20);
  expect(await sessionCookie(page.context())).not.toBeNull();
  // github:acme/statehouse-admins is an admin rule: the audit trail is theirs to read.
  await expect(page.getByTestId("nav-audit")).toBeVisible();
  await page.getByTestId("user-menu").locator("summary").click();
  await expect(page.getByTestId("user-menu")).toContainText("octo-admin@acme.test");
});

test("reads a user's 130 teams across Link-header pages: the mapped team on page 2 makes them operator", async ({ page }) => {
  const ws = uniqueName("e2e-gh-teams");
  await writeHistory(net, ws, 72, 1);
  const lock = await net.writer.lock(ws, { who: "crashed-ci@runner-7" });
  const before = (await apiRequests()).length;

  await signInWithGithub(page, "many-teams");
  const asked = (await apiRequests()).slice(before);
  expect(asked).toEqual(expect.arrayContaining(["/api/v3/user", "/api/v3/user/teams?per_page=100&page=1", "/api/v3/user/teams?per_page=100&page=2"]));
  expect(asked.filter((p) => p.startsWith("/api/v3/user/teams"))).toHaveLength(2);

  await page.goto(`/b/${net.name}/w/${ws}/lock`);
  await expect(page.locator('[data-testid="lock-card"][data-lock-kind="dynamodb"]').getByTestId("break-lock-button")).toBeVisible();
  await expect(page.getByTestId("nav-audit")).toHaveCount(0);
  await net.writer.unlock(ws, lock);
});

test("an organisation member in no mapped team is a viewer: no lock controls", async ({ page }) => {
  const ws = uniqueName("e2e-gh-org");
  await writeHistory(net, ws, 73, 1);
  const lock = await net.writer.lock(ws, { who: "crashed-ci@runner-8" });
  await signInWithGithub(page, "org-only");
  await page.goto(`/b/${net.name}/w/${ws}/lock`);
  await expect(page.getByTestId("lock-card").first()).toBeVisible();
  await expect(page.getByTestId("break-lock-button")).toHaveCount(0);
  await net.writer.unlock(ws, lock);
});

test("an outsider with an unverified email an admin rule names gets 'no access'", async ({ page }) => {
  await signInWithGithub(page, "outsider");
  await expect(page.getByTestId("no-access")).toBeVisible();
  await expect(page.getByTestId("no-access-id")).toHaveText("github:outsider");
  await expect(page.getByTestId("no-access-email")).toHaveText("none");
  await expect(page.getByTestId("no-access-groups")).toHaveText("github:elsewhere");
});

test("sign-out and sign out everywhere end GitHub sessions", async ({ page, browser }) => {
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signInWithGithub(other, "org-only");
  await signInWithGithub(page, "org-only");

  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByTestId("sign-out-everywhere").click();
  // GitHub has no RP-initiated logout: back to Statehouse's sign-in page.
  await expect(page).toHaveURL(/\/signin/);
  expect(await sessionCookie(page.context())).toBeNull();

  expect(await sessionCookie(elsewhere)).not.toBeNull();
  await expect(async () => {
    await other.goto("/");
    await expect(other.getByTestId("user-menu")).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await elsewhere.close();
});
