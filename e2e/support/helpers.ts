import { expect, type Page } from "@playwright/test";
import path from "node:path";
import type { Role } from "@/lib/auth/types";

/** How a role's test user signed in: a local demo user, or an OIDC user of the test provider (testkit/sso.ts). */
export type SignInMethod = "local" | "oidc";

/** Where the setup project saves each role's signed-in session (per sign-in method). */
export function storageStateFor(role: Role, via: SignInMethod = "local"): string {
  return path.join(__dirname, "..", ".auth", `${via === "local" ? "" : `${via}-`}${role}.json`);
}

/** Saves a full-page screenshot of what the user sees to the git-ignored e2e/.artifacts/screenshots. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(__dirname, "..", ".artifacts", "screenshots", `${name}.png`), fullPage: true });
}

/**
 * Opens `url` and reloads it every `intervalMs` until `selector` is on the page (up to 90 s): for what an estate
 * pass or a cached listing shows within its freshness bound, not at once.
 */
export async function reloadUntilVisible(page: Page, url: string, selector: string, intervalMs = 2_000): Promise<void> {
  await page.goto(url);
  await expect(async () => {
    if ((await page.locator(selector).count()) === 0) {
      await page.reload();
      throw new Error(`not yet: ${selector}`);
    }
  }).toPass({ timeout: 90_000, intervals: [intervalMs] });
}
