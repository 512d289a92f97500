"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useMemo, useRef, useState } from "react";
import { expandVersionList, timelinePages, timelineRequests, type CompactVersionList } from "@/lib/browser-safe/version-list";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Progress } from "@/components/ui/spinner";
import type { ChartPoint } from "@/lib/browser-safe/chart-buckets";
import { diffHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { useVersionSummaries } from "./use-version-summaries";
import { VersionChart } from "./version-chart";
import { VERSION_COLUMNS, VERSION_ROW_HEIGHT, VersionRow } from "./version-row";

/**
 * The version history, newest first, as a virtualized table: only the rows in view are in the
 * DOM however long the history. Listing metadata (time, size, delete markers) is known up front;
 * serial, resource counts and changes are read page by page for the rows near the viewport.
 */
export function VersionTimeline({
  backend,
  workspace,
  list,
  canRestore,
  highlight,
}: {
  backend: string;
  workspace: string;
  list: CompactVersionList;
  canRestore: boolean;
  /** A version to mark (the one a restore just wrote). */
  highlight?: string;
}) {
  const versions = useMemo(() => expandVersionList(list), [list]);
  const requests = useMemo(() => timelineRequests(versions), [versions]);
  const pages = useMemo(() => timelinePages(requests), [requests]);
  /** Row index → the summary page holding it. */
  const pageOf = useMemo(() => {
    const out = new Int32Array(versions.length);
    let row = 0;
    pages.forEach((p, i) => p.forEach(() => (out[row++] = i)));
    return out;
  }, [pages, versions.length]);
  const indexOf = useMemo(() => new Map(versions.map((v, i) => [v.versionId, i])), [versions]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's API is intentionally mutable; the React compiler lint knows it cannot memoize it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: versions.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => VERSION_ROW_HEIGHT,
    overscan: 10,
    // Lets the server render the first screen of rows before the scroll element exists.
    initialRect: { width: 1024, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const firstPage = pageOf[first] ?? 0;
  const lastPage = pageOf[last] ?? -1;
  const wanted = useMemo(() => Array.from({ length: Math.max(0, lastPage - firstPage + 1) }, (_, i) => firstPage + i), [firstPage, lastPage]);
  const { summaries, revision, loading, error, retry } = useVersionSummaries(backend, workspace, pages, wanted);

  const points = useMemo(() => {
    const out: ChartPoint[] = [];
    for (let i = versions.length - 1; i >= 0; i--) {
      const s = summaries.get(versions[i]!.versionId);
      if (s?.resources == null) continue;
      const v = versions[i]!;
      out.push({ resources: s.resources, changes: s.changes ? s.changes.added + s.changes.removed + s.changes.changed : 0, versionId: v.versionId, at: v.lastModified, serial: s.serial === null ? null : String(s.serial) });
    }
    return out;
    // `revision` changes whenever `summaries` (grown in place) does.
  }, [versions, summaries, revision]); // eslint-disable-line react-hooks/exhaustive-deps

  const [selected, setSelected] = useState<string[]>([]);
  const toggle = useCallback((id: string) => {
    // Keep at most two: picking a third replaces the older pick.
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));
  }, []);
  const jump = useCallback((id: string) => {
    const i = indexOf.get(id);
    if (i !== undefined) virtualizer.scrollToIndex(i, { align: "center" });
  }, [indexOf, virtualizer]);
  const pair = selected.length === 2 ? [...selected].sort((a, b) => (indexOf.get(b) ?? 0) - (indexOf.get(a) ?? 0)) : null;
  const unread = versions.length - summaries.size;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const firstUnread = useMemo(() => versions.findIndex((v) => !summaries.has(v.versionId)), [versions, summaries, revision]);

  return (
    <div className="space-y-3">
      <VersionChart points={points} />
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="compare-bar">
        <span className="text-slate-600">
          {selected.length === 0 ? "Tick two versions to compare them." : selected.length === 1 ? "Tick one more version to compare." : "Two versions selected."}
        </span>
        {pair && (
          <ButtonLink size="sm" variant="primary" href={diffHref(backend, workspace, pair[0]!, pair[1]!)} data-testid="compare-selected">
            Compare selected
          </ButtonLink>
        )}
        {selected.length > 0 && (
          <Button size="sm" variant="ghost" onClick={() => setSelected([])}>
            Clear
          </Button>
        )}
      </div>
      <div tabIndex={0} ref={scrollRef} data-scroll-list className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="grid min-w-[64rem] text-sm" data-testid="version-table" aria-rowcount={versions.length + 1}>
          <thead className="sticky top-0 z-10 grid border-b border-slate-200 bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr aria-rowindex={1} className="grid" style={{ gridTemplateColumns: VERSION_COLUMNS }}>
              <th className="px-3 py-2"><span className="sr-only">Select</span></th>
              <th className="px-3 py-2">When</th>
              <th className="px-3 py-2">Version</th>
              <th className="px-3 py-2 text-right">Size</th>
              <th className="px-3 py-2 text-right">Serial</th>
              <th className="px-3 py-2 text-right">Instances</th>
              <th className="px-3 py-2">Changes</th>
              <th className="px-3 py-2">Notes</th>
              <th className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((vi) => {
              const v = versions[vi.index]!;
              return (
                <VersionRow
                  key={v.versionId}
                  v={v}
                  index={vi.index}
                  summary={summaries.get(v.versionId)}
                  previous={requests[vi.index]?.predecessorId ?? null}
                  selected={selected.includes(v.versionId)}
                  onToggle={toggle}
                  onJump={jump}
                  highlight={v.versionId === highlight}
                  canRestore={canRestore}
                  backend={backend}
                  workspace={workspace}
                  top={vi.start}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      {error && <ErrorState error={error} compact action={<Button size="sm" onClick={retry}>Retry</Button>} />}
      <div className="flex items-center gap-3">
        {loading && <Progress label={`Reading versions: ${summaries.size} of ${versions.length} summarised`} value={summaries.size} max={versions.length} />}
        {!loading && !error && firstUnread >= 0 && (
          <Button size="sm" onClick={() => virtualizer.scrollToIndex(firstUnread, { align: "start" })} data-testid="load-more-versions">
            Load older versions ({unread} not read yet)
          </Button>
        )}
      </div>
    </div>
  );
}
