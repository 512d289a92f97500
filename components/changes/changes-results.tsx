import type { ChangesList } from "@/app/actions/list-changes";
import type { ActionResult } from "@/lib/result";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ChangesTable } from "./changes-table";
import { LocalTime } from "./local-time";

const fmt = (n: number) => n.toLocaleString("en-US");

/** The window's versions once read (the page streams this part: the read is proportional to the window). */
export async function ChangesResults({ list }: { list: Promise<ActionResult<ChangesList>> }) {
  const r = await list;
  if (!r.ok) return <ErrorState error={r.error} />;
  const { changes, total, since } = r.data;
  const workspaces = new Set(changes.map((c) => `${c.backend}\0${c.workspace}`)).size;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="changes-total" data-total={total}>
        {fmt(total)} {total === 1 ? "version" : "versions"} in {fmt(workspaces)} {workspaces === 1 ? "workspace" : "workspaces"} since <LocalTime iso={since} />
        {total > changes.length && ` (the newest ${fmt(changes.length)} shown: narrow the window or filter by backend or workspace)`}
      </p>
      {changes.length === 0 ? <EmptyState title="Nothing written">No state version was written in this window.</EmptyState> : <ChangesTable rows={changes} />}
    </div>
  );
}
