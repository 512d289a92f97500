import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { withSerial } from "@/lib/state/serial";
import { uniqueName } from "@/testkit/moto";
import { auditEventsFor } from "./support/audit-trail";
import { apiKeyOf, currentState, demoBackend, locksHeld, secretsOf, writeHistory } from "./support/estate";
import { storageStateFor, type SignInMethod } from "./support/helpers";
import { oidcRoleUser } from "./support/sso";

/**
 * What each demo role can do on the demo estate, through the UI: a viewer only reads (masked),
 * an operator breaks locks, an admin restores and reveals. Every test makes its own workspace.
 * Each tour runs twice: as the local demo users, and as OIDC users whose groups give the same roles
 * (signed in through the test OpenID Provider by auth.setup.ts); the audit trail names each by its id
 * (the provider's subject) and, for OIDC, its verified email.
 */

const net = demoBackend("prod-network");
const teams = demoBackend("data-teams");

/** Who the audit trail must name for a role's user signed in by `via`. */
function whoFor(role: "operator" | "admin", via: SignInMethod): Record<string, string> {
  if (via === "local") return { id: `local:demo-${role}` };
  const user = oidcRoleUser(role);
  return { id: `oidc:${user.sub}`, name: user.name, email: user.email };
}

const WRITE_CONTROLS = ["reveal-output", "reveal-instance", "restore-version-button", "recover-workspace-button", "break-lock-button", "repair-digest-button"];

/** The bodies of every response the page receives (documents, RSC payloads, action results). */
function captureResponses(page: Page): () => Promise<string[]> {
  const bodies: Promise<string>[] = [];
  page.on("response", (r) => bodies.push(r.text().catch(() => "")));
  return () => Promise.all(bodies);
}

async function expectNoControls(page: Page, controls: readonly string[]) {
  for (const id of controls) await expect(page.getByTestId(id), id).toHaveCount(0);
}

for (const via of ["local", "oidc"] as const) {
  test.describe(`as viewer (${via})`, () => {
    test.use({ storageState: storageStateFor("viewer", via) });

    test("sees every tab with no write or reveal control, and no sensitive value reaches the browser", async ({ page }) => {
      const ws = uniqueName("e2e-role-viewer");
      const [v1, v2] = await writeHistory(net, ws, 91, 2);
      await net.writer.corruptDigest(ws);
      const lock = await net.writer.lock(ws, { who: "crashed-ci@runner-5" });
      const secrets = [...secretsOf(v1!.bytes), ...secretsOf(v2!.bytes)];
      const responses = captureResponses(page);
      const html: string[] = [];

      await page.goto(`/b/${net.name}/w/${ws}/outputs`);
      const apiKey = page.locator('[data-testid="output-row"][data-output="api_key"]');
      await expect(apiKey).toHaveAttribute("data-sensitive", "true");
      await expect(apiKey.getByTestId("output-value")).toHaveText("(sensitive value)");
      html.push(await page.content());

      await page.goto(`/b/${net.name}/w/${ws}/state`);
      // Expanding an instance fetches its attributes through a read action: they come back masked.
      const db = page.locator('[data-testid="instance-row"][data-address="module.app.module.database.aws_db_instance.main"][data-deposed=""]');
      await db.getByTestId("instance-details").locator("summary").click();
      await db.getByTestId("attributes-as-json").click();
      await expect(db.getByTestId("instance-attributes")).toContainText('"password": "(sensitive value)"');
      html.push(await page.content());

      await page.goto(`/b/${net.name}/w/${ws}/versions`);
      await expect(page.getByTestId("version-row")).toHaveCount(2);
      html.push(await page.content());

      await page.goto(`/b/${net.name}/w/${ws}/lock`);
      await expect(page.getByTestId("lock-card")).toContainText(lock.ID);
      await expect(page.getByTestId("digest-panel")).toHaveAttribute("data-digest-status", "mismatch");
      await expectNoControls(page, WRITE_CONTROLS);
      html.push(await page.content());

      await page.goto(`/b/${net.name}/w/${ws}/diff?from=${v1!.versionId}&to=${v2!.versionId}`);
      await page.getByTestId("show-text-diff").click();
      await expect(page.getByTestId("text-diff")).toBeVisible();
      html.push(await page.content());

      for (const [i, h] of html.entries()) for (const s of secrets) expect(h.includes(s), `secret in page ${i}`).toBe(false);
      const bodies = await responses();
      expect(bodies.length).toBeGreaterThan(5);
      for (const b of bodies) for (const s of secrets) expect(b.includes(s), "secret in a response").toBe(false);
      await net.writer.unlock(ws, lock);
    });

    test("has no way to the other tabs' controls either", async ({ page }) => {
      const ws = uniqueName("e2e-role-viewer2");
      await writeHistory(net, ws, 92, 2);
      for (const tab of ["outputs", "state", "versions", "lock"]) {
        await page.goto(`/b/${net.name}/w/${ws}/${tab}`);
        await expect(page.getByTestId(`${tab}-tab`)).toBeVisible();
        await expectNoControls(page, WRITE_CONTROLS);
      }
    });
  });

  test.describe(`as operator (${via})`, () => {
    test.use({ storageState: storageStateFor("operator", via) });

    test("breaks a lock left by a crashed run: DynamoDB item and .tflock are gone; no restore, reveal or repair", async ({ page }) => {
      const ws = uniqueName("e2e-role-operator");
      await writeHistory(teams, ws, 93, 2);
      await teams.writer.corruptDigest(ws);
      const lock = await teams.writer.lock(ws, { who: "crashed-ci@runner-6", now: new Date(Date.now() - 3 * 3600_000) });
      expect(await locksHeld(teams, ws)).toEqual({ dynamodb: true, s3: true });

      await page.goto(`/b/${teams.name}/w/${ws}/lock`);
      await expect(page.getByTestId("digest-panel")).toHaveAttribute("data-digest-status", "mismatch");
      await expectNoControls(page, ["repair-digest-button"]);
      for (const kind of ["dynamodb", "s3"]) {
        const card = page.locator(`[data-testid="lock-card"][data-lock-kind="${kind}"]`);
        await card.getByTestId("break-lock-button").click();
        await card.getByTestId("use-lock-id").click();
        await expect(card.getByTestId("confirm-lock-id")).toHaveValue(lock.ID);
        await card.getByTestId("confirm-break-lock").click();
        await expect(card).toHaveCount(0);
      }
      await expect(page.getByTestId("unlocked")).toBeVisible();
      expect(await locksHeld(teams, ws)).toEqual({ dynamodb: false, s3: false });
      const unlocks = (await auditEventsFor(ws)).filter((e) => e.action === "unlock");
      expect(unlocks.length).toBeGreaterThan(0);
      for (const e of unlocks) expect(e).toMatchObject({ result: "ok", role: "operator", who: whoFor("operator", via) });

      for (const tab of ["versions", "outputs", "state"]) {
        await page.goto(`/b/${teams.name}/w/${ws}/${tab}`);
        await expect(page.getByTestId(`${tab}-tab`)).toBeVisible();
        await expectNoControls(page, WRITE_CONTROLS);
      }
    });
  });

  test.describe(`as admin (${via})`, () => {
    test.use({ storageState: storageStateFor("admin", via) });

    test("restores a prior version: the new current bytes are the chosen ones but for the serial, the digest matches", async ({ page }) => {
      const ws = uniqueName("e2e-role-restore");
      const [v1] = await writeHistory(net, ws, 94, 3);
      await page.goto(`/b/${net.name}/w/${ws}/versions`);
      await page.locator(`[data-testid="version-row"][data-version-id="${v1!.versionId}"]`).getByTestId("restore-version-button").click();
      await page.getByTestId("confirm-workspace-name").fill(ws);
      await page.getByTestId("confirm-restore").click();
      await expect(page.getByTestId("restored-notice")).toBeVisible();

      const now = await currentState(net, ws);
      expect(Buffer.from(now.bytes).equals(Buffer.from(withSerial(v1!.bytes, 4n)))).toBe(true);
      expect(now.digest).toBe(createHash("md5").update(now.bytes).digest("hex"));
    });

    test("reveals a sensitive output: the value is shown and one reveal event is recorded", async ({ page }) => {
      const ws = uniqueName("e2e-role-reveal");
      const [written] = await writeHistory(net, ws, 95, 1);
      const apiKey = apiKeyOf(written!.bytes);
      await page.goto(`/b/${net.name}/w/${ws}/outputs`);
      const row = page.locator('[data-testid="output-row"][data-output="api_key"]');
      // Masked until asked for.
      expect(await page.content()).not.toContain(apiKey);
      await row.getByTestId("reveal-output").click();
      await expect(row.getByTestId("revealed-value")).toHaveText(JSON.stringify(apiKey));

      const events = await auditEventsFor(ws);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "reveal", result: "ok", role: "admin", backend: net.name, workspace: ws, who: whoFor("admin", via), target: { output: "api_key" } });
    });
  });
}
