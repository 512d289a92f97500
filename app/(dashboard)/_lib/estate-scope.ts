import "server-only";
/**
 * The backends an estate-wide view may cover for the caller: only those the caller may read, each
 * with the caller's role there. Never returns a backend the caller may not view.
 */
import { getRole } from "@/auth";
import { can } from "@/lib/auth/roles";
import type { Role } from "@/lib/auth/types";
import type { BackendContext } from "@/lib/domain/backends";
import { estateSearch, type SearchResponse } from "@/lib/domain/search";
import { findProblems, type EstateProblems } from "@/lib/domain/problems";
import { UnauthenticatedError } from "@/lib/errors";
import type { Problem } from "@/lib/problems/rules";
import { getBackendContext, listBackends } from "@/lib/domain/backends";

export interface EstateScope {
  contexts: BackendContext[];
  /** The caller's role per viewable backend. */
  roles: Map<string, Role>;
  allowed: ReadonlySet<string>;
}

export async function estateScope(): Promise<EstateScope> {
  const backends = await listBackends();
  const roles = await Promise.all(backends.map((b) => getRole(b.name)));
  const visible = backends.filter((_, i) => can(roles[i]?.role ?? null, "read"));
  // Nobody signed in and no anonymous access: refuse rather than answer with an empty estate.
  if (visible.length === 0 && !roles.some((r) => r.user || r.role)) throw new UnauthenticatedError();
  const roleMap = new Map<string, Role>();
  backends.forEach((b, i) => {
    const role = roles[i]?.role;
    if (role && can(role, "read")) roleMap.set(b.name, role);
  });
  const contexts = await Promise.all(visible.map((b) => getBackendContext(b.name)));
  return { contexts, roles: roleMap, allowed: new Set(visible.map((b) => b.name)) };
}

/** A refresh lists every backend; more often than this adds load and little freshness. */
const REFRESH_EVERY_MS = 30_000;
let lastRefreshStart = 0;

/**
 * Answers from the process's index over the scope's backends. The first call starts the build in
 * the background (results are partial, with progress); later ones refresh it at most every 30 s.
 */
export function searchInScope(scope: EstateScope, q: string, limit: number): SearchResponse {
  const index = estateSearch();
  const now = Date.now();
  if (now - lastRefreshStart > REFRESH_EVERY_MS) {
    lastRefreshStart = now;
    // Every configured backend, not only the caller's: the index is shared by all users and `allowed` filters answers.
    void allContexts().then((ctxs) => index.refreshInBackground(ctxs), () => undefined);
  }
  return index.search(q, { allowed: scope.allowed, limit });
}

async function allContexts(): Promise<BackendContext[]> {
  return Promise.all((await listBackends()).map((d) => getBackendContext(d.name)));
}

/** Problems change slowly and cost a pass over every backend: one pass serves every page for this long. */
const PROBLEMS_TTL_MS = 15_000;
let problemsMemo: { at: number; value: Promise<EstateProblems> } | null = null;

/** Clears the memo after a write that fixes a problem (repair, break), so the page shows it gone. */
export function forgetProblems(): void {
  problemsMemo = null;
}

/** Found over every configured backend with the shared index (a refresh over fewer backends would drop the others from it). */
function estateProblems(): Promise<EstateProblems> {
  const now = Date.now();
  if (!problemsMemo || now - problemsMemo.at > PROBLEMS_TTL_MS) {
    const value = allContexts().then((ctxs) => findProblems(ctxs));
    problemsMemo = { at: now, value };
    value.catch(() => (problemsMemo = null));
  }
  return problemsMemo.value;
}

/** The problems of the scope's backends only. */
export async function problemsInScope(scope: EstateScope): Promise<Problem[]> {
  return (await estateProblems()).problems.filter((p) => scope.allowed.has(p.backend));
}

export interface BackendStats {
  workspaces: number;
  locked: number;
  problems: number;
}

/** Per viewable backend: workspaces with a state, workspaces locked, problems (from the same memoized pass). */
export async function backendStatsInScope(scope: EstateScope): Promise<Record<string, BackendStats>> {
  const e = await estateProblems();
  const out: Record<string, BackendStats> = {};
  for (const name of scope.allowed) {
    const listing = e.locks.listings.get(name);
    const locked = new Set(e.locks.locks.filter((l) => l.backend === name && !l.orphan && l.workspace !== null).map((l) => l.workspace));
    out[name] = {
      workspaces: listing ? listing.workspaces.filter((w) => w.exists).length : 0,
      locked: locked.size,
      problems: e.problems.filter((p) => p.backend === name).length,
    };
  }
  return out;
}
