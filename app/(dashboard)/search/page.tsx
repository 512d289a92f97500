import type { Metadata } from "next";
import { estateScope, searchInScope } from "@/app/(dashboard)/_lib/estate-scope";
import { RefreshWhile } from "@/components/estate/refresh-while";
import { SearchResults } from "@/components/estate/search-results";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { toResult } from "@/lib/result";

export const metadata: Metadata = { title: "Search" };

const LIMIT = 2000;

function Facet({ title, counts }: { title: string; counts: Record<string, number> }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 12);
  if (entries.length === 0) return null;
  return (
    <div data-testid={`facet-${title.toLowerCase()}`}>
      <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h2>
      <ul className="mt-1 space-y-0.5 text-sm">
        {entries.map(([k, n]) => (
          <li key={k} className="flex justify-between gap-2">
            <span className="truncate font-mono text-xs">{k}</span>
            <span className="text-slate-500 tabular-nums">{n.toLocaleString("en-US")}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 2000) : "";
  const r = await toResult(async () => searchInScope(await estateScope(), q, LIMIT));
  if (!r.ok) return <ErrorState error={r.error} />;
  const s = r.data;
  const fmt = (n: number) => n.toLocaleString("en-US");
  return (
    <div className="space-y-4" data-testid="search-page">
      <RefreshWhile active={s.progress.building || s.freshAt === null} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold text-slate-900">Search{q && <span className="font-mono text-base text-slate-600"> {q}</span>}</h1>
        <p className="text-sm text-slate-600" data-testid="search-status">
          {s.progress.building || s.freshAt === null ? (
            <Badge tone="amber" data-testid="search-partial">
              partial: indexed {fmt(s.progress.indexed)} of {fmt(s.progress.total)} workspaces
            </Badge>
          ) : (
            <>
              Index of {fmt(s.progress.total)} workspaces, refreshed <RelativeTime iso={s.freshAt} />
            </>
          )}
        </p>
      </div>
      <p className="text-xs text-slate-500">
        Free text matches addresses, types, names, modules, providers, output names and attribute values. Qualifiers: <code>type:</code> <code>backend:</code> <code>workspace:</code> <code>module:</code>{" "}
        <code>provider:</code> <code>mode:data</code> <code>status:tainted</code> <code>attr:tags.env=prod</code>. Sensitive values are never searched.
      </p>
      {q === "" ? (
        <EmptyState title="Search every state">Type a resource address, an IP, an ARN, a tag value… in the box above.</EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[1fr_14rem]">
          <div className="space-y-2">
            <p className="text-sm text-slate-700" data-testid="search-total">
              {fmt(s.total)} {s.total === 1 ? "instance" : "instances"}
              {s.total > s.results.length && ` (first ${fmt(s.results.length)} shown)`}
            </p>
            {s.results.length === 0 ? <EmptyState title="No match">{s.complete ? "Nothing in the index matches." : "Nothing matches yet; the index is not complete."}</EmptyState> : <SearchResults hits={s.results} />}
          </div>
          <aside className="space-y-4">
            <Facet title="Type" counts={s.facets.type} />
            <Facet title="Backend" counts={s.facets.backend} />
            <Facet title="Provider" counts={s.facets.provider} />
          </aside>
        </div>
      )}
      {s.unreadable.length > 0 && (
        <details className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="search-unreadable">
          <summary>
            {fmt(s.unreadable.length)} {s.unreadable.length === 1 ? "state was" : "states were"} not searched
          </summary>
          <ul className="mt-2 space-y-1">
            {s.unreadable.map((u) => (
              <li key={`${u.backend}\0${u.workspace}`}>
                <span className="font-mono text-xs">
                  {u.backend}
                  {u.workspace && ` / ${u.workspace}`}
                </span>
                : {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
