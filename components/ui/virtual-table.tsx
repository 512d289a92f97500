"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { cx } from "./cx";

export interface Column<T> {
  id: string;
  header: ReactNode;
  /** CSS grid track: "minmax(12rem,2fr)", "7rem" … */
  width: string;
  cell: (row: T) => ReactNode;
  /** Present = sortable by this value; nulls sort last. */
  sortValue?: (row: T) => string | number | bigint | null;
  align?: "left" | "right";
  /** Shown only from this breakpoint up (Tailwind's sm/md/lg): narrow screens keep the columns that matter. */
  from?: Breakpoint;
}

type Breakpoint = "sm" | "md" | "lg";
const BREAKPOINTS: Breakpoint[] = ["sm", "md", "lg"];
// Literal class names, so that Tailwind finds them: the grid takes the template of the widest breakpoint reached.
const TEMPLATE_CLASS = "[grid-template-columns:var(--vt-base)] sm:[grid-template-columns:var(--vt-sm)] md:[grid-template-columns:var(--vt-md)] lg:[grid-template-columns:var(--vt-lg)]";
const SHOWN_FROM: Record<Breakpoint, string> = { sm: "hidden sm:block", md: "hidden md:block", lg: "hidden lg:block" };

/** The grid templates per breakpoint, as CSS variables for TEMPLATE_CLASS. */
function templates<T>(columns: Column<T>[]): Record<string, string> {
  const upTo = (i: number) => columns.filter((c) => !c.from || BREAKPOINTS.indexOf(c.from) <= i).map((c) => c.width).join(" ");
  return { "--vt-base": upTo(-1), "--vt-sm": upTo(0), "--vt-md": upTo(1), "--vt-lg": upTo(2) };
}

export type SortState = { id: string; dir: "asc" | "desc" };

function compare(a: string | number | bigint | null, b: string | number | bigint | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  // Plain ordering (bytewise for strings), as the tools order workspace names.
  return a < b ? -1 : 1;
}

/**
 * A table that renders only the visible rows, so thousands of rows stay smooth.
 * `onVisibleRowsChange` reports the rows on screen (e.g. to load their details lazily).
 */
export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  label,
  rowHeight = 34,
  maxHeight = "70vh",
  initialSort,
  onSortChange,
  rowAttributes,
  onVisibleRowsChange,
  empty,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  rowHeight?: number;
  maxHeight?: string;
  initialSort?: SortState;
  /** Called after the user changes the sort (to keep it in the URL: components/ui/url-param.ts). */
  onSortChange?: (sort: SortState | undefined) => void;
  /** Extra attributes per row (data-testid, data-* for e2e). */
  rowAttributes?: (row: T) => Record<string, string>;
  onVisibleRowsChange?: (rows: T[]) => void;
  empty?: ReactNode;
}) {
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const key = columns.find((c) => c.id === sort.id)?.sortValue;
    if (!key) return rows;
    // Decorate once so each comparison does not recompute the value.
    const decorated = rows.map((r) => ({ r, v: key(r) }));
    decorated.sort((x, y) => compare(x.v, y.v) * (sort.dir === "asc" ? 1 : -1));
    return decorated.map((d) => d.r);
  }, [rows, columns, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's API is intentionally mutable; the React compiler lint knows it cannot memoize it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // Lets the server render the first screen of rows before the scroll element exists.
    initialRect: { width: 1024, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? -1;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (!onVisibleRowsChange || first < 0) return;
    onVisibleRowsChange(sorted.slice(first, last + 1));
  }, [first, last, sorted, onVisibleRowsChange]);

  const template = useMemo(() => templates(columns), [columns]);

  function toggle(id: string) {
    const next: SortState = sort?.id === id ? { id, dir: sort.dir === "asc" ? "desc" : "asc" } : { id, dir: "asc" };
    setSort(next);
    onSortChange?.(next);
  }

  return (
    <div className="rounded-lg border border-slate-200 bg-white text-sm">
      {/* Focusable so that a keyboard can scroll it; the table role sits inside, where only rows may be. */}
      <div tabIndex={0} ref={scrollRef} className="overflow-auto rounded-lg" style={{ maxHeight }}>
        <div role="table" aria-label={label} aria-rowcount={sorted.length + 1}>
        <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50">
          <div role="row" aria-rowindex={1} className={cx("grid items-center", TEMPLATE_CLASS)} style={template}>
            {columns.map((c) => {
              const dir = sort?.id === c.id ? sort.dir : undefined;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : c.sortValue ? "none" : undefined}
                  className={cx("px-3 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase", c.align === "right" && "text-right", c.from && SHOWN_FROM[c.from])}
                >
                  {c.sortValue ? (
                    <button type="button" onClick={() => toggle(c.id)} data-testid={`sort-${c.id}`} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                      {c.header}
                      <span aria-hidden className="text-slate-400">{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
                    </button>
                  ) : (
                    c.header
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {sorted.length === 0 ? (
          <div className="px-3 py-6 text-center text-slate-500">{empty ?? "No rows."}</div>
        ) : (
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((vi) => {
              const row = sorted[vi.index] as T;
              return (
                <div
                  key={rowKey(row)}
                  role="row"
                  aria-rowindex={vi.index + 2}
                  className={cx("absolute inset-x-0 grid items-center border-b border-slate-100 hover:bg-slate-50", TEMPLATE_CLASS)}
                  style={{ ...template, height: vi.size, transform: `translateY(${vi.start}px)` }}
                  {...rowAttributes?.(row)}
                >
                  {columns.map((c) => (
                    <div key={c.id} role="cell" className={cx("truncate px-3", c.align === "right" && "text-right tabular-nums", c.from && SHOWN_FROM[c.from])}>
                      {c.cell(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
        </div>
      </div>
    </div>
  );
}
