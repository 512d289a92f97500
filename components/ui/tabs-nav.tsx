"use client";

import Link, { useLinkStatus } from "next/link";
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
 * The fast tabs have no loading skeleton: React holds a revealed fallback for at least 300 ms, which made a
 * 50 ms tab take 350 ms. The old tab stays until the new one is ready, and the clicked tab says it is coming.
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
                <PendingMark />
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A small mark on the clicked tab while its page loads (the old one stays on screen meanwhile). */
function PendingMark() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      data-testid="tab-pending"
      data-pending={pending}
      className={cx("ml-1.5 inline-block h-1.5 w-1.5 rounded-full bg-slate-400 align-middle transition-opacity", pending ? "animate-pulse opacity-100" : "opacity-0")}
    />
  );
}
