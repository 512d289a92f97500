import Link from "next/link";
import type { AffectedReaders } from "@/lib/domain/dependencies";
import type { ActionResult } from "@/lib/result";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";

function names(list: string[]): string {
  return list.map((n) => `\`${n}\``).join(", ");
}

/**
 * "2 workspaces read `vpc_id`: platform/prod, data-teams/analytics": the readers whose next plan sees
 * an output removed or changed between the two versions. Output names only, never values. Renders
 * nothing when no output a reader could see changes; a failure to build the graph is said quietly.
 */
export async function AffectedReadersNotice({ affected }: { affected: Promise<ActionResult<AffectedReaders | null>> }) {
  const r = await affected;
  if (!r.ok) {
    return (
      <p className="text-xs text-slate-500" data-testid="affected-readers-unknown">
        Which workspaces read these outputs is unknown right now: {r.error.message}
      </p>
    );
  }
  const a = r.data;
  if (a === null || a.outputs.length === 0 || (a.consumers.length === 0 && a.hidden === 0)) return null;
  const total = a.consumers.length + a.hidden;
  return (
    <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="affected-readers" data-outputs={a.outputs.join(",")}>
      <p>
        <strong>
          {total} {total === 1 ? "workspace reads" : "workspaces read"} {names(a.outputs)}
        </strong>
        {a.consumers.length > 0 && ": "}
        {a.consumers.map((c, i) => (
          <span key={`${c.backend}\0${c.workspace}\0${c.address}`}>
            {i > 0 && ", "}
            <Link prefetch={false} className="text-blue-700 underline" href={workspaceHref(c.backend, c.workspace, "state")} data-testid="affected-reader" title={c.address}>
              {c.backend}/{c.workspace}
            </Link>
          </span>
        ))}
        {a.hidden > 0 && `${a.consumers.length > 0 ? ", and " : ": "}${a.hidden} in backends you may not view`}.
      </p>
      <p className="text-xs text-amber-900">{a.outputs.length === 1 ? "This output is" : "These outputs are"} removed or changed in type or value; their next plan reads the new outputs.</p>
    </div>
  );
}
