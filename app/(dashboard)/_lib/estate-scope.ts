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

/** Every configured backend, opened (estate passes shared by all users cover them all and filter answers). */
export async function allContexts(): Promise<BackendContext[]> {
  return Promise.all((await listBackends()).map((d) => getBackendContext(d.name)));
}

/** Problems change slowly and cost a pass over every backend: one pass serves every page for this long. */
const PROBLEMS_TTL_MS = 15_000;
/** The last pass that finished, timed from its start (its answer is no fresher than that). */
let settled: { at: number; value: EstateProblems } | null = null;
let running: Promise<EstateProblems> | null = null;
/** Bumped by forgetProblems: a pass started before it must not become the settled answer. */
let generation = 0;

/** Clears the memo after a write that fixes a problem (repair, break), so the page shows it gone. */
export function forgetProblems(): void {
  generation++;
  settled = null;
  running = null;
}

/** Found over every configured backend with the shared index (a refresh over fewer backends would drop the others from it). One pass at a time. */
function startPass(): Promise<EstateProblems> {
  if (running) return running;
  const gen = generation;
  const at = Date.now();
  const value = allContexts().then((ctxs) => findProblems(ctxs, { shared: true }));
  running = value;
  value.then(
    (v) => {
      if (gen === generation) settled = { at, value: v };
    },
    () => undefined,
  );
  void value.finally(() => {
    if (running === value) running = null;
  }).catch(() => undefined);
  return value;
}

/**
 * Stale while revalidating: the last settled pass answers at once, and one older than
 * PROBLEMS_TTL_MS starts the next pass in the background, so no page ever waits for a pass once one
 * has finished (a pass over a large estate takes seconds, longer than the TTL under load). Returns
 * null only before the first pass (or after forgetProblems) has finished; that pass is started.
 */
function settledProblems(): EstateProblems | null {
  if (!settled || Date.now() - settled.at > PROBLEMS_TTL_MS) void startPass().catch(() => undefined);
  return settled?.value ?? null;
}

/** The settled answer, or the pass under way when there is none yet. */
function estateProblems(): Promise<EstateProblems> {
  const ready = settledProblems();
  return ready ? Promise.resolve(ready) : startPass();
}

/** The problems of the scope's backends only (waits only for a first pass). */
export async function problemsInScope(scope: EstateScope): Promise<Problem[]> {
  return (await estateProblems()).problems.filter((p) => scope.allowed.has(p.backend));
}

/**
 * The same, never waiting: null while no pass has finished. For what a page streams beside its
 * content (header count, badges): the page's response must not stay open for an estate pass, so
 * those fetch the answer after render instead (listProblemsAction).
 */
export function settledProblemsInScope(scope: EstateScope): Problem[] | null {
  return settledProblems()?.problems.filter((p) => scope.allowed.has(p.backend)) ?? null;
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
