import { expect, test, type Page } from "@playwright/test";
import { countsPhrase, stateCounts } from "@/lib/browser-safe/counts";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { listVersions, readStateObject } from "@/lib/backend/versions";
import type { BackendDefinition } from "@/lib/config/types";
import { loadState } from "@/lib/domain/state";
import { loadEncryptionSetup } from "@/lib/encryption/load";
import { diffStates } from "@/lib/state/diff";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import { DEMO_ENCRYPTION_ENV, DEMO_PASSPHRASE, demoEncryptedStates, demoEncryptionJson, ENCRYPTED_WORKSPACE, UNDECRYPTABLE_WORKSPACE } from "@/testkit/encrypted-estate";
import { estateBackends } from "@/testkit/estate";
import { toolStateBytes } from "@/testkit/tool-writer";
import { demoMetricsToken } from "../playwright.config";
import { storageStateFor } from "./support/helpers";

// The demo's encrypted backend (testkit/encrypted-estate.ts): five pbkdf2 + aes_gcm versions of default, and
// archive, sealed under a passphrase this server does not have. Runs in order: the last test restores default.
test.describe.configure({ mode: "serial" });

const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "payments")!;
const plain = demoEncryptedStates();
const decoder = new TextDecoder();

/** The project's own reader, with the settings the demo server has in its environment. */
async function reader(): Promise<BackendContext> {
  const def: BackendDefinition = { name: backend.name, options: backend.options, source: "e2e" };
  const encryption = await loadEncryptionSetup({ envVar: DEMO_ENCRYPTION_ENV, env: { [DEMO_ENCRYPTION_ENV]: demoEncryptionJson() }, cwd: "/" });
  if (encryption) def.encryption = encryption;
  return openBackend(def);
}

function parsed(state: Record<string, unknown>): ParsedState {
  const r = parseState(toolStateBytes("tofu", state));
  if (r.kind !== "state") throw new Error(`not a state: ${r.kind}`);
  return r.state;
}

/** Every response body the page receives, to prove that no passphrase or sensitive value reaches the browser. */
function recordBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (r) => {
    bodies.push(await r.text().catch(() => ""));
  });
  return bodies;
}

const apiKeys = plain.map((s) => (s.outputs as { api_key: { value: string } }).api_key.value);

test.describe("An OpenTofu-encrypted workspace", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("State: decrypted with the demo settings, marked by key provider and method", async ({ page }) => {
    const bodies = recordBodies(page);
    await page.goto(`/b/${backend.name}/w/${ENCRYPTED_WORKSPACE}/state`);
    await expect(page.getByTestId("state-tab")).toBeVisible();
    const newest = plain.at(-1)!;
    await expect(page.getByTestId("state-serial")).toHaveText(String(newest.serial));
    const badge = page.getByTestId("encryption-badge");
    await expect(badge).toHaveText("encrypted with pbkdf2 / aes_gcm, decrypted");
    await expect(badge).toHaveAttribute("data-decrypted", "true");
    const resources = newest.resources as { instances: unknown[] }[];
    await expect(page.getByTestId("resource-count")).toHaveText(countsPhrase(stateCounts({ resources })));
    await page.waitForLoadState("networkidle");
    for (const body of bodies) expect(body).not.toContain(DEMO_PASSPHRASE);
    // The built server decrypted it while it downloaded (on its worker thread), never after, for lack of a worker.
    const metrics = await (await page.request.get("/api/metrics", { headers: { authorization: `Bearer ${demoMetricsToken}` } })).text();
    expect(metrics).toMatch(/^statehouse_encrypted_state_reads_total\{how="streamed"\} [1-9]/m);
    expect(metrics).not.toMatch(/^statehouse_encrypted_state_reads_total\{how="whole"\} [1-9]/m);
  });

  test("Outputs: values as the decrypted state holds them, sensitive ones masked, and a snippet that decrypts", async ({ page }) => {
    const bodies = recordBodies(page);
    await page.goto(`/b/${backend.name}/w/${ENCRYPTED_WORKSPACE}/outputs`);
    const outputs = newestOutputs();
    await expect(page.getByTestId("output-row")).toHaveCount(Object.keys(outputs).length);
    await expect(page.locator('[data-testid="output-row"][data-output="region"]').getByTestId("output-value")).toContainText(String(outputs.region!.value));
    await expect(page.locator('[data-testid="output-row"][data-output="api_key"]')).toHaveAttribute("data-sensitive", "true");
    const snippet = page.getByTestId("remote-state-snippet");
    await expect(snippet).toContainText('remote_state_data_source "payments"');
    await expect(snippet).toContainText("passphrase               = var.payments_main_passphrase");
    await page.waitForLoadState("networkidle");
    for (const body of bodies) {
      expect(body).not.toContain(DEMO_PASSPHRASE);
      for (const k of apiKeys) expect(body).not.toContain(k);
    }
  });

  test("Versions: every version decrypted, its serial and changes shown", async ({ page }) => {
    await page.goto(`/b/${backend.name}/w/${ENCRYPTED_WORKSPACE}/versions`);
    const rows = page.getByTestId("version-row");
    await expect(rows).toHaveCount(plain.length);
    for (let i = 0; i < plain.length; i++) {
      const row = rows.nth(i);
      const state = plain[plain.length - 1 - i]!;
      await expect(row.getByTestId("version-serial")).toHaveText(String(state.serial));
      await expect(row.getByTestId("version-encryption")).toHaveAttribute("data-decrypted", "true");
    }
    // The newest version's change summary is the structural diff of the two newest plain states.
    const d = diffStates(parsed(plain.at(-2)!), parsed(plain.at(-1)!));
    const changes = rows.first().getByTestId("version-changes");
    if (d.counts.added + d.counts.changed + d.counts.removed > 0) {
      await expect(changes).toHaveAttribute("data-added", String(d.counts.added));
      await expect(changes).toHaveAttribute("data-changed", String(d.counts.changed));
      await expect(changes).toHaveAttribute("data-removed", String(d.counts.removed));
    }
  });

  test("Diff: the previous and current decrypted versions compared", async ({ page }) => {
    await page.goto(`/b/${backend.name}/w/${ENCRYPTED_WORKSPACE}/diff`);
    const d = diffStates(parsed(plain.at(-2)!), parsed(plain.at(-1)!));
    await expect(page.getByTestId("diff-serial")).toHaveText(`${plain.at(-2)!.serial} → ${plain.at(-1)!.serial}`);
    await expect(page.getByTestId("count-added")).toHaveAttribute("data-count", String(d.counts.added));
    await expect(page.getByTestId("count-changed")).toHaveAttribute("data-count", String(d.counts.changed));
    await expect(page.getByTestId("count-removed")).toHaveAttribute("data-count", String(d.counts.removed));
  });

  test("A workspace this server cannot decrypt says so, by which key provider and why, in State, Versions and the table", async ({ page }) => {
    const bodies = recordBodies(page);
    await page.goto(`/b/${backend.name}/w/${UNDECRYPTABLE_WORKSPACE}/state`);
    const panel = page.getByTestId("state-undecryptable");
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId("encryption-badge")).toHaveText("encrypted with pbkdf2, not decrypted: wrong passphrase or key");
    await expect(panel.getByTestId("error-state")).toHaveAttribute("data-error-code", "DECRYPTION_FAILED");

    await page.goto(`/b/${backend.name}/w/${UNDECRYPTABLE_WORKSPACE}/versions`);
    const row = page.getByTestId("version-row").first();
    await expect(row.getByTestId("version-encryption")).toHaveText("cannot decrypt");
    await expect(row.getByTestId("version-encryption")).toHaveAttribute("data-problem", "DECRYPTION_FAILED");
    await expect(row.getByTestId("version-serial")).toHaveText("1");

    await page.goto(`/b/${backend.name}`);
    const archiveRow = page.locator(`[data-testid="workspace-row"][data-workspace="${UNDECRYPTABLE_WORKSPACE}"]`);
    await expect(archiveRow.getByTestId("row-encryption")).toHaveText("cannot decrypt");
    const defaultRow = page.locator(`[data-testid="workspace-row"][data-workspace="${ENCRYPTED_WORKSPACE}"]`);
    await expect(defaultRow.getByTestId("row-encryption")).toHaveText("encrypted");
    await page.waitForLoadState("networkidle");
    for (const body of bodies) expect(body).not.toContain(DEMO_PASSPHRASE);
  });
});

function newestOutputs(): Record<string, { value: unknown }> {
  return plain.at(-1)!.outputs as Record<string, { value: unknown }>;
}

test.describe("Restore of an encrypted workspace as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("restores the oldest version: the new current version is sealed again, decrypts, serial = previous + 1, content restored", async ({ page }) => {
    const ctx = await reader();
    const before = await loadState(ctx, ENCRYPTED_WORKSPACE);
    if (before.result.kind !== "state") throw new Error(`current is ${before.result.kind}`);
    const previousSerial = before.result.state.serial;
    const oldest = (await listVersions(ctx, ENCRYPTED_WORKSPACE)).versions.filter((v) => !v.isDeleteMarker).at(-1)!;

    await page.goto(`/b/${backend.name}/w/${ENCRYPTED_WORKSPACE}/versions`);
    await page.locator(`[data-testid="version-row"][data-version-id="${oldest.versionId}"]`).getByTestId("restore-version-button").click();
    await expect(page.getByTestId("restore-view")).toBeVisible();
    await expect(page.getByTestId("restore-sealing")).toContainText("encrypted again as tofu writes it now: pbkdf2 / aes_gcm");
    await expect(page.getByTestId("restore-serial")).toContainText(`${previousSerial} → ${previousSerial + 1n}`);
    await page.getByTestId("confirm-workspace-name").fill(ENCRYPTED_WORKSPACE);
    await page.getByTestId("confirm-restore").click();
    await expect(page.getByTestId("restored-notice")).toBeVisible();

    // Through the project's own reader: an envelope again, decrypted by the primary method, the oldest content renumbered.
    const raw = JSON.parse(decoder.decode((await readStateObject(ctx, ENCRYPTED_WORKSPACE)).bytes)) as Record<string, unknown>;
    expect(raw).toMatchObject({ encryption_version: "v0", serial: Number(previousSerial + 1n), lineage: plain[0]!.lineage });
    const after = await loadState(ctx, ENCRYPTED_WORKSPACE);
    if (after.result.kind !== "state") throw new Error(`restored current is ${after.result.kind}`);
    expect(after.result.encryption).toMatchObject({ method: "method.aes_gcm.main", keyProviders: ["key_provider.pbkdf2.main"], fallback: false });
    expect(after.result.state.serial).toBe(previousSerial + 1n);
    const restored = parsed(plain[0]!);
    expect(after.result.state.outputs).toEqual(restored.outputs);
    expect(after.result.state.resources).toEqual(restored.resources);
    expect(after.metadata["statehouse-restored-from"]).toBe(oldest.versionId);

    // The page reads it back too.
    await page.goto(`/b/${backend.name}/w/${ENCRYPTED_WORKSPACE}/state`);
    await expect(page.getByTestId("state-serial")).toHaveText(String(previousSerial + 1n));
    await expect(page.getByTestId("encryption-badge")).toHaveAttribute("data-decrypted", "true");
  });
});
