import type { Page } from "@playwright/test";
import path from "node:path";
import type { Role } from "@/lib/auth/types";

/** Where the setup project saves each demo role's signed-in session. */
export function storageStateFor(role: Role): string {
  return path.join(__dirname, "..", ".auth", `${role}.json`);
}

/** Saves a full-page screenshot of what the user sees to the git-ignored e2e/.artifacts/screenshots. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(__dirname, "..", ".artifacts", "screenshots", `${name}.png`), fullPage: true });
}
