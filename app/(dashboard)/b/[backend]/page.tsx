import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { interruptOnRouteProblem } from "@/app/(dashboard)/_lib/route-problem";
import { listWorkspacesCached } from "@/lib/domain/workspaces";
import { toResult } from "@/lib/result";
import type { BackendContext } from "@/lib/domain/backends";
import { cachedDetails } from "@/lib/domain/workspaces";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { WorkspacesTable } from "@/components/workspaces/workspaces-table";
import { checkBackend } from "@/app/(dashboard)/b/[backend]/_lib/backend-route";

type Params = Promise<{ backend: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).backend };
}

async function WorkspaceList({ ctx, backend, filter, sort }: { ctx: BackendContext; backend: string; filter: string; sort: string }) {
  const r = await toResult(async () => {
    const list = await listWorkspacesCached(ctx);
    // Rows whose content was read before show their details at once; the rest load as they scroll in.
    const known = cachedDetails(ctx, list.workspaces.map((w) => ({ workspace: w.name, etag: w.etag })));
    return { ...list, known };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  return (
    <div className="space-y-3">
      {r.data.warnings.map((w, i) => (
        <ErrorState key={i} error={w} compact />
      ))}
      <WorkspacesTable backend={backend} workspaces={r.data.workspaces} initialDetails={r.data.known} initialFilter={filter} initialSort={sort} />
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
  return (
    <div className="space-y-4">
      <div>
        <nav aria-label="Breadcrumb" className="text-xs text-slate-500">
          <Link href="/" className="hover:underline">
            Backends
          </Link>{" "}
          / {def.name}
        </nav>
        <h1 className="text-xl font-semibold text-slate-900">{def.name}</h1>
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
