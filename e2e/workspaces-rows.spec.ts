import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/helpers";
import { fleetWorkspaces } from "@/testkit/estate";

/**
 * A listing longer than the rows sent with the page (the first 40 hydrate; the rest arrive as one text of
 * columns decoded after the first paint): every row, its flags and lock holders are there once decoded.
 */
test.describe("Workspaces table past the first rows", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("counts every workspace and finds rows beyond the first screen, with their lock holders and deleted markers", async ({ page }) => {
    await page.goto("/b/fleet");
    const count = page.getByTestId("workspace-count");
    await expect(count).toHaveText(/^\d+ workspaces$/);
    expect(Number((await count.textContent())!.split(" ")[0])).toBeGreaterThanOrEqual(fleetWorkspaces().length);

    const last = [...fleetWorkspaces()].sort().at(-1)!;
    await page.getByTestId("workspace-filter").fill(last);
    await expect(page.getByTestId("workspace-row")).toHaveCount(1);
    await expect(page.getByTestId("workspace-row")).toHaveAttribute("data-workspace", last);

    await page.getByTestId("workspace-filter").fill("search-ap-south-1-staging");
    const locked = page.locator('[data-testid="workspace-row"][data-workspace="search-ap-south-1-staging"]');
    await expect(locked).toHaveAttribute("data-locked", "true");
    await expect(locked.getByTestId("lock-badge")).toHaveAttribute("data-lock-who", "jenkins@agent-5");

    await page.getByTestId("workspace-filter").fill("old-reports");
    await expect(page.locator('[data-testid="workspace-row"][data-workspace="old-reports"]').getByTestId("deleted-badge")).toBeVisible();
  });
});
