"use client";
/**
 * Search hits as one virtualized table, in the index's order (grouped by backend, then workspace),
 * each linking to its instance on the State tab (outputs to the Outputs tab). Hits carry no sensitive value.
 */
import Link from "next/link";
import { useMemo } from "react";
import type { SearchHit } from "@/lib/search/index";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { VirtualTable, type Column } from "@/components/ui/virtual-table";
import { HistoryLink } from "@/components/history/history-link";

function hitHref(h: SearchHit): string {
  if (h.mode === "output") return workspaceHref(h.backend, h.workspace, "outputs");
  return `${workspaceHref(h.backend, h.workspace, "state")}?q=${encodeURIComponent(h.address)}`;
}

export function SearchResults({ hits }: { hits: SearchHit[] }) {
  const columns = useMemo<Column<SearchHit>[]>(
    () => [
      { id: "backend", header: "Backend", width: "minmax(7rem,1fr)", cell: (h) => h.backend },
      { id: "workspace", header: "Workspace", width: "minmax(8rem,1fr)", cell: (h) => <span className="font-mono text-xs">{h.workspace}</span> },
      {
        id: "address",
        header: "Instance",
        width: "minmax(14rem,2fr)",
        cell: (h) => (
          <span className="flex items-baseline gap-2">
            <Link prefetch={false} href={hitHref(h)} className="truncate font-mono text-xs text-blue-700 hover:underline" data-testid="search-hit-link">
              {h.address}
            </Link>
            {h.mode !== "output" && <HistoryLink backend={h.backend} workspace={h.workspace} address={h.address} />}
          </span>
        ),
      },
      {
        id: "match",
        header: "Matched",
        width: "minmax(14rem,2fr)",
        cell: (h) => (
          <span className="truncate font-mono text-xs text-slate-700" title={h.matches.map((m) => `${m.path} = ${m.value}`).join("\n")}>
            {h.matches.length === 0 ? "(name)" : h.matches.map((m) => `${m.path} = ${m.value}`).join(" · ")}
          </span>
        ),
      },
    ],
    [],
  );
  return (
    <VirtualTable
      rows={hits}
      columns={columns}
      rowKey={(h) => `${h.backend}\0${h.workspace}\0${h.address}`}
      label="Search results"
      rowAttributes={(h) => ({ "data-testid": "search-hit", "data-backend": h.backend, "data-workspace": h.workspace, "data-address": h.address })}
    />
  );
}
