import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/helpers";
import { APP_PAGES, openAppPage } from "./support/pages";

/**
 * An axe-core scan (WCAG 2.1 A and AA rules, and axe's best practices) of every page of the app in
 * both themes: no serious or critical violation, and headings in order (a moderate rule, kept because
 * screen-reader users move by headings). Each scan's full result (minor and moderate findings
 * included) is saved to e2e/.artifacts/axe/ for the record.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const ALSO_BLOCKING = new Set(["heading-order"]);
const artifacts = path.join(__dirname, ".artifacts", "axe");

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    for (const p of APP_PAGES) {
      test(`${p.name}: no serious or critical axe violation (WCAG 2.1 AA)`, async ({ browser }) => {
        const context = await browser.newContext({ colorScheme: theme, storageState: p.anonymous ? undefined : storageStateFor("admin") });
        const page = await context.newPage();
        try {
          await openAppPage(page, p);
          // The scan must see the theme it names, not the other one.
          await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
          const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
          mkdirSync(artifacts, { recursive: true });
          const summary = result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
          writeFileSync(path.join(artifacts, `${theme}-${p.name.replace(/\W+/g, "-")}.json`), JSON.stringify(summary, null, 2));
          const blocking = summary.filter((v) => v.impact === "serious" || v.impact === "critical" || ALSO_BLOCKING.has(v.id));
          expect(blocking, `${p.path} in the ${theme} theme:\n${JSON.stringify(blocking, null, 2)}`).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  });
}
