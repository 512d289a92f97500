"use client";
/**
 * The Locks page's tables: held locks and orphans, each virtualized (thousands of locks stay responsive).
 * Breaking one opens the Lock tab's confirmation above the table, for the lock picked in its row: an
 * expanding form inside a fixed-height virtual row would overlap the rows below it.
 */
import Link from "next/link";
import { useMemo, useState } from "react";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import type { LockKind } from "@/lib/browser-safe/lock-kinds";
import { BreakLockForm } from "@/components/lock/break-lock-form";
import { Badge } from "@/components/ui/badge";
import { replaceSearchParam } from "@/components/ui/url-param";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { VirtualTable, type Column } from "@/components/ui/virtual-table";

/** One lock as the page shows it: plain, already-worded data. */
export interface EstateLockRow {
  key: string;
  backend: string;
  workspace: string | null;
  kind: LockKind;
  id: string;
  who: string;
  operationWords: string;
  version: string;
  created: string;
  age: string;
  severity: { tone: "red" | "amber" | "green"; label: string };
  stale: boolean;
  stateKey: string;
  location: string;
  orphanReason?: string;
  /** The caller may break it (operator on its backend). */
  breakable: boolean;
}

const kindLabel = (k: LockKind) => (k === "dynamodb" ? "DynamoDB" : ".tflock");

function BreakButton({ row, onPick }: { row: EstateLockRow; onPick: (r: EstateLockRow) => void }) {
  if (!row.breakable) return null;
  return (
    <Button variant="danger" size="sm" onClick={() => onPick(row)} data-testid="break-lock-button" data-lock-kind={row.kind}>
      Break lock…
    </Button>
  );
}

function BreakPanel({ row, onClose }: { row: EstateLockRow; onClose: () => void }) {
  return (
    <section className="space-y-2 rounded-lg border border-red-200 bg-white p-3" data-testid="lock-break-panel" data-lock-kind={row.kind} data-workspace={row.workspace ?? ""} aria-label="Break a lock">
      <p className="text-sm text-slate-800">
        {kindLabel(row.kind)} lock of <strong>{row.backend}</strong> / <span className="font-mono text-xs">{row.workspace ?? row.stateKey}</span>, held by{" "}
        <span className="font-mono text-xs">{row.who}</span> ({row.operationWords}) since <RelativeTime iso={row.created} />
        {row.orphanReason ? `: an orphan, ${row.orphanReason}` : ""}.
      </p>
      <BreakLockForm
        key={row.key}
        backend={row.backend}
        lockId={row.id}
        kind={row.kind}
        target={row.workspace !== null && !row.orphanReason ? { workspace: row.workspace } : { stateKey: row.stateKey }}
        defaultOpen
        onClose={onClose}
      />
    </section>
  );
}

function matches(l: EstateLockRow, q: string): boolean {
  return [l.backend, l.workspace ?? "", l.who, l.operationWords, l.stateKey, l.location, l.kind].some((f) => f.toLowerCase().includes(q));
}

export function EstateLocksTables({ live: allLive, orphans: allOrphans, initialQuery }: { live: EstateLockRow[]; orphans: EstateLockRow[]; initialQuery: string }) {
  const [picked, setPicked] = useState<EstateLockRow | null>(null);
  const [query, setQuery] = useState(initialQuery);
  const q = query.trim().toLowerCase();
  const live = useMemo(() => (q ? allLive.filter((l) => matches(l, q)) : allLive), [allLive, q]);
  const orphans = useMemo(() => (q ? allOrphans.filter((l) => matches(l, q)) : allOrphans), [allOrphans, q]);
  const onQuery = (v: string) => {
    setQuery(v);
    // Shareable without a server round trip: the filter lives in the URL (?q=).
    replaceSearchParam("q", v);
  };
  const columns = useMemo<Column<EstateLockRow>[]>(
    () => [
      {
        id: "workspace",
        header: "Backend / workspace",
        width: "minmax(12rem,2fr)",
        cell: (l) => (
          <>
            {l.backend} /{" "}
            {l.workspace !== null ? (
              <Link prefetch={false} className="font-mono text-xs text-blue-700 hover:underline" href={workspaceHref(l.backend, l.workspace, "lock")}>
                {l.workspace}
              </Link>
            ) : (
              "?"
            )}
          </>
        ),
      },
      { id: "kind", header: "Kind", width: "7rem", cell: (l) => kindLabel(l.kind) },
      { id: "who", header: "Holder", width: "minmax(9rem,1.5fr)", cell: (l) => <span className="font-mono text-xs" title={l.who}>{l.who || "(unknown)"}</span> },
      { id: "operation", header: "Operation", width: "6rem", cell: (l) => l.operationWords },
      { id: "version", header: "Version", width: "5rem", cell: (l) => l.version },
      { id: "created", header: "Created", width: "6rem", cell: (l) => <RelativeTime iso={l.created} /> },
      {
        id: "age",
        header: "Age",
        width: "minmax(14rem,1.2fr)",
        cell: (l) => (
          <>
            {l.age}{" "}
            <Badge tone={l.severity.tone} data-testid="lock-severity">
              {l.severity.label}
            </Badge>
          </>
        ),
      },
      { id: "break", header: "", width: "8rem", cell: (l) => <BreakButton row={l} onPick={setPicked} /> },
    ],
    [],
  );
  const orphanColumns = useMemo<Column<EstateLockRow>[]>(
    () => [
      { id: "location", header: "Lock", width: "minmax(14rem,2fr)", cell: (l) => <span className="font-mono text-xs" title={l.location}>{l.location}</span> },
      { id: "kind", header: "Kind", width: "7rem", cell: (l) => kindLabel(l.kind) },
      { id: "who", header: "Holder", width: "minmax(9rem,1fr)", cell: (l) => <span className="font-mono text-xs">{l.who || "(unknown)"}</span> },
      { id: "operation", header: "Operation", width: "6rem", cell: (l) => l.operationWords },
      { id: "why", header: "Why an orphan", width: "minmax(12rem,2fr)", cell: (l) => <span title={l.orphanReason}>{l.orphanReason}</span> },
      { id: "break", header: "", width: "8rem", cell: (l) => <BreakButton row={l} onPick={setPicked} /> },
    ],
    [],
  );
  const attrs = (l: EstateLockRow) => ({ "data-backend": l.backend, "data-workspace": l.workspace ?? "", "data-lock-kind": l.kind, "data-stale": String(l.stale), "data-state-key": l.stateKey });
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-2">
        <label htmlFor="locks-filter" className="text-sm text-slate-700">
          Filter
        </label>
        <input
          id="locks-filter"
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          placeholder="backend, workspace, holder, key…"
          data-testid="locks-filter"
          className="w-72 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        />
        <span className="text-sm text-slate-500" data-testid="locks-count">
          {live.length.toLocaleString("en")} held{orphans.length ? `, ${orphans.length.toLocaleString("en")} orphans` : ""}
          {q ? " match" : ""}
        </span>
      </div>
      {picked && <BreakPanel row={picked} onClose={() => setPicked(null)} />}
      {live.length > 0 && (
        <VirtualTable rows={live} columns={columns} rowKey={(l) => l.key} label="Locks held" maxHeight="60vh" rowAttributes={(l) => ({ "data-testid": "estate-lock", ...attrs(l) })} />
      )}
      {orphans.length > 0 && (
        <section className="space-y-2" data-testid="orphan-locks">
          <h2 className="text-lg font-semibold text-slate-900">Orphans</h2>
          <p className="text-sm text-slate-600">Lock items that no workspace listing shows: their state is gone or lies outside every configured prefix. They still block the tools if a workspace of that name comes back.</p>
          <VirtualTable rows={orphans} columns={orphanColumns} rowKey={(l) => l.key} label="Orphan locks" maxHeight="40vh" rowAttributes={(l) => ({ "data-testid": "orphan-lock", ...attrs(l) })} />
        </section>
      )}
    </div>
  );
}
