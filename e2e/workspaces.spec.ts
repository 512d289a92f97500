import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/helpers";
import { currentState } from "./support/estate-truth";

test.describe("Workspaces table", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("lists workspaces (default first), locks with holder and age, deleted marker, and details of visible rows", async ({ page }) => {
    await page.goto("/b/prod-network");
    const rows = page.getByTestId("workspace-row");
    await expect(rows.first()).toHaveAttribute("data-workspace", "default");
    // Other specs add e2e-* workspaces that sort before these and push them below the virtualized table's
    // window: narrow the list to each one (the filter only hides rows; the listing is the same).
    const row = async (ws: string) => {
      await page.getByTestId("workspace-filter").fill(ws);
      const r = page.locator(`[data-testid="workspace-row"][data-workspace="${ws}"]`);
      await expect(r).toBeVisible();
      return r;
    };
    for (const ws of ["prod-eu", "prod-us", "sandbox", "staging"]) await row(ws);

    const prodUs = await row("prod-us");
    await expect(prodUs.getByTestId("lock-badge")).toHaveAttribute("data-lock-who", "gitlab-ci@runner-42");
    await expect(prodUs.getByTestId("lock-badge")).toContainText("3 d ago");
    await expect((await row("sandbox")).getByTestId("deleted-badge")).toBeVisible();

    // Serial and tool version are read lazily for the rows on screen.
    const truth = await currentState("prod-network", "staging");
    const staging = await row("staging");
    await expect(staging.getByRole("cell").nth(1)).toHaveText(String(truth.serial));
    await expect(staging).toContainText(truth.terraformVersion!);
  });

  test("filters by name into a shareable URL, sorts, and links to the workspace", async ({ page }) => {
    await page.goto("/b/prod-network");
    await page.getByTestId("workspace-filter").fill("prod-");
    await expect(page.getByTestId("workspace-row")).toHaveCount(2);
    await expect(page).toHaveURL(/\?q=prod-/);

    await page.goto("/b/prod-network?q=prod-");
    await expect(page.getByTestId("workspace-row")).toHaveCount(2);
    await page.getByTestId("sort-name").click();
    await page.getByTestId("sort-name").click();
    await expect(page.getByTestId("workspace-row").first()).toHaveAttribute("data-workspace", "prod-us");
    // The sort order is in the URL too: a reload (or a shared link) keeps it.
    await expect(page).toHaveURL(/[?&]sort=-name/);
    await page.reload();
    await expect(page.getByTestId("workspace-row").first()).toHaveAttribute("data-workspace", "prod-us");
    await expect(page.locator('[role="columnheader"]:has([data-testid="sort-name"])')).toHaveAttribute("aria-sort", "descending");

    await page.locator('[data-testid="workspace-row"][data-workspace="prod-eu"]').getByTestId("workspace-link").click();
    await expect(page).toHaveURL(/\/b\/prod-network\/w\/prod-eu\/state$/);
    await expect(page.getByTestId("workspace-title")).toHaveText("prod-eu");
  });

  test("ignores objects that are not workspace states and shows the lock file holder", async ({ page }) => {
    await page.goto("/b/platform");
    const names = await page.getByTestId("workspace-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-workspace")));
    // Other specs add their own workspaces; the seeded ones keep the tools' order (default first, then bytewise).
    expect(names.filter((n) => ["default", "dev", "feature-login", "qa"].includes(n!))).toEqual(["default", "dev", "feature-login", "qa"]);
    expect(names[0]).toBe("default");
    expect(names).not.toContain("README.md");
    await expect(page.locator('[data-testid="workspace-row"][data-workspace="qa"]').getByTestId("lock-badge")).toHaveAttribute("data-lock-who", "bob@workstation");
  });
});
