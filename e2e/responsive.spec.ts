import { expect, test } from "@playwright/test";
import { storageStateFor } from "./support/helpers";
import { APP_PAGES, openAppPage } from "./support/pages";

/**
 * Phone (390 px) and tablet (768 px) widths: no page scrolls sideways. Wide tables scroll inside
 * their own keyboard-reachable region or collapse to the columns that matter; the page never does.
 */
const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 768, height: 1024 },
];

for (const size of WIDTHS) {
  test.describe(`${size.name} (${size.width} px)`, () => {
    for (const p of APP_PAGES) {
      test(`${p.name}: no horizontal page scroll`, async ({ browser }) => {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          hasTouch: true,
          storageState: p.anonymous ? undefined : storageStateFor("admin"),
        });
        const page = await context.newPage();
        try {
          await openAppPage(page, p);
          const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
            // Names the element that sticks out furthest, so a failure says where to look.
            let widest = "";
            let right = window.innerWidth;
            // An element inside a region that scrolls or clips on its own does not widen the page.
            const clipped = (el: HTMLElement) => {
              for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== "visible" && a.getBoundingClientRect().right <= window.innerWidth + 0.5) return true;
              }
              return false;
            };
            for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
              const r = el.getBoundingClientRect();
              if (r.width > 0 && r.right > right + 0.5 && !clipped(el)) {
                right = r.right;
                widest = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ""}.${String(el.className).slice(0, 80)} (right edge ${Math.round(r.right)})`;
              }
            }
            return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest };
          });
          expect(innerWidth).toBe(size.width);
          expect(scrollWidth, `${p.path} at ${size.width} px scrolls sideways; widest: ${widest}`).toBeLessThanOrEqual(innerWidth);
        } finally {
          await context.close();
        }
      });
    }
  });
}
