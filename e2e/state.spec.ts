import { expect, test, type Page } from "@playwright/test";
import { storageStateFor } from "./support/helpers";
import { openBackend } from "@/lib/backend/context";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { countsPhrase, stateCounts } from "@/lib/browser-safe/counts";
import { currentState, sensitiveStrings, versionIds } from "./support/estate-truth";

const STATE = "/b/prod-network/w/default/state";
const platformDef = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "platform")!;
const platform = new ToolWriter(openBackend({ name: platformDef.name, options: platformDef.options, source: "e2e" }), "tofu");

/** Everything the browser received: the HTML (with its RSC payload) and every later response body. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (r) => {
    const text = await r.text().catch(() => "");
    bodies.push(text);
  });
  return bodies;
}

test.describe("State tab as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("groups resources by module and marks data sources, tainted and deposed objects", async ({ page }) => {
    const truth = await currentState("prod-network", "default");
    await page.goto(STATE);
    await expect(page.getByTestId("tab-state")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("state-serial")).toHaveText(String(truth.serial));
    await expect(page.getByTestId("resource-count")).toHaveText(countsPhrase(stateCounts(truth)));
    await expect(page.locator('[data-testid="module-group"][data-module=""]')).toContainText("Root module");
    await expect(page.locator('[data-testid="module-group"][data-module="module.app"]')).toBeVisible();
    await expect(page.locator('[data-testid="resource-row"][data-address="data.aws_ami.ubuntu"]')).toHaveAttribute("data-mode", "data");
    await expect(page.locator('[data-testid="instance-row"][data-address="module.app.aws_instance.web[1]"]').getByTestId("tainted-badge")).toBeVisible();
    await expect(page.getByTestId("deposed-badge")).toHaveCount(1);
  });

  test("filters by type through a shareable ?q= URL", async ({ page }) => {
    await page.goto(STATE);
    await page.getByTestId("resource-filter").fill("aws_db_instance");
    await page.getByTestId("resource-filter").press("Enter");
    await expect(page).toHaveURL(/\?q=aws_db_instance/);
    await expect(page.getByTestId("resource-row")).toHaveCount(1);
    await expect(page.getByTestId("resource-row")).toHaveAttribute("data-address", "module.app.module.database.aws_db_instance.main");
  });

  test("expands an instance's attributes masked, with no reveal control, and never sends a secret", async ({ page }) => {
    const secrets = sensitiveStrings(await currentState("prod-network", "default"));
    expect(secrets.length).toBeGreaterThan(2);
    const bodies = recordResponses(page);
    await page.goto(STATE);
    const row = page.locator('[data-testid="resource-row"][data-address="random_password.api_key"]');
    await row.getByText("Attributes (1 sensitive)").click();
    // A key/value table first, the raw JSON one click away.
    const table = row.getByTestId("attribute-table");
    await expect(table.locator('[data-testid="attribute-row"][data-key="result"]')).toContainText("(sensitive value)");
    await expect(table.locator('[data-testid="attribute-row"][data-key="length"]')).toContainText("32");
    await row.getByTestId("attributes-as-json").click();
    await expect(row.getByTestId("instance-attributes")).toContainText('"result": "(sensitive value)"');
    await expect(row.getByTestId("instance-attributes")).toContainText('"length": 32');
    await expect(page.getByTestId("reveal-instance")).toHaveCount(0);

    // The database has a deposed object too: each of its instances is a row of its own.
    const db = page.locator('[data-testid="instance-row"][data-address="module.app.module.database.aws_db_instance.main"][data-deposed=""]');
    await db.getByText("Attributes (1 sensitive)").click();
    await expect(db.locator('[data-testid="attribute-row"][data-key="password"]')).toContainText("(sensitive value)");

    const received = (await page.content()) + bodies.join("\n");
    for (const s of secrets) expect(received, `a viewer received the secret ${s.slice(0, 6)}…`).not.toContain(s);
  });

  test("lists thousands of instances in a virtualized list: few rows in the DOM, the last one reachable", async ({ page }) => {
    const ws = uniqueName("e2e-bigstate");
    const servers = 3000;
    await platform.putState(ws, buildState({ seed: 61, webServers: servers }));
    await page.goto(`/b/platform/w/${ws}/state`);
    const list = page.getByTestId("resource-list");
    // Every instance is listed (no cap asking for a narrower filter) …
    expect(Number(await list.getAttribute("data-rows"))).toBeGreaterThan(servers);
    await expect(page.getByText(/narrow the filter/)).toHaveCount(0);
    // … but only the rows in view are rendered.
    const instances = page.getByTestId("instance-row");
    await expect(instances.first()).toBeVisible();
    expect(await instances.count()).toBeLessThan(200);

    const last = page.locator(`[data-testid="instance-row"][data-address="module.app.aws_instance.web[${servers - 1}]"]`);
    await expect(async () => {
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(last).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    expect(await instances.count()).toBeLessThan(200);
    // Expanding a row far down still fetches its (masked) attributes and the row grows to show them.
    await last.getByTestId("instance-details").locator("summary").click();
    await last.locator('[data-testid="attribute-nested"][data-path="tags"] > summary').click();
    await expect(last.locator('[data-testid="attribute-row"][data-key="tags.Name"]')).toContainText(`web-${servers - 1}`);
  });

  test("shows a prior version with ?version= and says so", async ({ page }) => {
    const ids = await versionIds("prod-network", "default");
    const older = ids[3]!;
    const truth = await currentState("prod-network", "default", older);
    await page.goto(`${STATE}?version=${encodeURIComponent(older)}`);
    await expect(page.getByTestId("prior-version-banner")).toBeVisible();
    await expect(page.getByTestId("state-serial")).toHaveText(String(truth.serial));
    await expect(page.getByTestId("state-version-id")).toHaveText(older);
  });

  test("explains a deleted workspace and a workspace without state", async ({ page }) => {
    await page.goto("/b/prod-network/w/sandbox/state");
    await expect(page.getByTestId("workspace-deleted")).toContainText("restore its last version from the Versions tab");
    await expect(page.getByTestId("deleted-badge")).toBeVisible();
    await page.getByRole("link", { name: "restore its last version from the Versions tab" }).click();
    await expect(page).toHaveURL(/\/w\/sandbox\/versions$/);

    await page.goto("/b/data-teams/w/default/state");
    await expect(page.getByTestId("no-state")).toContainText("No state yet");
  });

  test("tabs are links with their own URLs", async ({ page }) => {
    await page.goto("/b/prod-network/w/default");
    await expect(page).toHaveURL(/\/w\/default\/state$/);
    await page.getByTestId("tab-outputs").click();
    await expect(page).toHaveURL(/\/w\/default\/outputs$/);
    await expect(page.getByTestId("tab-outputs")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("state-key")).toHaveText("s3://acme-prod-network/network/terraform.tfstate");
  });
});

test.describe("State tab as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("reveals an instance's sensitive attributes on request", async ({ page }) => {
    const truth = await currentState("prod-network", "default");
    const inst = truth.resources.find((r) => r.address === "random_password.api_key")!.instances[0]!;
    await page.goto(STATE);
    const row = page.locator('[data-testid="resource-row"][data-address="random_password.api_key"]');
    await row.getByText("Attributes (1 sensitive)").click();
    const result = row.locator('[data-testid="attribute-row"][data-key="result"]');
    await expect(result).toContainText("(sensitive value)");
    await row.getByTestId("reveal-instance").click();
    await expect(result).toContainText(String((inst.attributes as Record<string, unknown>).result));
  });
});
