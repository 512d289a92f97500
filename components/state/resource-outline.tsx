"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useMemo, useRef, useState } from "react";
import type { ModuleOutline } from "@/lib/domain/state";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { InstanceDetails } from "./instance-details";
import { outlineRows, type OutlineInstance, type OutlineRow } from "./outline-rows";

export interface OutlineContext {
  backend: string;
  workspace: string;
  versionId?: string;
  canReveal: boolean;
}

/** Height of a collapsed row; expanded rows are measured. */
const ROW_ESTIMATE = 56;
/**
 * Lists up to this many rows are rendered whole: too few to be slow, and the browser's find in
 * page then sees every resource. Longer ones are virtualized.
 */
const RENDER_ALL_UP_TO = 300;

/** `provider["registry.terraform.io/hashicorp/aws"]` → `hashicorp/aws`: the part people recognise. */
function shortProvider(p: string): string {
  const m = /provider\["(?:[^"/]+\/)?([^"]+)"\]/.exec(p);
  return m?.[1] ?? p;
}

interface Expansion {
  isOpen: (key: string) => boolean;
  setOpen: (key: string, open: boolean) => void;
}

function Instance({ i, showAddress, ctx, expansion }: { i: OutlineInstance; showAddress: boolean; ctx: OutlineContext; expansion: Expansion }) {
  const key = `${i.address}/${i.deposed ?? ""}`;
  return (
    <div data-testid="instance-row" data-address={i.address} data-status={i.status ?? ""} data-deposed={i.deposed ?? ""}>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {showAddress && <span className="font-mono text-slate-700">{i.address}</span>}
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
      <InstanceDetails {...ctx} address={i.address} deposed={i.deposed} sensitive={i.sensitive} open={expansion.isOpen(key)} onOpenChange={(o) => expansion.setOpen(key, o)} />
    </div>
  );
}

/** Memoized: scrolling re-renders the list, but a row only when its data or the open set changes. */
const Row = memo(function Row({ row, ctx, expansion }: { row: OutlineRow; ctx: OutlineContext; expansion: Expansion }) {
  if (row.kind === "module") {
    return (
      <h2 data-testid="module-group" data-module={row.module} className="border-y border-slate-200 bg-slate-50 px-3 py-2 text-sm font-semibold text-slate-800">
        {row.module ? <span className="font-mono">{row.module}</span> : "Root module"}
      </h2>
    );
  }
  const r = row.resource;
  const data = r.mode === "data";
  if (row.kind === "instance") {
    return (
      <div className={cx("py-1 pr-3 pl-7", data && "bg-violet-50/40")}>
        {/* A single unkeyed instance (with its deposed objects) has the resource's own address: do not repeat it. */}
        <Instance i={row.instance} showAddress={row.instance.address !== r.address} ctx={ctx} expansion={expansion} />
      </div>
    );
  }
  return (
    <div data-testid="resource-row" data-address={r.address} data-mode={r.mode} className={cx("px-3 pt-2 pb-1", data && "bg-violet-50/40")}>
      <div className="flex flex-wrap items-center gap-2">
        {data && (
          <Badge tone="violet" title="A data source: read by the configuration, not managed by it.">
            data
          </Badge>
        )}
        <span className={cx("font-mono text-sm", data ? "text-violet-900 italic" : "text-slate-900")}>{r.address}</span>
        <span className="text-xs text-slate-500">{shortProvider(r.provider)}</span>
      </div>
      {row.inline && (
        <div className="pl-4">
          <Instance i={row.inline} showAddress={false} ctx={ctx} expansion={expansion} />
        </div>
      )}
    </div>
  );
});

/**
 * Every matching resource and instance, grouped by module, in one list, virtualized when long:
 * only the rows in view are in the DOM, so a state of 30,000 instances scrolls like a small one.
 * Expanded rows grow with their attributes and are measured.
 */
export function ResourceOutlineList({ modules, ctx }: { modules: ModuleOutline[]; ctx: OutlineContext }) {
  const rows = useMemo(() => outlineRows(modules), [modules]);
  const [open, setOpenKeys] = useState<ReadonlySet<string>>(() => new Set());
  const setOpen = useCallback((key: string, o: boolean) => {
    setOpenKeys((s) => {
      const next = new Set(s);
      if (o) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const expansion = useMemo<Expansion>(() => ({ isOpen: (k) => open.has(k), setOpen }), [open, setOpen]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > RENDER_ALL_UP_TO;
  // The virtualizer's API is intentionally mutable; the React compiler lint knows it cannot memoize it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (i) => rows[i]!.key,
    overscan: 8,
    // Lets the server render the first screen of rows before the scroll element exists.
    initialRect: { width: 1024, height: 720 },
  });

  return (
    <div tabIndex={0} ref={scrollRef} data-scroll-list data-testid="resource-list" data-rows={rows.length} className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white">
      {virtual ? (
        <div role="list" aria-label="Resources by module" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((vi) => (
            <div
              key={vi.key}
              role="listitem"
              ref={virtualizer.measureElement}
              data-index={vi.index}
              className="absolute inset-x-0 top-0 border-b border-slate-100"
              style={{ transform: `translateY(${vi.start}px)` }}
            >
              <Row row={rows[vi.index]!} ctx={ctx} expansion={expansion} />
            </div>
          ))}
        </div>
      ) : (
        <div role="list" aria-label="Resources by module">
          {rows.map((row) => (
            <div key={row.key} role="listitem" className="border-b border-slate-100">
              <Row row={row} ctx={ctx} expansion={expansion} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
