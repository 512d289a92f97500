import Link from "next/link";
import type { AuditEvent } from "@/lib/audit/event";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { auditHref, type AuditFilter } from "./audit-href";
import { AuditTarget } from "./audit-target";

const RESULT_TONES: Record<AuditEvent["result"], BadgeTone> = { ok: "green", refused: "amber", failed: "red" };

/** One page of audit events, newest first; names link to the trail filtered by them. */
export function AuditTable({ events, filter }: { events: readonly AuditEvent[]; filter: AuditFilter }) {
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Audit events">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {["When", "Who", "Role", "Backend", "Workspace", "Action", "Target", "Result"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-event" data-event-id={e.id} data-action={e.action} data-result={e.result} data-workspace={e.workspace ?? ""}>
              <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-700">
                <RelativeTime iso={e.at} />
                <div className="font-mono text-[11px] text-slate-500">{e.at}</div>
              </td>
              <td className="px-3 py-2" data-testid="audit-who">
                <Link href={auditHref({ ...filter, user: e.who.id })} className="font-medium text-slate-900 hover:underline">
                  {e.who.name || e.who.id}
                </Link>
                <div className="font-mono text-xs text-slate-500">{e.who.id}</div>
                {e.who.email && <div className="text-xs text-slate-500">{e.who.email}</div>}
              </td>
              <td className="px-3 py-2 text-xs" data-testid="audit-role">
                {e.role ?? <span className="text-slate-500 italic">no access</span>}
              </td>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap" data-testid="audit-backend">
                {e.backend === "*" ? <span className="text-slate-500">all backends</span> : <Link href={auditHref({ ...filter, backend: e.backend })} className="hover:underline">{e.backend}</Link>}
              </td>
              <td className="px-3 py-2 font-mono text-xs" data-testid="audit-workspace">
                {e.workspace === undefined ? (
                  <span className="text-slate-400">—</span>
                ) : (
                  <span className="flex flex-col gap-0.5">
                    <Link href={auditHref({ ...filter, backend: e.backend, workspace: e.workspace })} className="hover:underline">
                      {e.workspace}
                    </Link>
                    <Link href={workspaceHref(e.backend, e.workspace, "versions")} className="text-[11px] text-sky-800 hover:underline">
                      open workspace
                    </Link>
                  </span>
                )}
              </td>
              <td className="px-3 py-2 text-xs font-medium text-slate-900" data-testid="audit-action">
                {e.action}
              </td>
              <td className="max-w-xs px-3 py-2">
                <AuditTarget target={e.target} />
              </td>
              <td className="max-w-xs px-3 py-2" data-testid="audit-result">
                <Badge tone={RESULT_TONES[e.result]}>{e.result}</Badge>
                {e.count !== undefined && (
                  <span className="ml-1 text-xs text-slate-600" data-testid="audit-count">
                    {/* An aggregated event: this many more refusals like the one recorded before it. */}×{e.count} more{e.since ? ` since ${e.since}` : ""}
                  </span>
                )}
                {e.error && (
                  <p className="mt-1 text-xs text-slate-700" data-testid="audit-error" data-error-code={e.error.code}>
                    <span className="font-mono text-red-800">{e.error.code}</span> {e.error.message}
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
