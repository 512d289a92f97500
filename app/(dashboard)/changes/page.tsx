import type { Metadata } from "next";
import { Suspense } from "react";
import { estateScope } from "@/app/(dashboard)/_lib/estate-scope";
import { listChangesAction } from "@/app/actions/list-changes";
import { ChangesFilter } from "@/components/changes/changes-filter";
import { ChangesResults } from "@/components/changes/changes-results";
import { ErrorState } from "@/components/ui/error-state";
import { Progress } from "@/components/ui/spinner";
import { DEFAULT_SINCE } from "@/lib/browser-safe/since";
import { parseSince } from "@/lib/domain/changes";
import { toResult } from "@/lib/result";

export const metadata: Metadata = { title: "Changes" };

type Search = Promise<{ since?: string | string[]; backend?: string | string[]; workspace?: string | string[] }>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim() : "");

function resolved(since: string): string | null {
  try {
    return parseSince(since).toISOString();
  } catch {
    return null;
  }
}

export default async function ChangesPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const since = one(sp.since) || DEFAULT_SINCE;
  const backend = one(sp.backend);
  const workspace = one(sp.workspace);
  const scope = await toResult(async () => (await estateScope()).contexts.map((c) => c.def.name));
  if (!scope.ok) return <ErrorState error={scope.error} />;
  // Started now, awaited below the filters: the filters render at once, the rows when read.
  const list = listChangesAction({ since, ...(backend ? { backend } : {}), ...(workspace ? { workspace } : {}) });
  return (
    <div className="space-y-4" data-testid="changes-page">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Changes</h1>
        <p className="text-sm text-slate-600">
          Every state version written since a time in the backends you may read, newest first, with the resources it added, changed and removed against the version before it.
          Restores by Statehouse and lineage changes are marked.
        </p>
      </div>
      {/* Keyed by the URL: a new window or filter starts the form from what the URL now says. */}
      <ChangesFilter key={`filter\0${since}\0${backend}\0${workspace}`} since={since} sinceIso={resolved(since)} backend={backend} workspace={workspace} backends={scope.data} />
      <Suspense key={`rows\0${since}\0${backend}\0${workspace}`} fallback={<Progress label="Reading the versions written in the window…" />}>
        <ChangesResults list={list} />
      </Suspense>
    </div>
  );
}
