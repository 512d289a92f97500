"use client";

import Link from "next/link";
import { useSelectedLayoutSegments } from "next/navigation";
import { cx } from "./cx";

export interface TabLink {
  /** The child route segment this tab shows ("state", "versions" …); the active tab is the selected segment. */
  segment: string;
  href: string;
  label: string;
}

/**
 * Tabs as links (shareable URLs, work without JS). Must be rendered by the layout that owns
 * the tab segments, so that the first selected segment below it that is not a route group
 * (such as the workspace tabs' `(tabs)` gate) is the tab's.
 * `fallback` is the tab shown at the layout's own URL (the index page renders it).
 */
export function TabsNav({ tabs, label, fallback }: { tabs: TabLink[]; label: string; fallback?: string }) {
  const selected = useSelectedLayoutSegments().find((s) => !s.startsWith("(")) ?? fallback;
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((t) => {
          const active = t.segment === selected;
          return (
            <li key={t.segment}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                data-testid={`tab-${t.segment}`}
                data-active={active}
                className={cx(
                  "inline-block border-b-2 px-3 py-2 text-sm font-medium",
                  active ? "border-slate-900 text-slate-900" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
