import { expect, test, type Page } from "@playwright/test";
import { snap, storageStateFor } from "./support/helpers";

/**
 * A tour of every page of the demo, as the admin and as a viewer, saving a full-page screenshot of
 * each to e2e/.artifacts/screenshots/ (git-ignored). Each stop asserts the page really rendered
 * its content, so a broken page fails here rather than leaving a blank picture.
 */
const ws = "/b/prod-network/w/default";

async function visit(page: Page, path: string, name: string, expectVisible: (p: Page) => Promise<void>) {
  await page.goto(path);
  await expectVisible(page);
  await snap(page, name);
}

test.describe("as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("every page renders", async ({ page }) => {
    await visit(page, "/", "backends", (p) => expect(p.getByRole("heading", { name: "Backends" })).toBeVisible());
    await visit(page, "/b/prod-network", "workspaces", (p) => expect(p.getByTestId("workspace-row").first()).toBeVisible());
    await visit(page, `${ws}/state`, "state", (p) => expect(p.getByText("module.network.aws_vpc.main").first()).toBeVisible());
    await visit(page, `${ws}/outputs`, "outputs", (p) => expect(p.getByText('data "terraform_remote_state"').first()).toBeVisible());
    await visit(page, `${ws}/versions`, "versions", (p) => expect(p.getByTestId("version-serial").first()).not.toHaveText(""));
    await visit(page, `${ws}/diff`, "diff", (p) => expect(p.getByText(/changed/).first()).toBeVisible());
    await visit(page, "/b/prod-network/w/prod-us/lock", "lock-held", (p) => expect(p.getByText("gitlab-ci@runner-42").first()).toBeVisible());
    await visit(page, "/b/prod-network/w/prod-eu/lock", "digest-mismatch", (p) => expect(p.getByText("Mismatch").first()).toBeVisible());
    await visit(page, "/b/prod-network/w/sandbox/versions", "deleted-workspace", (p) => expect(p.getByTestId("delete-marker").first()).toBeVisible());
    await visit(page, "/b/platform/w/qa/lock", "lockfile-held", (p) => expect(p.getByText("bob@workstation").first()).toBeVisible());
    await visit(page, "/audit", "audit", (p) => expect(p.getByRole("heading", { name: /audit/i }).first()).toBeVisible());

    await page.goto(`${ws}/versions`);
    await page.getByTestId("restore-version-button").first().click();
    await expect(page.getByTestId("restore-form")).toBeVisible();
    await snap(page, "restore-confirm");
  });
});

test.describe("as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("outputs and lock pages render without write controls", async ({ page }) => {
    await visit(page, `${ws}/outputs`, "viewer-outputs", (p) => expect(p.getByText("(sensitive value)").first()).toBeVisible());
    await visit(page, "/b/prod-network/w/prod-us/lock", "viewer-lock", (p) => expect(p.getByText("gitlab-ci@runner-42").first()).toBeVisible());
    await expect(page.getByRole("button", { name: /break lock/i })).toHaveCount(0);
  });
});

test("sign-in page", async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto("/signin");
  await expect(page.getByTestId("demo-signin-admin")).toBeVisible();
  await snap(page, "signin");
  await page.close();
});

// The other theme and the phone width: the same pages as a person sees them on a dark desktop and on a phone.
for (const look of [
  { name: "dark", colorScheme: "dark" as const, viewport: { width: 1440, height: 900 } },
  { name: "phone", colorScheme: "light" as const, viewport: { width: 390, height: 844 } },
  { name: "phone-dark", colorScheme: "dark" as const, viewport: { width: 390, height: 844 } },
]) {
  test.describe(`${look.name} tour`, () => {
    test.use({ storageState: storageStateFor("admin"), colorScheme: look.colorScheme, viewport: look.viewport });

    test("pages render", async ({ page }) => {
      await visit(page, "/", `${look.name}-backends`, (p) => expect(p.getByRole("heading", { name: "Backends" })).toBeVisible());
      await visit(page, "/b/prod-network", `${look.name}-workspaces`, (p) => expect(p.getByTestId("workspace-row").first()).toBeVisible());
      await visit(page, `${ws}/state`, `${look.name}-state`, (p) => expect(p.getByText("module.network.aws_vpc.main").first()).toBeVisible());
      await visit(page, `${ws}/versions`, `${look.name}-versions`, (p) => expect(p.getByTestId("version-serial").first()).not.toHaveText(""));
      await visit(page, `${ws}/diff`, `${look.name}-diff`, (p) => expect(p.getByText(/changed/).first()).toBeVisible());
      await visit(page, "/b/prod-network/w/prod-us/lock", `${look.name}-lock-held`, (p) => expect(p.getByText("gitlab-ci@runner-42").first()).toBeVisible());
      await expect(page.locator("html")).toHaveClass(look.colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    });
  });
}
