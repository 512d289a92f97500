import { ListObjectVersionsCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { restoreVersion } from "@/lib/domain/versions";
import { estateBackends } from "@/testkit/estate";
import { rawClients, uniqueName } from "@/testkit/moto";
import { ToolWriter, type WriteResult } from "@/testkit/tool-writer";
import { snap, storageStateFor } from "./support/helpers";

// A resource's history and the Changes page. Each test seeds its own workspace in data-teams, so
// the demo estate stays as the other specs expect it; the demo's own spread history is read raw.
const backends = estateBackends(process.env.MOTO_ENDPOINT!);
const teams = backends.find((b) => b.name === "data-teams")!;
const ctx = openBackend({ name: teams.name, options: teams.options, source: "e2e" });
const writer = new ToolWriter(ctx);

const ADDRESS = "aws_instance.web[0]";
const SECRET = "hist-e2e-password";

/**
 * One web instance through its life, beside a neighbour that changes in every version (so every
 * version has a change): absent, added, untouched, changed (port and password), tainted, removed, added back.
 */
function state(serial: number, web: { port: number; ami: string; tainted?: boolean } | null) {
  const resources: unknown[] = [
    { mode: "managed", type: "null_resource", name: "tick", provider: 'provider["registry.terraform.io/hashicorp/null"]', instances: [{ schema_version: 0, attributes: { id: String(serial) }, sensitive_attributes: [] }] },
  ];
  if (web) {
    resources.push({
      mode: "managed",
      type: "aws_instance",
      name: "web",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          index_key: 0,
          schema_version: 1,
          ...(web.tainted ? { status: "tainted" } : {}),
          attributes: { id: "i-0e2e", ami: web.ami, ingress: [{ from_port: web.port }], password: `${SECRET}-${web.port}` },
          sensitive_attributes: [[{ type: "get_attr", value: "password" }]],
        },
      ],
    });
  }
  return { version: 4, terraform_version: "1.10.3", serial, lineage: "9c1d2e3f-0000-4000-8000-00000000e2e1", outputs: {}, resources, check_results: null };
}

async function seedLife(ws: string): Promise<WriteResult[]> {
  const life: ({ port: number; ami: string; tainted?: boolean } | null)[] = [
    null,
    { port: 80, ami: "ami-1" },
    { port: 80, ami: "ami-1" },
    { port: 81, ami: "ami-1" },
    { port: 81, ami: "ami-1", tainted: true },
    null,
    { port: 443, ami: "ami-2" },
  ];
  const written: WriteResult[] = [];
  for (const [i, web] of life.entries()) written.push(await writer.apply(ws, state(i + 1, web)));
  return written;
}

test.describe("as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("from an instance on the State tab to its history, and on to a diff", async ({ page }) => {
    const ws = uniqueName("e2e-hist");
    const v = await seedLife(ws);
    const bodies: string[] = [];
    page.on("response", async (r) => {
      bodies.push(await r.text().catch(() => ""));
    });

    await page.goto(`/b/${teams.name}/w/${ws}/state`);
    const row = page.locator(`[data-testid="instance-row"][data-address="${ADDRESS}"]`);
    await expect(row).toBeVisible();
    await row.getByTestId("instance-details").locator("summary").click();
    await row.getByTestId("history-link").click();
    await expect(page).toHaveURL(new RegExp(`/w/${ws}/history\\?address=`));
    await expect(page.getByTestId("history-page")).toHaveAttribute("data-address", ADDRESS);
    await expect(page.getByTestId("history-address")).toHaveText(ADDRESS);
    const history = page.getByTestId("instance-history");
    await expect(history).toHaveAttribute("data-done", "true", { timeout: 60_000 });
    await expect(history).toHaveAttribute("data-versions-read", "7");
    await expect(history).toContainText("Read all 7 of 7 versions, 5 with a change to this instance");

    const entries = page.getByTestId("history-entry");
    // Newest first: added back, removed, tainted, changed (port and password: paths only), added. Version 3 changed nothing of it.
    await expect(entries).toHaveCount(5);
    const seen = await entries.evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-serial"), r.getAttribute("data-change"), r.getAttribute("data-version-id")]));
    expect(seen).toEqual([
      ["7", "added", v[6]!.versionId],
      ["6", "removed", v[5]!.versionId],
      ["5", "tainted", v[4]!.versionId],
      ["4", "changed", v[3]!.versionId],
      ["2", "added", v[1]!.versionId],
    ]);
    await snap(page, "history-of-an-instance");
    const changed = page.locator(`[data-testid="history-entry"][data-serial="4"]`);
    await expect(changed.getByTestId("history-paths")).toHaveText(/ingress\[0\]\.from_port\s*password/);
    // Restore is offered for every version but the current one.
    await expect(page.locator(`[data-testid="history-entry"][data-serial="7"]`).getByTestId("history-restore")).toHaveCount(0);
    await expect(changed.getByTestId("history-restore")).toHaveAttribute("href", new RegExp(`version=${encodeURIComponent(v[3]!.versionId)}`));

    await changed.getByTestId("history-diff").click();
    const diff = page.getByTestId("diff-tab");
    await expect(diff).toHaveAttribute("data-from", v[2]!.versionId);
    await expect(diff).toHaveAttribute("data-to", v[3]!.versionId);
    await expect(page.getByTestId("diff-serial")).toHaveText("3 → 4");
    await expect(page.locator(`[data-testid="diff-row"][data-kind="changed"][data-address="${ADDRESS}"]`)).toBeVisible();
    // No password of any version reached the browser (paths only in the history; masked in the diff).
    expect(bodies.join("\n")).not.toContain(SECRET);
  });

  test("the Changes page since a time: the window's versions with counts, the restore marked, each row to its diff", async ({ page }) => {
    const ws = uniqueName("e2e-chg");
    const v = await seedLife(ws);
    // A restore as Statehouse writes it (the real restore, through the same backend): version 1's content back as serial 8.
    const restored = await restoreVersion(ctx, { workspace: ws, versionId: v[0]!.versionId, who: "demo-admin@example.com via Statehouse" });

    await page.goto("/");
    await page.getByTestId("nav-changes").click();
    await expect(page).toHaveURL(/\/changes$/);
    await page.getByTestId("changes-backend").selectOption(teams.name);
    await page.getByTestId("changes-workspace").fill(ws);
    await page.getByTestId("since-preset").filter({ hasText: "Last hour" }).click();
    await expect(page).toHaveURL(new RegExp(`since=1h&backend=${teams.name}&workspace=${ws}`));

    const rows = page.getByTestId("change-row");
    await expect(rows).toHaveCount(8, { timeout: 60_000 });
    await expect(page.getByTestId("changes-total")).toHaveAttribute("data-total", "8");
    const serials = await page.getByTestId("change-serial").allTextContents();
    expect(serials).toEqual(["8", "7", "6", "5", "4", "3", "2", "1"]);
    expect(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute("data-version-id")))).toEqual([restored.newVersionId, ...v.map((w) => w.versionId).reverse()]);
    const counts = (versionId: string) => page.locator(`[data-testid="change-row"][data-version-id="${versionId}"] [data-testid="change-counts"]`);
    // Added with the neighbour changed; removed with it; the restore removes the web instance again.
    await expect(counts(v[1]!.versionId)).toHaveText("+1 ~1 −0");
    await expect(counts(v[5]!.versionId)).toHaveText("+0 ~1 −1");
    await expect(counts(restored.newVersionId)).toHaveText("+0 ~1 −1");
    await expect(counts(v[0]!.versionId)).toHaveText("+1 ~0 −0");
    await snap(page, "changes-since");
    const restoreRow = page.locator(`[data-testid="change-row"][data-version-id="${restored.newVersionId}"]`);
    await expect(restoreRow.getByTestId("change-restored")).toContainText(`restored from ${v[0]!.versionId.slice(0, 10)}`);
    await expect(restoreRow.getByTestId("change-restored")).toContainText("by demo-admin@example.com");
    await expect(restoreRow.getByTestId("change-restored")).toHaveAttribute("title", `restored from ${v[0]!.versionId} by demo-admin@example.com via Statehouse`);
    // One form: the filters start again from the URL after each change of window.
    await expect(page.getByTestId("changes-filter")).toHaveCount(1);

    await page.locator(`[data-testid="change-row"][data-version-id="${v[3]!.versionId}"]`).getByTestId("change-diff").click();
    await expect(page.getByTestId("diff-tab")).toHaveAttribute("data-to", v[3]!.versionId);
    await expect(page.getByTestId("diff-tab")).toHaveAttribute("data-from", v[2]!.versionId);
    await expect(page.getByTestId("diff-serial")).toHaveText("3 → 4");
  });
});

test.describe("from a search result", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("a hit's History link opens that instance's history", async ({ page }) => {
    const ws = uniqueName("e2e-hsearch");
    const v = await seedLife(ws);
    const hit = `[data-testid="search-hit"][data-workspace="${ws}"][data-address="${ADDRESS}"]`;
    // The index is a per-process snapshot refreshed at most every 30 s: search again until the new workspace is in it.
    await page.goto(`/search?q=${encodeURIComponent(`type:aws_instance workspace:${ws}`)}`);
    await expect(async () => {
      if ((await page.locator(hit).count()) === 0) {
        await page.reload();
        throw new Error("not indexed yet");
      }
    }).toPass({ timeout: 90_000, intervals: [2_000] });
    await page.locator(hit).getByTestId("history-link").click();
    await expect(page.getByTestId("history-page")).toHaveAttribute("data-address", ADDRESS);
    await expect(page.getByTestId("instance-history")).toHaveAttribute("data-done", "true", { timeout: 60_000 });
    await expect(page.getByTestId("history-entry").first()).toHaveAttribute("data-version-id", v[6]!.versionId);
    // A viewer is offered no restore.
    await expect(page.getByTestId("history-restore")).toHaveCount(0);
  });
});

test.describe("in the user's time zone", () => {
  test.use({ storageState: storageStateFor("viewer"), timezoneId: "Asia/Kolkata" });

  test("a date and time picked in the user's zone bounds the window: the demo's platform/default versions of the last 7 days", async ({ page }) => {
    const platform = backends.find((b) => b.name === "platform")!;
    const since = new Date(Date.now() - 7 * 86400_000);
    // The truth, read raw from S3: platform/default's versions written since then, newest first.
    const { s3 } = rawClients();
    const key = stateKey(platform.options, "default");
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: platform.options.bucket, Prefix: key }));
    const inWindow = (listed.Versions ?? []).filter((o) => o.Key === key && o.LastModified! >= since).sort((a, b) => b.LastModified!.getTime() - a.LastModified!.getTime());
    const serials = await Promise.all(
      inWindow.map(async (o) => {
        const body = await (await s3.send(new GetObjectCommand({ Bucket: platform.options.bucket, Key: key, VersionId: o.VersionId }))).Body!.transformToString();
        return String((JSON.parse(body) as { serial: number }).serial);
      }),
    );
    // The demo spreads platform/default over 14 days: some of its history is older than the window.
    expect(serials.length).toBeGreaterThan(0);
    expect(serials.length).toBeLessThan((listed.Versions ?? []).filter((o) => o.Key === key).length);

    // The minute before `since`, as a clock in Kolkata shows it.
    const local = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Kolkata", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .format(new Date(since.getTime() - 60_000))
      .replace(" ", "T");
    await page.goto(`/changes?backend=${platform.name}&workspace=default`);
    await page.getByTestId("since-at").fill(local);
    await page.getByTestId("changes-apply").click();
    await expect(page).toHaveURL(/since=\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A00%2B05%3A30/);
    await expect(page.getByTestId("change-row")).toHaveCount(serials.length, { timeout: 60_000 });
    expect(await page.getByTestId("change-serial").allTextContents()).toEqual(serials);
    // Every row names its backend and workspace and says what it changed.
    for (const row of await page.getByTestId("change-row").all()) {
      await expect(row).toHaveAttribute("data-backend", platform.name);
      await expect(row.getByTestId("change-counts")).toHaveText(/^\+\d+ ~\d+ −\d+$/);
    }
  });
});
