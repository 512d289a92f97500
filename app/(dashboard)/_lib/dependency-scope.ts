import "server-only";
/**
 * The estate's dependency graph for the caller: built over every configured backend (a consumer may
 * live in any of them; one build serves every user), with the backends the caller may view. Pages
 * pass both to lib/domain's scoping, which never names a workspace outside `allowed`.
 */
import { allContexts, estateScope } from "@/app/(dashboard)/_lib/estate-scope";
import { minimumRole } from "@/lib/auth/roles";
import type { BackendContext } from "@/lib/domain/backends";
import { ForbiddenError } from "@/lib/errors";
import {
  affectedReadersOfChange,
  cachedEstateDependencies,
  readersOf,
  sourcesOf,
  type AffectedReaders,
  type DependencyGraph,
  type ExternalSource,
  type Readers,
  type Sources,
} from "@/lib/domain/dependencies";
import { toResult, type ActionResult } from "@/lib/result";

export async function dependenciesForCaller(): Promise<{ graph: DependencyGraph; allowed: ReadonlySet<string> }> {
  const scope = await estateScope();
  const graph = await cachedEstateDependencies(await allContexts());
  return { graph, allowed: scope.allowed };
}

/** The graph for a question about one workspace of `backend`: refused unless the caller may view that backend. */
async function forWorkspaceOf(backend: string): Promise<{ graph: DependencyGraph; allowed: ReadonlySet<string> }> {
  const d = await dependenciesForCaller();
  if (!d.allowed.has(backend)) throw new ForbiddenError(minimumRole("read"), backend);
  return d;
}

/** Who reads `backend/workspace` (the caller already may read `backend`), for the Outputs tab. */
export function readersForCaller(backend: string, workspace: string): Promise<ActionResult<Readers>> {
  return toResult(async () => {
    const { graph, allowed } = await forWorkspaceOf(backend);
    return readersOf(graph, allowed, backend, workspace);
  });
}

/** What `backend/workspace` reads, for the State tab. */
export function sourcesForCaller(backend: string, workspace: string): Promise<ActionResult<Sources<ExternalSource>>> {
  return toResult(async () => {
    const { graph, allowed } = await forWorkspaceOf(backend);
    return sourcesOf(graph, allowed, backend, workspace);
  });
}

/** The readers a change of outputs from version `fromId` to `toId` affects, for the restore preview and the diff. */
export function affectedForCaller(ctx: BackendContext, workspace: string, fromId: string, toId: string): Promise<ActionResult<AffectedReaders | null>> {
  return toResult(async () => {
    const { graph, allowed } = await forWorkspaceOf(ctx.def.name);
    return affectedReadersOfChange(graph, allowed, ctx, workspace, fromId, toId);
  });
}
