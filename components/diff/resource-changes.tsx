"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useSearchParams } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import type { DiffRow } from "@/lib/domain/diff";
import { Badge } from "@/components/ui/badge";
import { replaceSearchParam } from "@/components/ui/url-param";
import { CopyButton } from "@/components/ui/copy-button";
import { ChangedValue, formatPath, ValueText } from "./value-text";

const KIND = {
  added: { sign: "+", tone: "green", label: "added" },
  removed: { sign: "−", tone: "red", label: "removed" },
  changed: { sign: "~", tone: "amber", label: "changed" },
} as const;

/** Height of a collapsed row; open rows are measured. */
const ROW_HEIGHT = 34;

function Details({ row }: { row: DiffRow }) {
  if (!row.details) return <p className="text-xs text-slate-500">Details left out to keep this page light: use the text diff below.</p>;
  if ("attributes" in row.details) {
    return (
      <pre tabIndex={0} className="overflow-auto rounded bg-slate-50 p-2 text-xs">
        <ValueText value={row.details.attributes} />
      </pre>
    );
  }
  return (
    <table className="w-full text-xs">
      <tbody>
        {row.statusChange && (
          <tr className="align-top">
            <td className="py-0.5 pr-3 font-mono">(status)</td>
            <td className="py-0.5 pr-3">{row.statusChange.before ?? "ok"}</td>
            <td className="py-0.5">{row.statusChange.after ?? "ok"}</td>
          </tr>
        )}
        {row.details.changes.map((c) => (
          <tr key={formatPath(c.path)} className="border-t border-slate-100 align-top" data-testid="attribute-change" data-path={formatPath(c.path)} data-sensitive={c.sensitive}>
            <td className="py-0.5 pr-3 font-mono whitespace-nowrap">{formatPath(c.path)}</td>
            <td className="w-1/2 py-0.5 pr-3 text-slate-800">
              <ChangedValue side="before" before={c.before} after={c.after} present={c.kind !== "added"} />
            </td>
            <td className="w-1/2 py-0.5 text-slate-800">
              <ChangedValue side="after" before={c.before} after={c.after} present={c.kind !== "removed"} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Instances added, removed and changed, filterable, each expandable to its attribute changes.
 * Virtualized: a diff can list hundreds of changed instances (tens of thousands against an empty
 * state), and hydrating every row at once blocked the page's main thread for 100–180 ms.
 */
export function ResourceChanges({ rows }: { rows: DiffRow[] }) {
  // The filter lives in the URL (?filter=): a filtered diff is shareable and survives a reload.
  const params = useSearchParams();
  const [filter, setFilterState] = useState(() => params.get("filter") ?? "");
  const setFilter = (v: string) => {
    setFilterState(v);
    replaceSearchParam("filter", v);
  };
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? rows.filter((r) => r.key.toLowerCase().includes(f)) : rows;
  }, [rows, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's API is intentionally mutable; the React compiler lint knows it cannot memoize it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => shown[i]?.key ?? i,
    overscan: 8,
    // Lets the server render the first screen of rows before the scroll element exists.
    initialRect: { width: 1024, height: 640 },
  });

  function toggle(key: string) {
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

  if (rows.length === 0) return <p className="text-sm text-slate-600" data-testid="no-resource-changes">No resource instance was added, removed or changed.</p>;
  return (
    <section className="space-y-2" data-testid="resource-changes">
      <div className="flex items-center gap-3">
        <label className="text-sm text-slate-600" htmlFor="diff-filter">
          Filter
        </label>
        <input
          id="diff-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="address or type"
          data-testid="diff-filter"
          className="w-72 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <span className="text-xs text-slate-500">
          {shown.length} of {rows.length} instances
        </span>
      </div>
      <div ref={scrollRef} tabIndex={0} className="overflow-auto rounded-lg border border-slate-200 bg-white" style={{ maxHeight: "70vh" }}>
        <ul className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const r = shown[vi.index]!;
            const k = KIND[r.kind];
            const isOpen = open.has(r.key);
            return (
              <li
                key={vi.key}
                ref={virtualizer.measureElement}
                data-index={vi.index}
                className="absolute inset-x-0 border-b border-slate-100"
                style={{ transform: `translateY(${vi.start}px)` }}
                data-testid="diff-row"
                data-kind={r.kind}
                data-address={r.key}
              >
                <div className="flex items-center pr-2 hover:bg-slate-50">
                <button type="button" onClick={() => toggle(r.key)} aria-expanded={isOpen} data-testid="diff-row-toggle" className="flex min-w-0 flex-1 items-center gap-2 px-3 py-1.5 text-left text-sm">
                  <span aria-hidden className="w-3 text-slate-400">{isOpen ? "▾" : "▸"}</span>
                  <Badge tone={k.tone}>
                    <span aria-hidden>{k.sign}</span> {k.label}
                  </Badge>
                  <span className="font-mono">{r.key}</span>
                  {r.mode === "data" && <Badge tone="blue">data</Badge>}
                  {r.details && "changes" in r.details && <span className="text-xs text-slate-500">{r.details.changes.length} attribute{r.details.changes.length === 1 ? "" : "s"}</span>}
                </button>
                <CopyButton text={r.key} label={`Copy address ${r.key}`} testId="copy-address" compact />
                </div>
                {isOpen && (
                  <div className="px-9 pb-2" data-testid="diff-row-details">
                    <Details row={r} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
