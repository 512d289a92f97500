"use client";

import Link from "next/link";
import { ProblemBadges } from "@/components/estate/problem-badges";
import { useWorkspaceProblems } from "@/components/estate/use-workspace-problems";
import { useMemo, useState } from "react";
import type { WorkspaceSummary } from "@/lib/domain/workspaces";
import type { DetailsResult, WorkspaceDetails } from "@/lib/domain/workspaces";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { Badge } from "@/components/ui/badge";
import { Bytes } from "@/components/ui/bytes";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { formatSort, parseSort, replaceSearchParam } from "@/components/ui/url-param";
import { VirtualTable, type Column } from "@/components/ui/virtual-table";
import { LockBadge } from "./lock-badge";
import { useLazyDetails } from "./use-lazy-details";

function detailCell(w: WorkspaceSummary, d: DetailsResult | undefined, pick: (x: WorkspaceDetails) => string | number | bigint | null) {
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

export function WorkspacesTable({
  backend,
  workspaces,
  initialDetails,
  initialFilter,
  initialSort = "",
}: {
  backend: string;
  workspaces: WorkspaceSummary[];
  initialDetails: Record<string, WorkspaceDetails>;
  initialFilter: string;
  /** The URL's ?sort= (`name`, `-serial`…). */
  initialSort?: string;
}) {
  const [filter, setFilter] = useState(initialFilter);
  const { details, onVisibleRowsChange } = useLazyDetails(backend, initialDetails);
  const problems = useWorkspaceProblems(backend);

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? workspaces.filter((w) => w.name.toLowerCase().includes(q)) : workspaces;
  }, [workspaces, filter]);

  const columns = useMemo<Column<WorkspaceSummary>[]>(
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
      { id: "resources", header: "Resources", width: "6.5rem", align: "right", sortValue: (w) => detailValue(details[w.name], (d) => d.resources), cell: (w) => detailCell(w, details[w.name], (d) => d.resources) },
      { id: "modified", header: "Modified", width: "8rem", sortValue: (w) => w.lastModified, cell: (w) => <RelativeTime iso={w.lastModified} /> },
      { id: "size", header: "Size", width: "6rem", align: "right", sortValue: (w) => w.size, cell: (w) => <Bytes value={w.size} /> },
      { id: "tool", header: "Tool", width: "6rem", sortValue: (w) => detailValue(details[w.name], (d) => d.terraformVersion), cell: (w) => detailCell(w, details[w.name], (d) => d.terraformVersion) },
      { id: "lock", header: "Lock", width: "minmax(14rem,1.5fr)", sortValue: (w) => (w.locked ? 0 : 1), cell: (w) => <LockBadge holders={w.lockHolders} showUnlocked={false} /> },
      {
        id: "status",
        header: "Status",
        width: "6.5rem",
        sortValue: (w) => (w.deleted ? "deleted" : w.exists ? "ok" : "no state"),
        cell: (w) =>
          w.deleted ? (
            <Badge tone="red" data-testid="deleted-badge">
              deleted
            </Badge>
          ) : !w.exists ? (
            <Badge tone="neutral">no state</Badge>
          ) : null,
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
          {rows.length === workspaces.length ? `${workspaces.length} workspaces` : `${rows.length} of ${workspaces.length} workspaces`}
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
