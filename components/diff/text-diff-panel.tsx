"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { getTextDiffAction } from "@/app/actions/get-text-diff";
import type { ErrorPayload } from "@/lib/errors";
import type { SideBySideRow, TextDiff } from "@/lib/domain/diff";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Progress } from "@/components/ui/spinner";
import { VirtualTable, type Column } from "@/components/ui/virtual-table";
import { cx } from "@/components/ui/cx";

type Row = SideBySideRow & { i: number };
type Side = Extract<SideBySideRow, { kind: "line" }>["left"];

function lineCells(pick: (r: Extract<SideBySideRow, { kind: "line" }>) => Side, tone: string): [Column<Row>, Column<Row>] {
  return [
    {
      id: `${tone}-n`,
      header: <span className="sr-only">{tone === "left" ? "From line" : "To line"}</span>,
      width: "4rem",
      align: "right",
      cell: (r) => (r.kind === "line" ? <span className="text-slate-500">{pick(r)?.n ?? ""}</span> : null),
    },
    {
      id: `${tone}-text`,
      header: tone === "left" ? "From" : "To",
      width: "minmax(0,1fr)",
      cell: (r) => {
        if (r.kind === "gap") return <span className="text-sky-700">@@ line {tone === "left" ? r.aStart : r.bStart}</span>;
        const s = pick(r);
        if (!s) return null;
        return (
          <span title={s.text} className={cx("font-mono text-xs whitespace-pre", s.changed && (tone === "left" ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"))}>
            {s.text}
          </span>
        );
      },
    },
  ];
}

const COLUMNS: Column<Row>[] = [...lineCells((r) => r.left, "left"), ...lineCells((r) => r.right, "right")];

/**
 * Side-by-side diff of the pretty-printed, masked JSON. Only fetched when asked for: on a 30 MB
 * state it reads both objects in full. Rows are virtualized.
 */
export function TextDiffPanel({ backend, workspace, from, to }: { backend: string; workspace: string; from: string; to: string }) {
  const [wanted, setWanted] = useState(false);
  const q = useQuery<TextDiff & { indexed: Row[] }, ErrorPayload>({
    queryKey: ["text-diff", backend, workspace, from, to],
    enabled: wanted,
    staleTime: Infinity,
    queryFn: async () => {
      const r = await getTextDiffAction({ backend, workspace, from, to });
      if (!r.ok) throw r.error;
      return { ...r.data, indexed: r.data.rows.map((row, i) => ({ ...row, i })) };
    },
  });

  return (
    <section className="space-y-2" data-testid="text-diff">
      <div className="flex items-center gap-3">
        <h2 className="text-sm font-semibold">Text diff</h2>
        {!wanted && (
          <Button size="sm" onClick={() => setWanted(true)} data-testid="show-text-diff">
            Show text diff
          </Button>
        )}
        {q.data && (
          <span className="text-xs text-slate-500" data-testid="text-diff-stats">
            {q.data.changedLines} changed lines{q.data.truncated ? " (truncated: use `statehouse diff --text` for all of it)" : ""}
          </span>
        )}
      </div>
      {wanted && q.isPending && <Progress label="Reading both versions and comparing their text…" />}
      {q.isError && <ErrorState error={q.error} compact action={<Button size="sm" onClick={() => void q.refetch()}>Retry</Button>} />}
      {q.data &&
        (q.data.rows.length === 0 ? (
          <p className="text-sm text-slate-600">The two versions have the same text.</p>
        ) : (
          <VirtualTable
            label="Side-by-side text diff"
            rows={q.data.indexed}
            columns={COLUMNS}
            rowKey={(r) => String(r.i)}
            rowHeight={22}
            rowAttributes={(r) => ({ "data-testid": "text-diff-row", "data-changed": String(r.kind === "line" && !!(r.left?.changed || r.right?.changed)) })}
          />
        ))}
    </section>
  );
}
