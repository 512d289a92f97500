"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { getVersionSummariesAction } from "@/app/actions/get-version-summaries";
import type { StateVersion } from "@/lib/backend/types";
import type { ErrorPayload } from "@/lib/errors";
import type { SummaryRequest, VersionSummary } from "@/lib/service/versions-timeline";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Bytes } from "@/components/ui/bytes";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { Progress, Spinner } from "@/components/ui/spinner";
import { VersionChart } from "./version-chart";
import { shortVersionId } from "./short-version-id";
import { diffHref, restoreHref } from "./links";

const KIND_LABELS: Partial<Record<VersionSummary["kind"], string>> = {
  empty: "Empty",
  encrypted: "Encrypted",
  corrupt: "Corrupt",
  future: "Newer format",
  "not-state": "Not a state",
};

function Changes({ s }: { s: VersionSummary | undefined }) {
  if (!s) return <Spinner label="Loading changes" />;
  if (!s.changes) return <span className="text-slate-400">—</span>;
  const { added, removed, changed } = s.changes;
  if (added + removed + changed === 0) return <span className="text-slate-500">no resource changes</span>;
  return (
    <span className="font-mono text-xs" data-testid="version-changes" data-added={added} data-removed={removed} data-changed={changed}>
      <span className="text-emerald-700">+{added}</span> <span className="text-amber-700">~{changed}</span> <span className="text-red-700">−{removed}</span>
    </span>
  );
}

/**
 * The version history, newest first. Listing metadata (time, size, delete markers) is known up
 * front; serial, resource counts and changes come page by page from the server, one request at a
 * time (server actions are serialised per client anyway), as the user scrolls or asks for more.
 */
export function VersionTimeline({
  backend,
  workspace,
  versions,
  pages,
  canRestore,
  highlight,
}: {
  backend: string;
  workspace: string;
  versions: StateVersion[];
  pages: SummaryRequest[][];
  canRestore: boolean;
  /** A version to mark (the one a restore just wrote). */
  highlight?: string;
}) {
  const query = useInfiniteQuery<VersionSummary[], ErrorPayload>({
    queryKey: ["version-summaries", backend, workspace, versions[0]?.versionId ?? "", versions.length],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => {
      const page = pages[pageParam as number];
      if (!page) return [];
      const r = await getVersionSummariesAction({ backend, workspace, page });
      if (!r.ok) throw r.error;
      return r.data;
    },
    getNextPageParam: (_last, all) => (all.length < pages.length ? all.length : undefined),
  });

  const summaries = useMemo(() => {
    const m = new Map<string, VersionSummary>();
    for (const page of query.data?.pages ?? []) for (const s of page) m.set(s.versionId, s);
    return m;
  }, [query.data]);
  const loadedPages = query.data?.pages.length ?? 0;
  // Rows of the loaded pages plus the page being loaded, so the list grows as data arrives.
  const shownCount = pages.slice(0, Math.min(pages.length, loadedPages + 1)).reduce((n, p) => n + p.length, 0);
  const shown = versions.slice(0, shownCount);

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isFetching } = query;
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const [selected, setSelected] = useState<string[]>([]);
  function toggle(id: string) {
    // Keep at most two: picking a third replaces the older pick.
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));
  }
  const indexOf = useMemo(() => new Map(versions.map((v, i) => [v.versionId, i])), [versions]);
  const predecessorOf = useMemo(() => new Map(pages.flat().map((r) => [r.versionId, r.predecessorId])), [pages]);
  const pair = selected.length === 2 ? [...selected].sort((a, b) => (indexOf.get(b) ?? 0) - (indexOf.get(a) ?? 0)) : null;

  return (
    <div className="space-y-3">
      <VersionChart summaries={[...summaries.values()]} />
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="version-table">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th className="w-8 px-3 py-2"><span className="sr-only">Select</span></th>
              <th className="px-3 py-2">When</th>
              <th className="px-3 py-2">Version</th>
              <th className="px-3 py-2 text-right">Size</th>
              <th className="px-3 py-2 text-right">Serial</th>
              <th className="px-3 py-2 text-right">Resources</th>
              <th className="px-3 py-2">Changes</th>
              <th className="px-3 py-2">Notes</th>
              <th className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((v) => {
              const s = summaries.get(v.versionId);
              const previous = predecessorOf.get(v.versionId);
              return (
                <tr
                  key={v.versionId}
                  id={`v-${v.versionId}`}
                  data-testid="version-row"
                  data-version-id={v.versionId}
                  data-latest={v.isLatest}
                  data-delete-marker={v.isDeleteMarker}
                  className={`border-t border-slate-100 ${v.versionId === highlight ? "bg-emerald-50" : v.isDeleteMarker ? "bg-red-50/50" : ""}`}
                >
                  <td className="px-3 py-1.5">
                    {!v.isDeleteMarker && (
                      <input
                        type="checkbox"
                        aria-label={`Select version ${v.versionId} to compare`}
                        checked={selected.includes(v.versionId)}
                        onChange={() => toggle(v.versionId)}
                        data-testid="version-select"
                      />
                    )}
                  </td>
                  <td className="px-3 py-1.5 whitespace-nowrap">
                    <RelativeTime iso={v.lastModified} />
                  </td>
                  <td className="px-3 py-1.5 font-mono text-xs" title={v.versionId}>
                    {shortVersionId(v.versionId)}
                  </td>
                  <td className="px-3 py-1.5 text-right">{v.isDeleteMarker ? "—" : <Bytes value={v.size} />}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums" data-testid="version-serial">
                    {v.isDeleteMarker ? "—" : s ? (s.serial ?? "—") : <Spinner label="Loading serial" />}
                  </td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{v.isDeleteMarker ? "—" : s ? (s.resources ?? "—") : ""}</td>
                  <td className="px-3 py-1.5">{v.isDeleteMarker ? "" : <Changes s={s} />}</td>
                  <td className="space-x-1 px-3 py-1.5">
                    {v.isLatest && <Badge tone="blue">current</Badge>}
                    {v.isDeleteMarker && <Badge tone="red" data-testid="delete-marker">deleted</Badge>}
                    {s?.changes?.lineageChanged && <Badge tone="violet" data-testid="lineage-changed">lineage changed</Badge>}
                    {s && KIND_LABELS[s.kind] && <Badge tone="amber">{KIND_LABELS[s.kind]}</Badge>}
                    {s?.restoredFrom && (
                      <Badge tone="green" data-testid="restored-from" data-restored-from={s.restoredFrom}>
                        restored from <a href={`#v-${s.restoredFrom}`} className="font-mono underline">{shortVersionId(s.restoredFrom)}</a>
                        {s.restoredBy ? ` by ${s.restoredBy}` : ""}
                      </Badge>
                    )}
                  </td>
                  <td className="space-x-1 px-3 py-1.5 text-right whitespace-nowrap">
                    {!v.isDeleteMarker && previous && (
                      <Link className="text-xs text-sky-700 underline" href={diffHref(backend, workspace, previous, v.versionId)} data-testid="diff-previous">
                        diff
                      </Link>
                    )}
                    {canRestore && !v.isLatest && !v.isDeleteMarker && (
                      <ButtonLink size="sm" href={restoreHref(backend, workspace, v.versionId)} data-testid="restore-version-button">
                        Restore this version
                      </ButtonLink>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {query.isError && <ErrorState error={query.error} compact action={<Button size="sm" onClick={() => void query.refetch()}>Retry</Button>} />}
      <div ref={sentinel} className="flex items-center gap-3">
        {isFetching && <Progress label={`Reading versions: ${Math.min(shownCount, versions.length)} of ${versions.length}`} value={loadedPages} max={pages.length} />}
        {hasNextPage && !isFetching && (
          <Button size="sm" onClick={() => void fetchNextPage()} data-testid="load-more-versions">
            Load older versions ({versions.length - shownCount} more)
          </Button>
        )}
      </div>
    </div>
  );
}
