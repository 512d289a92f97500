import type { Metadata } from "next";
import { listAuditAction } from "@/app/actions/list-audit";
import { AuditFilters } from "@/components/audit/audit-filters";
import { auditHref, type AuditFilter } from "@/components/audit/audit-href";
import { AuditTable } from "@/components/audit/audit-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { listBackends } from "@/lib/domain/backends";
import { interruptOnRouteProblem } from "@/app/(dashboard)/_lib/route-problem";
import { checkAudit } from "@/app/(dashboard)/audit/_lib/audit-route";

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A search parameter as one non-empty string (the filter form submits empty fields as ""). */
function param(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}

/** The audit trail (admin): newest first, filtered by backend, workspace and user, paged with a cursor. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  interruptOnRouteProblem(await checkAudit());
  const sp = await searchParams;
  const filter: AuditFilter = { backend: param(sp.backend), workspace: param(sp.workspace), user: param(sp.user) };
  const cursor = param(sp.cursor);
  const r = await listAuditAction({ ...filter, ...(cursor ? { cursor } : {}) });
  // Without the permission there is nothing to filter: only say why.
  if (!r.ok && (r.error.code === "UNAUTHENTICATED" || r.error.code === "FORBIDDEN")) return <ErrorState error={r.error} />;
  // The backend names are suggestions for the filter; a config problem is reported by the other pages.
  const backends = await listBackends().then((list) => list.map((b) => b.name), () => []);

  return (
    <div className="space-y-4" data-testid="audit-page">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Audit trail</h1>
        <p className="text-sm text-slate-600">Every restore, lock break, digest repair, reveal, sign-out-everywhere and sign-in lockout, including refused and failed attempts (repeated refusals counted in one row). Newest first.</p>
      </div>
      <AuditFilters filter={filter} backends={backends} />
      {!r.ok ? (
        <ErrorState error={r.error} />
      ) : (
        <>
          {r.data.unreadable.length > 0 && (
            <div role="status" data-testid="audit-unreadable" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {r.data.unreadable.length} object{r.data.unreadable.length === 1 ? "" : "s"} under the audit prefix {r.data.unreadable.length === 1 ? "is" : "are"} not a valid audit event:{" "}
              <span className="font-mono text-xs break-all">{r.data.unreadable.join(", ")}</span>
            </div>
          )}
          {r.data.events.length === 0 ? (
            <EmptyState title={r.data.nextCursor ? "No matching events in this stretch of the trail" : "No audit events"} testId="audit-empty">
              {r.data.nextCursor
                ? "Search continues with older events."
                : filter.backend || filter.workspace || filter.user
                  ? "No event matches these filters."
                  : "Nothing audited has happened yet, or the audit trail is not stored in S3 (audit.s3 in the Statehouse config)."}
            </EmptyState>
          ) : (
            <AuditTable events={r.data.events} filter={filter} />
          )}
          <nav aria-label="Audit pages" className="flex items-center gap-2">
            {cursor && (
              <ButtonLink href={auditHref(filter)} data-testid="audit-newest">
                Newest events
              </ButtonLink>
            )}
            {r.data.nextCursor && (
              <ButtonLink href={auditHref(filter, r.data.nextCursor)} data-testid="audit-older">
                Older events
              </ButtonLink>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
