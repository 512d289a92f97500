import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { demoBackend, writeHistory } from "./support/estate";
import { reloadUntilVisible, storageStateFor } from "./support/helpers";

/**
 * Who reads my outputs (issue 10): the Dependencies page draws the demo estate's edges (a cycle
 * platform/default ⇄ data-teams/analytics, the dangling read of the deleted prod-network/sandbox),
 * its nodes link to workspaces, and the producer's Outputs tab lists its readers. The page works
 * under the nonce-based Content-Security-Policy: no violation is reported while it draws.
 */

const net = demoBackend("prod-network");
const teams = demoBackend("data-teams");

/** A consumer's state: a demo state plus one terraform_remote_state reading `producer`'s workspace, as Terraform records it. */
function readingState(seed: number, name: string, producer: typeof net, workspace: string) {
  const state = buildState({ seed }) as { resources: unknown[] };
  const config = { bucket: producer.options.bucket, key: producer.options.key, region: "us-east-1" };
  state.resources.push({
    mode: "data",
    type: "terraform_remote_state",
    name,
    provider: 'provider["terraform.io/builtin/terraform"]',
    instances: [{ schema_version: 0, attributes: { backend: "s3", config: { value: config, type: ["object", { bucket: "string", key: "string", region: "string" }] }, defaults: null, outputs: { value: {}, type: ["object", {}] }, workspace }, sensitive_attributes: [] }],
  });
  return state;
}

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

const edge = (producer: string, consumer: string) => `[data-testid="dependency-edge"][data-producer="${producer}"][data-consumer="${consumer}"]`;

test.describe("as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the Dependencies page shows the demo's edges, marks the cycle and the dangling reference, and its nodes link to workspaces", async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto("/");
    await page.getByTestId("nav-dependencies").click();
    await expect(page).toHaveURL(/\/dependencies$/);
    await expect(page.getByTestId("dependencies-page")).toBeVisible();

    // The text list: every demo edge with its data source, cycle and dangling marked.
    const rows = [
      { p: "prod-network/default", c: "platform/default", address: "data.terraform_remote_state.network", cycle: "false", dangling: "false" },
      { p: "data-teams/analytics", c: "platform/default", address: "data.terraform_remote_state.analytics", cycle: "true", dangling: "false" },
      { p: "platform/default", c: "data-teams/analytics", address: "data.terraform_remote_state.platform", cycle: "true", dangling: "false" },
      { p: "prod-network/staging", c: "data-teams/analytics", address: "data.terraform_remote_state.staging", cycle: "false", dangling: "false" },
      { p: "prod-network/sandbox", c: "data-teams/analytics", address: "data.terraform_remote_state.sandbox", cycle: "false", dangling: "true" },
    ];
    for (const r of rows) {
      const row = page.locator(edge(r.p, r.c));
      await expect(row, `${r.p} -> ${r.c}`).toHaveCount(1);
      await expect(row).toContainText(r.address);
      await expect(row).toHaveAttribute("data-cycle", r.cycle);
      await expect(row).toHaveAttribute("data-dangling", r.dangling);
    }
    await expect(page.locator(edge("prod-network/sandbox", "data-teams/analytics"))).toContainText("dangling");
    await expect(page.locator(edge("platform/default", "data-teams/analytics"))).toContainText("cycle");

    // The drawing (React Flow at elkjs's positions): nodes marked, edges drawn, the missing workspace has no link.
    const graph = page.getByTestId("dependency-graph");
    await expect(graph.locator(".react-flow__edge").first()).toBeVisible();
    expect(await graph.locator(".react-flow__edge").count()).toBeGreaterThanOrEqual(rows.length);
    const node = (b: string, w: string) => graph.locator(`[data-testid="graph-node"][data-backend="${b}"][data-workspace="${w}"]`);
    await expect(node("platform", "default")).toHaveAttribute("data-cycle", "true");
    await expect(node("data-teams", "analytics")).toHaveAttribute("data-cycle", "true");
    await expect(node("prod-network", "default")).toHaveAttribute("data-cycle", "false");
    await expect(node("prod-network", "sandbox")).toHaveAttribute("data-missing", "true");
    await expect(node("prod-network", "sandbox").locator("a")).toHaveCount(0);
    await expect(node("prod-network", "sandbox")).toContainText("missing");

    await node("platform", "default").getByRole("link", { name: "default" }).click();
    await expect(page).toHaveURL(/\/b\/platform\/w\/default\/outputs$/);
    await expect(page.getByTestId("outputs-tab")).toBeVisible();
    expect(violations, violations.join("\n")).toEqual([]);
  });

  test("filters by backend in the URL", async ({ page }) => {
    await page.goto("/dependencies");
    await page.locator('[data-testid="backend-filter"][value="prod-network"]').check();
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(page).toHaveURL(/\/dependencies\?backend=prod-network$/);
    await expect(page.locator(edge("prod-network/default", "platform/default"))).toHaveCount(1);
    await expect(page.locator(edge("prod-network/sandbox", "data-teams/analytics"))).toHaveCount(1);
    // The cycle does not touch prod-network: filtered out.
    await expect(page.locator(edge("platform/default", "data-teams/analytics"))).toHaveCount(0);

    await page.goto("/dependencies?backend=legacy-tools");
    await expect(page.getByTestId("dependency-edge")).toHaveCount(0);
    await expect(page.getByTestId("empty-state")).toContainText("No workspace reads another");
    // A name that is no backend is ignored, as if absent: the whole estate shows.
    await page.goto("/dependencies?backend=no-such-backend");
    await expect(page.locator(edge("platform/default", "data-teams/analytics"))).toHaveCount(1);
  });

  test("the producer's Outputs tab lists who reads it, with the data source address; the consumer's State tab what it reads", async ({ page }) => {
    await page.goto(`/b/prod-network/w/default/outputs`);
    const reader = page.locator('[data-testid="reader"][data-backend="platform"][data-workspace="default"]');
    await expect(reader).toBeVisible();
    await expect(reader.getByTestId("reader-address")).toHaveText("data.terraform_remote_state.network");
    await reader.getByRole("link", { name: "platform/default" }).click();
    await expect(page).toHaveURL(/\/b\/platform\/w\/default\/state$/);

    const sources = page.getByTestId("reads-from");
    await expect(sources.locator('[data-testid="source"][data-backend="prod-network"][data-workspace="default"]')).toContainText("data.terraform_remote_state.network");
    await expect(sources.locator('[data-testid="source"][data-backend="data-teams"][data-workspace="analytics"]')).toContainText("cycle");

    await page.goto(`/b/data-teams/w/analytics/state`);
    await expect(page.locator('[data-testid="source"][data-backend="prod-network"][data-workspace="sandbox"]')).toHaveAttribute("data-dangling", "true");
  });
});

test.describe("as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("the restore preview and the diff name the readers whose outputs change", async ({ page }) => {
    const producer = uniqueName("e2e-deps-producer");
    const consumer = uniqueName("e2e-deps-consumer");
    const [v1, v2] = await writeHistory(net, producer, 61, 2);
    await teams.writer.apply(consumer, readingState(62, "producer", net, producer));

    // Restoring v1 over v2 changes `settings` (each apply bumps a tag) and the other generation-bound outputs.
    // The graph is rebuilt at most every 15 s per process: reload until the seeded edge shows.
    await reloadUntilVisible(page, `/b/${net.name}/w/${producer}/versions/restore?version=${v1!.versionId}`, '[data-testid="affected-readers"]', 3_000);
    const notice = page.getByTestId("affected-readers");
    await expect(notice).toContainText("1 workspace reads");
    await expect(notice).toContainText("`settings`");
    await expect(notice.getByTestId("affected-reader")).toHaveText(`data-teams/${consumer}`);
    await expect(notice.getByTestId("affected-reader")).toHaveAttribute("title", "data.terraform_remote_state.producer");

    await page.goto(`/b/${net.name}/w/${producer}/diff?from=${v1!.versionId}&to=${v2!.versionId}`);
    await expect(page.getByTestId("affected-readers").getByTestId("affected-reader")).toHaveText(`data-teams/${consumer}`);
  });
});
