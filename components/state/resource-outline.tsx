"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { listStateRowsAction } from "@/app/actions/list-state-rows";
import type { ErrorPayload } from "@/lib/errors";
import type { OutlineInstanceRow, OutlinePage, OutlineRowData } from "@/lib/domain/state";
import { countsPhrase } from "@/lib/browser-safe/counts";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { cx } from "@/components/ui/cx";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { InstanceDetails } from "./instance-details";
import { OUTLINE_PAGE_ROWS, openKey, stateViewHref, type StateView } from "./state-url";

export interface OutlineContext {
  backend: string;
  workspace: string;
  versionId?: string;
  canReveal: boolean;
}

/** Height of a collapsed row; expanded rows are measured. */
const ROW_ESTIMATE = 40;
/** Browsers cap an element's height near 33 million pixels: past this many rows, the filter reaches the rest. */
const MAX_SCROLL_ROWS = 800_000;

/** `provider["registry.terraform.io/hashicorp/aws"]` → `hashicorp/aws`: the part people recognise. */
function shortProvider(p: string): string {
  const m = /provider\["(?:[^"/]+\/)?([^"]+)"\]/.exec(p);
  return m?.[1] ?? p;
}

interface Expansion {
  isOpen: (key: string) => boolean;
  setOpen: (key: string, open: boolean) => void;
  toggleModule: (module: string, collapse: boolean) => void;
  dependencyHref: (address: string) => string;
}

function Instance({ i, showAddress, ctx, expansion }: { i: OutlineInstanceRow; showAddress: boolean; ctx: OutlineContext; expansion: Expansion }) {
  const key = openKey(i.address, i.deposed);
  return (
    <div data-testid="instance-row" data-address={i.address} data-status={i.status ?? ""} data-deposed={i.deposed ?? ""}>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {showAddress && (
          <>
            <span className="font-mono break-all text-slate-700">{i.address}</span>
            <CopyButton text={i.address} label={`Copy the address ${i.address}`} testId="copy-address" />
          </>
        )}
        {i.status === "tainted" && (
          <Badge tone="red" data-testid="tainted-badge" title="Marked for replacement on the next apply.">
            tainted
          </Badge>
        )}
        {i.deposed && (
          <Badge tone="amber" data-testid="deposed-badge" title="An object left over from a create-before-destroy replacement.">
            deposed {i.deposed}
          </Badge>
        )}
      </div>
      <InstanceDetails
        {...ctx}
        address={i.address}
        deposed={i.deposed}
        sensitive={i.sensitive}
        open={expansion.isOpen(key)}
        onOpenChange={(o) => expansion.setOpen(key, o)}
        dependencyHref={expansion.dependencyHref}
      />
    </div>
  );
}

/** Memoized: scrolling re-renders the list, but a row only when its data or the open set changes. */
const Row = memo(function Row({ row, ctx, expansion }: { row: OutlineRowData; ctx: OutlineContext; expansion: Expansion }) {
  if (row.kind === "module") {
    const label = row.module || "Root module";
    return (
      <h2 data-testid="module-group" data-module={row.module} data-collapsed={String(row.collapsed)} className="flex items-center gap-2 border-y border-slate-200 bg-slate-50 px-3 py-1.5 text-sm font-semibold text-slate-800">
        <button
          type="button"
          aria-expanded={!row.collapsed}
          onClick={() => expansion.toggleModule(row.module, !row.collapsed)}
          data-testid="module-toggle"
          className="inline-flex items-center gap-1.5 rounded text-left hover:text-sky-800 focus-visible:outline-2 focus-visible:outline-sky-600"
        >
          <span aria-hidden className="inline-block w-3 text-slate-500">
            {row.collapsed ? "▸" : "▾"}
          </span>
          <span className={cx(row.module && "font-mono")}>{label}</span>
          <span className="sr-only">{row.collapsed ? "(collapsed, show its resources)" : "(hide its resources)"}</span>
        </button>
        <span className="text-xs font-normal text-slate-500" data-testid="module-counts">
          {countsPhrase(row)}
        </span>
        {row.module && <CopyButton text={row.module} label={`Copy the module address ${row.module}`} testId="copy-address" />}
      </h2>
    );
  }
  const data = row.mode === "data";
  if (row.kind === "instance") {
    return (
      <div className={cx("py-1 pr-3 pl-7", data && "bg-violet-50/40")}>
        {/* A single unkeyed instance (with its deposed objects) has the resource's own address: do not repeat it. */}
        <Instance i={row} showAddress={row.address !== row.resource} ctx={ctx} expansion={expansion} />
      </div>
    );
  }
  return (
    <div data-testid="resource-row" data-address={row.address} data-mode={row.mode} className={cx("px-3 pt-1.5 pb-1", data && "bg-violet-50/40")}>
      <div className="flex flex-wrap items-center gap-2">
        {data && (
          <Badge tone="violet" title="A data source: read by the configuration, not managed by it.">
            data
          </Badge>
        )}
        <span className={cx("font-mono text-sm break-all", data ? "text-violet-900 italic" : "text-slate-900")}>{row.address}</span>
        <CopyButton text={row.address} label={`Copy the address ${row.address}`} testId="copy-address" />
        <span className="text-xs text-slate-500">{shortProvider(row.provider)}</span>
        {!row.inline && <span className="text-xs text-slate-500">{row.instances === 1 ? "1 instance" : `${row.instances} instances`}</span>}
      </div>
      {row.inline && (
        <div className="pl-4">
          <Instance i={row.inline} showAddress={false} ctx={ctx} expansion={expansion} />
        </div>
      )}
    </div>
  );
});

function Placeholder() {
  return (
    <div className="px-3 py-2" data-testid="row-loading">
      <Skeleton className="h-4 w-2/3" />
    </div>
  );
}

/**
 * Every matching resource and instance, grouped by module, in one list. The server sends the first
 * page with the HTML; a longer list is virtualized (only the rows in view are in the DOM) and its
 * other pages are fetched from the server as they scroll into view, so the browser never holds the
 * whole outline of a state of a million resources. Folded modules, the filter and the expanded rows
 * are in the URL (./state-url.ts).
 */
export function ResourceOutlineList({ first, ctx, view, tabHref }: { first: OutlinePage; ctx: OutlineContext; view: StateView; tabHref: string }) {
  const router = useRouter();
  const [open, setOpenKeys] = useState<ReadonlySet<string>>(() => new Set(view.open));
  const setOpen = useCallback((key: string, o: boolean) => {
    setOpenKeys((s) => {
      const next = new Set(s);
      if (o) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  // Expanded rows go into the URL without a navigation: nothing on the server depends on them.
  const firstSync = useRef(true);
  useEffect(() => {
    if (firstSync.current) {
      firstSync.current = false;
      return;
    }
    window.history.replaceState(window.history.state, "", stateViewHref(tabHref, { ...view, open: [...open] }));
  }, [open, tabHref, view]);
  const toggleModule = useCallback(
    (module: string, collapse: boolean) => {
      const collapsed = collapse ? [...view.collapse, module] : view.collapse.filter((m) => m !== module);
      // The row count changes: the server renders the folded list's first page.
      router.replace(stateViewHref(tabHref, { ...view, collapse: collapsed, open: [...open] }), { scroll: false });
    },
    [router, tabHref, view, open],
  );
  const dependencyHref = useCallback((address: string) => stateViewHref(tabHref, { q: address, ...(view.version ? { version: view.version } : {}), collapse: [], open: [] }), [tabHref, view.version]);
  const expansion = useMemo<Expansion>(() => ({ isOpen: (k) => open.has(k), setOpen, toggleModule, dependencyHref }), [open, setOpen, toggleModule, dependencyHref]);

  const [pages, setPages] = useState<ReadonlyMap<number, OutlineRowData[]>>(() => new Map([[0, first.rows]]));
  const [pageError, setPageError] = useState<ErrorPayload | null>(null);
  const inflight = useRef(new Set<number>());
  const whole = first.rows.length >= first.totalRows;
  const count = Math.min(first.totalRows, MAX_SCROLL_ROWS);
  const rowAt = (i: number): OutlineRowData | undefined => pages.get(Math.floor(i / OUTLINE_PAGE_ROWS))?.[i % OUTLINE_PAGE_ROWS];

  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's API is intentionally mutable; the React compiler lint knows it cannot memoize it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: whole ? 0 : count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (i) => {
      const r = rowAt(i);
      return r ? rowKey(r) : `#${i}`;
    },
    overscan: 8,
    // Lets the server render the first screen of rows before the scroll element exists.
    initialRect: { width: 1024, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const fromPage = Math.floor((items[0]?.index ?? 0) / OUTLINE_PAGE_ROWS);
  const toPage = Math.floor((items[items.length - 1]?.index ?? 0) / OUTLINE_PAGE_ROWS);

  useEffect(() => {
    if (whole) return;
    for (let p = fromPage; p <= toPage; p++) {
      if (pages.has(p) || inflight.current.has(p)) continue;
      inflight.current.add(p);
      void listStateRowsAction({
        backend: ctx.backend,
        workspace: ctx.workspace,
        ...(ctx.versionId ? { versionId: ctx.versionId } : {}),
        filter: view.q,
        collapsed: view.collapse,
        offset: p * OUTLINE_PAGE_ROWS,
        limit: OUTLINE_PAGE_ROWS,
      }).then((r) => {
        inflight.current.delete(p);
        if (!r.ok) return setPageError(r.error);
        setPages((m) => new Map(m).set(p, r.data.rows));
      });
    }
  }, [whole, fromPage, toPage, pages, ctx.backend, ctx.workspace, ctx.versionId, view.q, view.collapse]);

  return (
    <div className="space-y-2">
      {pageError && <ErrorState error={pageError} compact />}
      <div tabIndex={0} ref={scrollRef} data-scroll-list data-testid="resource-list" data-rows={first.totalRows} className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white">
        {!whole ? (
          <div role="list" aria-label="Resources by module" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((vi) => {
              const row = rowAt(vi.index);
              return (
                <div
                  key={vi.key}
                  role="listitem"
                  ref={virtualizer.measureElement}
                  data-index={vi.index}
                  className="absolute inset-x-0 top-0 border-b border-slate-100"
                  style={{ transform: `translateY(${vi.start}px)` }}
                >
                  {row ? <Row row={row} ctx={ctx} expansion={expansion} /> : <Placeholder />}
                </div>
              );
            })}
          </div>
        ) : (
          <div role="list" aria-label="Resources by module">
            {first.rows.map((row) => (
              <div key={rowKey(row)} role="listitem" className="border-b border-slate-100">
                <Row row={row} ctx={ctx} expansion={expansion} />
              </div>
            ))}
          </div>
        )}
      </div>
      {first.totalRows > MAX_SCROLL_ROWS && (
        <p className="text-xs text-slate-600" data-testid="outline-cut">
          The list scrolls through its first {MAX_SCROLL_ROWS.toLocaleString("en-US")} rows; filter or fold modules to reach the other {(first.totalRows - MAX_SCROLL_ROWS).toLocaleString("en-US")}.
        </p>
      )}
    </div>
  );
}

function rowKey(r: OutlineRowData): string {
  return r.kind === "module" ? `m:${r.module}` : r.kind === "resource" ? `r:${r.address}` : `i:${openKey(r.address, r.deposed)}`;
}
