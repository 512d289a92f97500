"use client";
/**
 * An instance's history as it is read: the page asks the server for one batch of versions after
 * another (each a couple of seconds of reads), appends the changes found and shows how far it got,
 * until every version is read or the user stops. Paths only: attribute values are in the diff.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { readInstanceHistoryAction, type InstanceHistoryBatch, type InstanceHistoryRow } from "@/app/actions/read-instance-history";
import { diffHref, restoreHref, workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import type { HistoryCursor } from "@/lib/domain/history";
import type { ErrorPayload } from "@/lib/errors";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Bytes } from "@/components/ui/bytes";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Progress } from "@/components/ui/spinner";
import { RelativeTime } from "@/components/ui/relative-time";
import { shortVersionId } from "@/components/versions/short-version-id";

const CHANGE_TONES: Record<InstanceHistoryRow["change"], BadgeTone> = {
  added: "green",
  changed: "blue",
  removed: "red",
  tainted: "red",
  untainted: "neutral",
  deposed: "amber",
};

const fmt = (n: number) => n.toLocaleString("en-US");

interface Props {
  backend: string;
  workspace: string;
  address: string;
  canRestore: boolean;
}

function Links({ e, backend, workspace, address, canRestore }: Props & { e: InstanceHistoryRow }) {
  return (
    <span className="space-x-2 whitespace-nowrap">
      {e.previousVersionId && !e.isDeleteMarker && (
        <Link prefetch={false} className="text-xs text-sky-700 underline" href={diffHref(backend, workspace, e.previousVersionId, e.versionId)} data-testid="history-diff">
          diff
        </Link>
      )}
      {!e.isDeleteMarker && (
        <Link prefetch={false} className="text-xs text-sky-700 underline" href={`${workspaceHref(backend, workspace, "state")}?version=${encodeURIComponent(e.versionId)}&q=${encodeURIComponent(address)}`} data-testid="history-state">
          state
        </Link>
      )}
      {canRestore && !e.isLatest && !e.isDeleteMarker && (
        <Link prefetch={false} className="text-xs text-sky-700 underline" href={restoreHref(backend, workspace, e.versionId)} data-testid="history-restore">
          restore…
        </Link>
      )}
    </span>
  );
}

export function InstanceHistory(props: Props) {
  const { backend, workspace, address } = props;
  const [stopped, setStopped] = useState(false);
  const q = useInfiniteQuery<InstanceHistoryBatch, ErrorPayload, { pages: InstanceHistoryBatch[] }, readonly string[], HistoryCursor | null>({
    queryKey: ["instance-history", backend, workspace, address],
    queryFn: async ({ pageParam }) => {
      const r = await readInstanceHistoryAction({ backend, workspace, address, cursor: pageParam });
      if (!r.ok) throw r.error;
      return r.data;
    },
    initialPageParam: null,
    getNextPageParam: (last) => last.cursor ?? undefined,
    // What was read stays true: versions never change. A new version written since is not part of this reading.
    staleTime: Infinity,
  });
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = q;
  // Keeps asking for the next batch until done, stopped or failed.
  useEffect(() => {
    if (!stopped && hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [stopped, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const pages = q.data?.pages ?? [];
  const last = pages.at(-1);
  const entries = pages.flatMap((p) => p.entries);
  const done = last !== undefined && last.cursor === null;
  const running = !done && !stopped && !isError;

  return (
    <div className="space-y-3" data-testid="instance-history" data-done={done} data-versions-read={last?.read ?? 0}>
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-64 flex-1" aria-live="polite">
          {last ? (
            <Progress value={last.read} max={Math.max(1, last.total)} label={`${done ? "Read all" : "read"} ${fmt(last.read)} of ${fmt(last.total)} versions${entries.length ? `, ${fmt(entries.length)} with a change to this instance` : ""}`} />
          ) : (
            <Progress label="Listing the versions…" />
          )}
        </div>
        {running && (
          <Button size="sm" onClick={() => setStopped(true)} data-testid="history-stop">
            Stop
          </Button>
        )}
        {stopped && !done && (
          <Button size="sm" onClick={() => setStopped(false)} data-testid="history-continue">
            Continue
          </Button>
        )}
      </div>
      {stopped && !done && last && <p className="text-xs text-slate-600">Stopped: versions older than {fmt(last.read)} were not read.</p>}
      {last && last.unreadable > 0 && (
        <p className="text-xs text-amber-800" data-testid="history-unreadable">
          {fmt(last.unreadable)} {last.unreadable === 1 ? "version was" : "versions were"} not readable as state (corrupt or encrypted) and compared across.
        </p>
      )}
      {q.error && <ErrorState error={q.error} compact />}
      {entries.length === 0 ? (
        done ? (
          <EmptyState title="No change to this instance">No version of this workspace&apos;s state adds, changes or removes {address}.</EmptyState>
        ) : null
      ) : (
        <table className="w-full text-left text-sm" aria-label={`History of ${address}`}>
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-1">Written</th>
              <th>Version</th>
              <th className="text-right">Serial</th>
              <th className="text-right">Size</th>
              <th className="pl-4">Change</th>
              <th>Attributes</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.versionId} className="align-baseline" data-testid="history-entry" data-version-id={e.versionId} data-serial={String(e.serial)} data-change={e.change}>
                <td className="py-2 whitespace-nowrap">
                  <RelativeTime iso={e.lastModified} />
                </td>
                <td className="font-mono text-xs" title={e.versionId}>
                  {shortVersionId(e.versionId)} {e.isLatest && <Badge tone="blue">current</Badge>}
                </td>
                <td className="text-right tabular-nums">{e.isDeleteMarker ? "—" : String(e.serial)}</td>
                <td className="text-right">{e.isDeleteMarker ? "—" : <Bytes value={e.size} />}</td>
                <td className="pl-4">
                  <Badge tone={CHANGE_TONES[e.change]} data-testid="history-change">
                    {e.isDeleteMarker ? "removed (state deleted)" : e.change}
                  </Badge>
                </td>
                <td className="font-mono text-xs text-slate-700" data-testid="history-paths">
                  {e.paths.length === 0 ? <span className="text-slate-400">—</span> : e.paths.map((p) => <div key={p}>{p}</div>)}
                </td>
                <td className="text-right">
                  <Links e={e} {...props} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
