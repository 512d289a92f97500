/** The audit page's filters as they appear in its URL (shareable; empty means "any"). */
export interface AuditFilter {
  backend?: string;
  workspace?: string;
  user?: string;
}

/** `/audit` with the given filters and, to continue to older events, a cursor. */
export function auditHref(filter: AuditFilter, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, cursor })) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}
