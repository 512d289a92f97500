"use client";

import Link from "next/link";
import { ProblemBadges } from "@/components/estate/problem-badges";
import { useWorkspaceProblems } from "@/components/estate/use-workspace-problems";
import { startTransition, useEffect, useMemo, useState } from "react";
import { decodeWorkspaceRows, type WorkspaceRow } from "@/lib/browser-safe/workspace-rows";
import type { DetailsResult, WorkspaceDetails } from "@/lib/domain/workspaces";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { Badge } from "@/components/ui/badge";
import { Bytes } from "@/components/ui/bytes";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { formatSort, parseSort, replaceSearchParam } from "@/components/ui/url-param";
import { VirtualTable, type Column } from "@/components/ui/virtual-table";
import { LockBadge } from "./lock-badge";
import { encryptionWords, isEncryptionProblem } from "@/lib/browser-safe/state-encryption";

/** A small "encrypted" mark from the row's details: decrypted (neutral) or not (amber), the words in its title. */
function EncryptionMark({ d }: { d: DetailsResult | undefined }) {
  if (d && !d.ok && isEncryptionProblem(d.error.code)) {
    return (
      <Badge tone="amber" title={d.error.message} data-testid="row-encryption" data-decrypted="false">
        cannot decrypt
      </Badge>
    );
  }
  const m = d?.ok ? d.details.encryption : null;
  if (!m) return null;
  return (
    <Badge tone={m.decrypted ? "neutral" : "amber"} title={encryptionWords(m)} data-testid="row-encryption" data-decrypted={m.decrypted}>
      {m.decrypted ? "encrypted" : "cannot decrypt"}
    </Badge>
  );
}
import { useLazyDetails } from "./use-lazy-details";

function detailCell(w: WorkspaceRow, d: DetailsResult | undefined, pick: (x: WorkspaceDetails) => string | number | bigint | null) {
  if (!w.exists || w.deleted) return <span className="text-slate-400">—</span>;
  if (!d) return <Skeleton className="h-3 w-10" />;
  if (!d.ok) {
    return (
      <span className="text-red-700" title={d.error.message}>
        error
      </span>
    );
  }
  const v = pick(d.details);
  return v === null ? <span className="text-slate-400" title={`content: ${d.details.kind}`}>{d.details.kind === "state" ? "—" : d.details.kind}</span> : <>{v}</>;
}

function detailValue(d: DetailsResult | undefined, pick: (x: WorkspaceDetails) => string | number | bigint | null): string | number | bigint | null {
  return d?.ok ? pick(d.details) : null;
}

/**
 * The first screen of rows comes with the page; the rest (`rest`, columns as one JSON text) is
 * decoded in a task of its own after the first paint, so neither hydration nor the decoding holds
 * the main thread for long however many workspaces there are.
 */
function useAllRows(first: WorkspaceRow[], rest: string | null): WorkspaceRow[] {
  const [decoded, setDecoded] = useState<{ rest: string; rows: WorkspaceRow[] } | null>(null);
  useEffect(() => {
    if (rest === null) return;
    const t = setTimeout(() => {
      const rows = decodeWorkspaceRows(rest);
      startTransition(() => setDecoded({ rest, rows }));
    }, 0);
    return () => clearTimeout(t);
  }, [rest]);
  return useMemo(() => (decoded && decoded.rest === rest ? [...first, ...decoded.rows] : first), [first, rest, decoded]);
}

export function WorkspacesTable({
  backend,
  workspaces: first,
  rest,
  total,
  initialDetails,
  initialFilter,
  initialSort = "",
}: {
  backend: string;
  /** The first rows, in listing order. */
  workspaces: WorkspaceRow[];
  /** The other rows, encoded (lib/browser-safe/workspace-rows.ts); null when there are none. */
  rest: string | null;
  total: number;
  initialDetails: Record<string, WorkspaceDetails>;
  initialFilter: string;
  /** The URL's ?sort= (`name`, `-serial`…). */
  initialSort?: string;
}) {
  const workspaces = useAllRows(first, rest);
  const [filter, setFilter] = useState(initialFilter);
  const { details, onVisibleRowsChange } = useLazyDetails(backend, initialDetails);
  const problems = useWorkspaceProblems(backend);

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? workspaces.filter((w) => w.name.toLowerCase().includes(q)) : workspaces;
  }, [workspaces, filter]);

  const columns = useMemo<Column<WorkspaceRow>[]>(
    () => [
      {
        id: "name",
        header: "Workspace",
        width: "minmax(12rem,2fr)",
        sortValue: (w) => w.name,
        cell: (w) => (
          <>
            <Link href={workspaceHref(backend, w.name, "state")} className="font-medium text-sky-800 hover:underline" data-testid="workspace-link">
              {w.name}
            </Link>
            <ProblemBadges codes={problems[w.name]} />
          </>
        ),
      },
      { id: "serial", header: "Serial", width: "5rem", align: "right", sortValue: (w) => detailValue(details[w.name], (d) => d.serial), cell: (w) => detailCell(w, details[w.name], (d) => d.serial) },
      { id: "instances", header: <span title="Resource instances (one per count or for_each key), as terraform state list lists them; the State tab also counts resources">Instances</span>, width: "6.5rem", align: "right", from: "sm", sortValue: (w) => detailValue(details[w.name], (d) => d.instances), cell: (w) => detailCell(w, details[w.name], (d) => d.instances) },
      { id: "modified", header: "Modified", width: "8rem", from: "md", sortValue: (w) => w.lastModified, cell: (w) => <RelativeTime iso={w.lastModified} /> },
      { id: "size", header: "Size", width: "6rem", align: "right", from: "lg", sortValue: (w) => w.size, cell: (w) => <Bytes value={w.size} /> },
      { id: "tool", header: "Tool", width: "6rem", from: "lg", sortValue: (w) => detailValue(details[w.name], (d) => d.terraformVersion), cell: (w) => detailCell(w, details[w.name], (d) => d.terraformVersion) },
      { id: "lock", header: "Lock", width: "minmax(14rem,1.5fr)", from: "md", sortValue: (w) => (w.locked ? 0 : 1), cell: (w) => <LockBadge holders={w.lockHolders} showUnlocked={false} /> },
      {
        id: "status",
        header: "Status",
        width: "6.5rem",
        from: "sm",
        sortValue: (w) => (w.deleted ? "deleted" : w.exists ? "ok" : "no state"),
        cell: (w) =>
          w.deleted ? (
            <Badge tone="red" data-testid="deleted-badge">
              deleted
            </Badge>
          ) : !w.exists ? (
            <Badge tone="neutral">no state</Badge>
          ) : (
            <EncryptionMark d={details[w.name]} />
          ),
      },
    ],
    [backend, details, problems],
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Filter
          <input
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              replaceSearchParam("q", e.target.value);
            }}
            placeholder="workspace name"
            aria-label="Filter workspaces by name"
            data-testid="workspace-filter"
            className="h-8 w-64 rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-sky-600 focus:outline-none"
          />
        </label>
        <p className="text-xs text-slate-500" data-testid="workspace-count">
          {workspaces.length < total ? `${total} workspaces` : rows.length === workspaces.length ? `${workspaces.length} workspaces` : `${rows.length} of ${workspaces.length} workspaces`}
        </p>
      </div>
      <VirtualTable
        label={`Workspaces of ${backend}`}
        rows={rows}
        columns={columns}
        rowKey={(w) => w.name}
        rowAttributes={(w) => ({ "data-testid": "workspace-row", "data-workspace": w.name, "data-deleted": String(w.deleted), "data-locked": String(w.locked) })}
        onVisibleRowsChange={onVisibleRowsChange}
        initialSort={parseSort(initialSort, columns.filter((c) => c.sortValue).map((c) => c.id))}
        onSortChange={(sort) => replaceSearchParam("sort", formatSort(sort))}
        empty={filter ? `No workspace matches "${filter}".` : "No workspaces."}
      />
    </div>
  );
}
