"use client";
/**
 * The versions written in the window, newest first, as one virtualized table: where, when, the serial,
 * resources added/changed/removed against the previous version, what was special about it (a restore,
 * a lineage change, a deleted state), and the diff against its predecessor.
 */
import Link from "next/link";
import { useMemo } from "react";
import type { ChangeRow } from "@/app/actions/list-changes";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { Badge } from "@/components/ui/badge";
import { VirtualTable, type Column } from "@/components/ui/virtual-table";
import { shortVersionId } from "@/components/versions/short-version-id";
import { LocalTime } from "./local-time";

/** The diff of this version against the next older one with content (the Diff tab picks it: a delete marker between is skipped). */
function rowDiffHref(c: ChangeRow): string | null {
  if (c.deleted || c.previousVersionId === null) return null;
  return `${workspaceHref(c.backend, c.workspace, "diff")}?to=${encodeURIComponent(c.versionId)}`;
}

function Notes({ c }: { c: ChangeRow }) {
  return (
    <span className="space-x-1">
      {c.deleted && (
        <Badge tone="red" data-testid="change-deleted">
          state deleted
        </Badge>
      )}
      {c.restoredFrom && (
        <Badge tone="green" data-testid="change-restored" title={`restored from ${c.restoredFrom}${c.restoredBy ? ` by ${c.restoredBy}` : ""}`}>
          restored from <span className="font-mono">{shortVersionId(c.restoredFrom)}</span>
          {c.restoredBy ? ` by ${c.restoredBy.replace(/ via Statehouse$/, "")}` : ""}
        </Badge>
      )}
      {c.lineageChanged && (
        <Badge tone="violet" data-testid="change-lineage">
          lineage changed
        </Badge>
      )}
      {c.unreadable && <Badge tone="amber">not readable</Badge>}
      {c.previousVersionId === null && !c.deleted && <Badge tone="neutral">first version</Badge>}
    </span>
  );
}

export function ChangesTable({ rows }: { rows: ChangeRow[] }) {
  const columns = useMemo<Column<ChangeRow>[]>(
    () => [
      { id: "time", header: "Written", width: "14.5rem", cell: (c) => <LocalTime iso={c.lastModified} className="text-xs" /> },
      { id: "backend", header: "Backend", width: "minmax(6rem,0.5fr)", cell: (c) => c.backend },
      {
        id: "workspace",
        header: "Workspace",
        width: "minmax(9rem,1fr)",
        cell: (c) => (
          <Link prefetch={false} href={workspaceHref(c.backend, c.workspace, "versions")} title={c.workspace} className="font-mono text-xs text-blue-700 hover:underline" data-testid="change-workspace">
            {c.workspace}
          </Link>
        ),
      },
      { id: "serial", header: "Serial", width: "4.5rem", align: "right", cell: (c) => <span data-testid="change-serial">{c.serial === null ? "—" : String(c.serial)}</span> },
      {
        id: "counts",
        header: "Resources",
        width: "7rem",
        cell: (c) =>
          c.deleted || c.unreadable ? (
            <span className="text-slate-400">—</span>
          ) : (
            <span className="font-mono text-xs" data-testid="change-counts" data-added={c.added} data-changed={c.changed} data-removed={c.removed}>
              <span className="text-emerald-700">+{c.added}</span> <span className="text-amber-700">~{c.changed}</span> <span className="text-red-700">−{c.removed}</span>
            </span>
          ),
      },
      { id: "notes", header: "", width: "minmax(18rem,1.6fr)", cell: (c) => <Notes c={c} /> },
      {
        id: "open",
        header: "",
        width: "6rem",
        align: "right",
        cell: (c) => {
          const href = rowDiffHref(c);
          return href ? (
            <Link prefetch={false} href={href} className="text-xs text-sky-700 underline" data-testid="change-diff">
              diff
            </Link>
          ) : (
            <Link prefetch={false} href={workspaceHref(c.backend, c.workspace, "versions")} className="text-xs text-sky-700 underline">
              versions
            </Link>
          );
        },
      },
    ],
    [],
  );
  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(c) => `${c.backend}\0${c.workspace}\0${c.versionId}`}
      label="State versions written in the window"
      rowHeight={36}
      rowAttributes={(c) => ({ "data-testid": "change-row", "data-backend": c.backend, "data-workspace": c.workspace, "data-version-id": c.versionId })}
    />
  );
}
