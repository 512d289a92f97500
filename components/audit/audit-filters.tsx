import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import type { AuditFilter } from "./audit-href";

const INPUT = "h-8 w-56 rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-sky-600 focus:outline-none";

/**
 * The filters as a plain GET form: applying them is a navigation to a shareable URL, and
 * it drops the cursor so the filtered trail starts again from the newest event.
 */
export function AuditFilters({ filter, backends }: { filter: AuditFilter; backends: readonly string[] }) {
  const active = Boolean(filter.backend || filter.workspace || filter.user);
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3" data-testid="audit-filters" aria-label="Filter the audit trail">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Backend
        <input name="backend" list="audit-backends" defaultValue={filter.backend ?? ""} placeholder="any (part of a name)" className={INPUT} data-testid="audit-filter-backend" />
        {/* Suggestions only: events may name backends that are no longer configured. */}
        <datalist id="audit-backends">
          {backends.map((b) => (
            <option key={b} value={b} />
          ))}
        </datalist>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Workspace
        <input name="workspace" defaultValue={filter.workspace ?? ""} placeholder="any (part of a name)" className={INPUT} data-testid="audit-filter-workspace" />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        User (id or email)
        <input name="user" defaultValue={filter.user ?? ""} placeholder="any (part of an id or email)" className={INPUT} data-testid="audit-filter-user" />
      </label>
      <button type="submit" className={buttonClasses("primary", "md")} data-testid="audit-filter-apply">
        Filter
      </button>
      {active && (
        <Link href="/audit" className={buttonClasses("ghost", "md")} data-testid="audit-filter-clear">
          Clear filters
        </Link>
      )}
    </form>
  );
}
