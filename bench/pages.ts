/**
 * Speed a person feels (issue 12): the Versions page of a long history warm against the raw listing
 * it replaced, the same page right after a new version (it must show it), moving between a
 * workspace's tabs in the browser (warm) beside a full load of the same tab, and the longest
 * main-thread task of each of 5 loads of the 2,000-row workspaces page and of the 30 MB diff page.
 * Run alone: BENCH_ONLY=pages (seeds the listing and the 30 MB pair, and its own history of
 * BENCH_PAGES_VERSIONS versions unless the 5,000-version one was seeded).
 */
import { chromium, type Page } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { listObjectVersions } from "@/lib/backend/versions";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import type { BenchContext, BenchSection } from "./section";
import { CHROMIUM_ARGS, getPage, longestTasks, signIn, startServer, writeConfig } from "./server";
import { figure } from "./stats";
import type { Row } from "./table";

const LONG_TASK_LOADS = 5;
const OWN_HISTORY = "pages-history";

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

/** Clicks a tab and waits for its content: ms from the click to the tab's content on screen. */
async function switchTab(page: Page, tab: string, ready: string): Promise<number> {
  const t0 = performance.now();
  await page.getByTestId(`tab-${tab}`).click();
  await page.waitForSelector(ready, { timeout: 120_000 });
  return performance.now() - t0;
}

export const pagesSection: BenchSection = {
  name: "pages",
  needs: ["listing", "big"],
  async run(ctx: BenchContext): Promise<Row[]> {
    if (!ctx.appDir) throw new Error("the pages section needs a server build (BENCH_APP_DIR)");
    const { backends: b, runs, log } = ctx;
    // The history: the scenario's 5,000 versions when seeded, else a shorter one of our own (seeding is one put at a time).
    const own = !ctx.seeded.has("history");
    const history = own ? { def: b.listing, workspace: OWN_HISTORY } : { def: b.versions, workspace: b.historyWorkspace };
    const historyCtx = openBackend(history.def);
    const writer = new ToolWriter(historyCtx);
    if (own) {
      const n = Number(process.env.BENCH_PAGES_VERSIONS ?? 1000);
      log(`pages: writing ${n} versions of ${OWN_HISTORY}…`);
      for (let i = 0; i < n; i++) await writer.putState(OWN_HISTORY, buildState({ seed: 99, serial: i + 1, lineage: lineageFor(99) }));
    }
    const key = stateKey(history.def.options, history.workspace);
    const versionCount = (await listObjectVersions(historyCtx, key)).length;

    const config = await writeConfig(b, ctx.endpoint);
    const { url, proc } = await startServer(ctx.appDir, config, log);
    try {
      const jar = await signIn(url);
      const versionsPath = `/b/${encodeURIComponent(history.def.name)}/w/${encodeURIComponent(history.workspace)}/versions`;
      // First load: the whole history listed once (then cached, validated on every load).
      const [first] = await timed(() => getPage(`${url}${versionsPath}`, jar, 'data-testid="versions-tab"'));
      const warm: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < runs; i++) {
        warm.push((await getPage(`${url}${versionsPath}`, jar, 'data-testid="versions-tab"')).total);
        raw.push((await timed(() => listObjectVersions(historyCtx, key)))[0]);
      }
      const afterWrite: number[] = [];
      for (let i = 0; i < runs; i++) {
        const written = await writer.putState(history.workspace, buildState({ seed: 99, serial: versionCount + i + 1, lineage: lineageFor(99) }));
        afterWrite.push((await getPage(`${url}${versionsPath}`, jar, written.versionId)).total);
      }

      // Warm, as the load run is: the server's first estate passes (the problems pass builds the search index over
      // every state, the 30 MB ones included; the first dependency graph reads every state's data sources) run in the
      // background after start and would otherwise land in the timed tab switches. Their cost is the warm-up's.
      const passes = await timed(() => Promise.all(["/problems", "/dependencies"].map((p) => getPage(`${url}${p}`, jar, "</html>"))));
      log(`pages: first estate passes (problems, dependencies) done in ${(passes[0] / 1000).toFixed(1)} s`);
      log("pages: tab switches in the browser…");
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
      const toVersions: number[] = [];
      const toState: number[] = [];
      const fullLoad: number[] = [];
      try {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await context.addCookies([...jar].map(([name, value]) => ({ name, value, url })));
        const page = await context.newPage();
        const ws = `/b/${encodeURIComponent(b.listing.name)}/w/ws-0001`;
        await page.goto(`${url}${ws}/state`, { waitUntil: "load", timeout: 120_000 });
        await page.waitForSelector('[data-testid="state-tab"]', { timeout: 120_000 });
        // Warm: each tab once (server caches, route code), then timed.
        await switchTab(page, "versions", '[data-testid="versions-tab"]');
        await switchTab(page, "state", '[data-testid="state-tab"]');
        for (let i = 0; i < runs; i++) {
          toVersions.push(await switchTab(page, "versions", '[data-testid="versions-tab"]'));
          toState.push(await switchTab(page, "state", '[data-testid="state-tab"]'));
          const t0 = performance.now();
          await page.goto(`${url}${ws}/versions`, { waitUntil: "commit", timeout: 120_000 });
          await page.waitForSelector('[data-testid="versions-tab"]', { timeout: 120_000 });
          fullLoad.push(performance.now() - t0);
          await page.goto(`${url}${ws}/state`, { waitUntil: "load", timeout: 120_000 });
          await page.waitForSelector('[data-testid="state-tab"]', { timeout: 120_000 });
        }
      } finally {
        await browser.close();
      }

      log("pages: long tasks…");
      const listTasks = await longestTasks(url, jar, `/b/${b.listing.name}`, '[data-testid="workspace-row"]', LONG_TASK_LOADS);
      const diffTasks = ctx.seeded.has("big") ? await longestTasks(url, jar, `/b/${b.big.name}/w/${b.bigWorkspace}/diff`, '[data-testid="diff-summary"]', LONG_TASK_LOADS) : null;

      const rawFig = figure(raw);
      const versions = `Versions page (${versionCount} versions)`;
      return [
        { what: `${versions}: first load (whole history listed)`, value: figure([first]), unit: "ms" },
        { what: `${versions}: warm, complete response`, value: figure(warm), unit: "ms", baseline: rawFig, baselineLabel: "ListObjectVersions, all pages", ratio: figure(warm).median / rawFig.median, target: "< 300 ms" },
        { what: `${versions}: right after a new version (shown)`, value: figure(afterWrite), unit: "ms", baseline: rawFig, baselineLabel: "ListObjectVersions, all pages", ratio: figure(afterWrite).median / rawFig.median, target: "< 300 ms" },
        { what: "tab switch State → Versions, warm (click to content)", value: figure(toVersions), unit: "ms", baseline: figure(fullLoad), baselineLabel: "full load of Versions", ratio: figure(toVersions).median / figure(fullLoad).median, target: "< 300 ms" },
        { what: "tab switch Versions → State, warm (click to content)", value: figure(toState), unit: "ms", target: "< 300 ms" },
        { what: `workspaces page (2,000 rows): longest long task, ${LONG_TASK_LOADS} loads`, value: figure(listTasks), unit: "ms", target: "≤ 100 ms each" },
        ...(diffTasks ? [{ what: `diff page (30 MB pair): longest long task, ${LONG_TASK_LOADS} loads`, value: figure(diffTasks), unit: "ms" as const, target: "≤ 100 ms each" }] : []),
      ];
    } finally {
      proc.kill();
    }
  },
};
