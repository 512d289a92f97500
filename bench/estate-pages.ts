/**
 * The estate pages with thousands of rows in the browser: the longest main-thread task (Chromium's
 * PerformanceObserver 'longtask', as bench/server.ts measures the workspaces and diff pages) on the search
 * page showing its 2,000-hit cap and on the Locks page with ~3,000 locks (2,000 held + 1,000 orphans), while
 * loading, scrolling the virtualized table to its end, and typing a filter. Target: no task over 100 ms.
 * The locks live in a lock table of their own (BatchWriteItem), so the other sections' figures are unchanged.
 * Needs a server build (BENCH_APP_DIR).
 */
import { BatchWriteItemCommand } from "@aws-sdk/client-dynamodb";
import { readFile, writeFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { lockIdFor } from "@/lib/backend/keys";
import { encodeLockInfo, newLockInfo } from "@/lib/gocompat/lockinfo";
import { createLockTable, rawClients } from "@/testkit/moto";
import type { BenchContext, BenchSection } from "./section";
import { longestTasks, signIn, startServer, writeConfig } from "./server";
import { figure } from "./stats";
import type { Row } from "./table";

const LOCK_TABLE = "bench-estate-locks";
const ORPHANS = 1_000;
const SEARCH_QUERY = "mode:managed";

async function seedLocks(ctx: BenchContext): Promise<number> {
  await createLockTable(LOCK_TABLE, ctx.endpoint);
  const { bucket, key } = ctx.backends.listing.options;
  const live = ctx.data.names.filter((n) => !ctx.data.deleted.includes(n)).map((n) => `env:/${n}/${key}`);
  const orphans = Array.from({ length: ORPHANS }, (_, i) => `env:/gone-${String(i).padStart(4, "0")}/${key}`);
  const keys = [...live, ...orphans];
  const { ddb } = rawClients(ctx.endpoint);
  const day = 86_400_000;
  for (let i = 0; i < keys.length; i += 25) {
    const items = keys.slice(i, i + 25).map((k, j) => {
      // Ages from minutes to weeks: every severity shows.
      const info = newLockInfo({ operation: (i + j) % 3 ? "OperationTypeApply" : "OperationTypePlan", who: `ci@runner-${(i + j) % 50}`, version: "1.10.3", path: `${bucket}/${k}`, now: new Date(Date.now() - ((i + j) % 40) * 0.25 * day) });
      return { PutRequest: { Item: { LockID: { S: lockIdFor(bucket, k) }, Info: { S: encodeLockInfo(info) } } } };
    });
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { [LOCK_TABLE]: items } }));
  }
  return keys.length;
}

async function scrollToEnd(page: Page, tableLabel: string): Promise<void> {
  const scroller = page.locator(`[role="table"][aria-label="${tableLabel}"] > div`).first();
  for (let i = 0; i < 10; i++) {
    await scroller.evaluate((el, step) => el.scrollTo({ top: (el.scrollHeight * step) / 10 }), i + 1);
    await page.waitForTimeout(150);
  }
}

export const estatePagesSection: BenchSection = {
  name: "estate-pages",
  // The search covers the listing backend and the 30 MB state; no version history is read.
  needs: ["listing", "big"],
  async run(ctx): Promise<Row[]> {
    if (!ctx.appDir) throw new Error("estate-pages needs a server build: BENCH_APP_DIR");
    const locks = await seedLocks(ctx);
    ctx.log(`estate-pages: ${locks} lock items in ${LOCK_TABLE}`);
    // The bench config without the (unseeded) history backend, the listing backend's locks read from the table seeded here.
    const file = await writeConfig(ctx.backends, ctx.endpoint);
    const config = JSON.parse(await readFile(file, "utf8")) as { backends: { name: string; options: Record<string, unknown> }[] };
    config.backends = config.backends.filter((b) => b.name !== ctx.backends.versions.name);
    for (const b of config.backends) if (b.name === ctx.backends.listing.name) b.options = { ...b.options, dynamodb_table: LOCK_TABLE };
    const estateFile = file.replace(/\.json$/, ".estate-pages.json");
    await writeFile(estateFile, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });

    const { url, proc } = await startServer(ctx.appDir, estateFile, ctx.log);
    try {
      const jar = await signIn(url);
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      // The index builds in the background on the first search: wait until the page says it is complete.
      const searchPath = `/search?q=${encodeURIComponent(SEARCH_QUERY)}`;
      const t0 = Date.now();
      let hits = "";
      for (;;) {
        const html = await (await fetch(`${url}${searchPath}`, { headers: { cookie } })).text();
        if (!html.includes('data-testid="search-partial"')) {
          hits = /data-testid="search-total"[^>]*>([^<]*)</.exec(html)?.[1] ?? "?";
          break;
        }
        if (Date.now() - t0 > 600_000) throw new Error("the search index did not complete in 10 minutes");
        await new Promise((r) => setTimeout(r, 2_000));
      }
      ctx.log(`estate-pages: index complete after ${((Date.now() - t0) / 1000).toFixed(0)} s, ${hits}`);
      const runs = Math.min(3, ctx.runs);
      const search = await longestTasks(url, jar, searchPath, '[data-testid="search-hit"]', runs, (page) => scrollToEnd(page, "Search results"));
      const locksLoad = await longestTasks(url, jar, "/locks", '[data-testid="estate-lock"]', runs, async (page) => {
        await scrollToEnd(page, "Locks held");
        await page.getByTestId("locks-filter").pressSequentially("runner-1", { delay: 30 });
        await page.waitForTimeout(500);
      });
      return [
        { what: `search page, ${hits} (${SEARCH_QUERY}): longest main-thread task, load + scroll to end`, value: figure(search), unit: "ms", target: "≤ 100 ms" },
        { what: `Locks page, ${locks - ORPHANS} held + ${ORPHANS} orphans: longest main-thread task, load + scroll + filter`, value: figure(locksLoad), unit: "ms", target: "≤ 100 ms" },
      ];
    } finally {
      proc.kill();
    }
  },
};
