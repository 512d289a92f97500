import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/helpers";
import { currentState, sensitiveStrings } from "./support/estate-truth";

const OUTPUTS = "/b/prod-network/w/default/outputs";

test.describe("Outputs tab as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("shows the terraform_remote_state view: names, type expressions, values, references", async ({ page }) => {
    const truth = await currentState("prod-network", "default");
    await page.goto(OUTPUTS);
    await expect(page.getByTestId("output-row")).toHaveCount(Object.keys(truth.outputs).length);
    const azs = page.locator('[data-testid="output-row"][data-output="azs"]');
    await expect(azs.getByTestId("output-type")).toHaveText("tuple([string, string, string])");
    const vpc = page.locator('[data-testid="output-row"][data-output="vpc_id"]');
    await expect(vpc.getByTestId("output-value")).toHaveText(JSON.stringify(truth.outputs.vpc_id!.value));
    await expect(vpc.getByTestId("output-reference")).toHaveText("data.terraform_remote_state.prod-network.outputs.vpc_id");
    await expect(vpc.getByTestId("copy-reference")).toBeVisible();

    const apiKey = page.locator('[data-testid="output-row"][data-output="api_key"]');
    await expect(apiKey).toHaveAttribute("data-sensitive", "true");
    await expect(apiKey.getByTestId("output-value")).toHaveText("(sensitive value)");
    await expect(page.getByTestId("reveal-output")).toHaveCount(0);
  });

  test("gives the data source block, the JSON and the flat attribute listing", async ({ page }) => {
    await page.goto(OUTPUTS);
    const snippet = page.getByTestId("remote-state-snippet");
    await expect(snippet).toContainText('data "terraform_remote_state" "prod-network" {');
    await expect(snippet).toContainText('bucket = "acme-prod-network"');
    await expect(snippet).toContainText('key    = "network/terraform.tfstate"');
    await expect(snippet.getByTestId("copy-button")).toBeVisible();
    await expect(page.getByTestId("outputs-json")).toContainText('"api_key": {');
    await expect(page.getByTestId("outputs-flat")).toContainText("outputs.azs.# = 3");
    await expect(page.getByTestId("outputs-flat")).toContainText("outputs.api_key = (sensitive value)");
  });

  test("a viewer's page never contains a sensitive value", async ({ page }) => {
    const secrets = sensitiveStrings(await currentState("prod-network", "default"));
    const res = await page.goto(OUTPUTS);
    const html = (await res!.text()) + (await page.content());
    for (const s of secrets) expect(html, `a viewer received the secret ${s.slice(0, 6)}…`).not.toContain(s);
  });

  test("a named workspace's snippet selects the workspace", async ({ page }) => {
    await page.goto("/b/prod-network/w/staging/outputs");
    await expect(page.getByTestId("remote-state-snippet")).toContainText('workspace = "staging"');
  });
});

test.describe("Outputs tab as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("reveals one sensitive output on request", async ({ page }) => {
    const truth = await currentState("prod-network", "default");
    await page.goto(OUTPUTS);
    const apiKey = page.locator('[data-testid="output-row"][data-output="api_key"]');
    await expect(apiKey.getByTestId("output-value")).toHaveText("(sensitive value)");
    await apiKey.getByTestId("reveal-output").click();
    await expect(apiKey.getByTestId("revealed-value")).toHaveText(JSON.stringify(truth.outputs.api_key!.value));
    await expect(apiKey).toContainText("this was recorded in the audit trail");
  });
});
