import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getRole } from "@/auth";
import { RoleBadge } from "@/components/auth/role-badge";
import { interruptOnRouteProblem } from "@/app/(dashboard)/_lib/route-problem";
import { listWorkspacesCached, type WorkspaceList as Listing } from "@/lib/domain/workspaces";
import { encodeWorkspaceRows } from "@/lib/browser-safe/workspace-rows";
import { toResult } from "@/lib/result";
import type { BackendContext } from "@/lib/domain/backends";
import { cachedDetails } from "@/lib/domain/workspaces";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { WorkspacesTable } from "@/components/workspaces/workspaces-table";
import { checkBackend } from "@/app/(dashboard)/b/[backend]/_lib/backend-route";

type Params = Promise<{ backend: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `${(await params).backend} · Workspaces` };
}

/** Rows hydrated with the page (a screen and a half); the rest travel as one text the table decodes after the first paint. */
const FIRST_ROWS = 40;
/** The encoded rest of each cached listing: a listing object is reused until its next refresh, so each is encoded once. */
const encodedRest = new WeakMap<Listing, string>();

function restOf(list: Listing): string | null {
  if (list.workspaces.length <= FIRST_ROWS) return null;
  let text = encodedRest.get(list);
  if (text === undefined) encodedRest.set(list, (text = encodeWorkspaceRows(list.workspaces.slice(FIRST_ROWS))));
  return text;
}

async function WorkspaceList({ ctx, backend, filter, sort }: { ctx: BackendContext; backend: string; filter: string; sort: string }) {
  const r = await toResult(async () => {
    const list = await listWorkspacesCached(ctx);
    const first = list.workspaces.slice(0, FIRST_ROWS);
    // First-screen rows whose content was read before show their details at once; the rest load as they scroll in.
    const known = cachedDetails(ctx, first.map((w) => ({ workspace: w.name, etag: w.etag })));
    return { warnings: list.warnings, first, rest: restOf(list), total: list.workspaces.length, known };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  return (
    <div className="space-y-3">
      {r.data.warnings.map((w, i) => (
        <ErrorState key={i} error={w} compact />
      ))}
      <WorkspacesTable backend={backend} workspaces={r.data.first} rest={r.data.rest} total={r.data.total} initialDetails={r.data.known} initialFilter={filter} initialSort={sort} />
    </div>
  );
}

export default async function WorkspacesPage({ params, searchParams }: { params: Params; searchParams: Promise<{ q?: string | string[]; sort?: string | string[] }> }) {
  const { backend } = await params;
  const { q, sort } = await searchParams;
  const r = interruptOnRouteProblem(await checkBackend(backend));
  if (!r.ok) return <ErrorState error={r.error} />;
  const { ctx } = r.data;
  const def = ctx.def;
  const { role } = await getRole(backend);
  return (
    <div className="space-y-4">
      <div>
        <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
          <Link href="/" className="hover:underline">
            Backends
          </Link>{" "}
          / {def.name}
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold text-slate-900">{def.name}</h1>
          <RoleBadge role={role} backend={def.name} />
        </div>
        <p className="font-mono text-xs text-slate-600">
          s3://{def.options.bucket}/{def.options.workspace_key_prefix ? `${def.options.workspace_key_prefix}/*/` : "*/"}
          {def.options.key}
        </p>
        {def.description && <p className="mt-1 text-sm text-slate-600">{def.description}</p>}
      </div>
      <Suspense fallback={<SkeletonRows rows={10} label="Listing workspaces…" />}>
        <WorkspaceList ctx={ctx} backend={backend} filter={typeof q === "string" ? q : ""} sort={typeof sort === "string" ? sort : ""} />
      </Suspense>
    </div>
  );
}
