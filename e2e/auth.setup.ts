import { test as setup, expect } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo";
import { ROLES } from "@/lib/auth/types";
import { storageStateFor } from "./support/helpers";
import { oidcRoleUser, signInWithOidc } from "./support/sso";

/** Signs in once per demo role through the real sign-in page and saves each session for the tests. */
for (const account of DEMO_ACCOUNTS) {
  setup(`sign in as demo ${account.role}`, async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await page.getByTestId(`demo-signin-${account.role}`).click();
    await expect(page.getByTestId("user-menu")).toBeVisible();
    await page.context().storageState({ path: storageStateFor(account.role) });
  });
}

/** The same roles through the test OpenID Provider: users whose groups map to each role (the role tours run as both). */
for (const role of ROLES) {
  setup(`sign in through OIDC as ${role}`, async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await signInWithOidc(page, oidcRoleUser(role).login);
    await page.context().storageState({ path: storageStateFor(role, "oidc") });
  });
}
