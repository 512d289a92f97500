import "server-only";
/**
 * The estate search: builds and refreshes the process's SearchIndex from the current state of every
 * workspace of every backend, and answers queries with freshness, progress and unreadable states.
 * A state whose ETag did not change is never read again; a changed one costs one GetObject, pinned
 * to the ETag the listing saw. Never a source of truth: nothing else reads it.
 */
import type { BackendContext } from "@/lib/backend/context";
import { readListedObject } from "@/lib/backend/read-current";
import { listWorkspaceObjects } from "@/lib/backend/workspaces";
import { liveWorkspaceObjects, type WorkspaceLister } from "./workspaces/listing-cache";
import { PreconditionFailedError, StatehouseError } from "@/lib/errors";
import { SearchIndex, type Facets, type SearchHit } from "@/lib/search/index";
import { isEmptyQuery, parseQuery } from "@/lib/search/query";
import { parseState } from "@/lib/state/parse";
import type { StateReadResult } from "@/lib/state/types";
import { mapLimit } from "@/lib/util/map-limit";
import { reportSearchIndex } from "@/lib/observability/metrics";

export interface Unreadable {
  backend: string;
  /** "" when the whole backend could not be listed. */
  workspace: string;
  reason: string;
}

export interface SearchResponse {
  results: SearchHit[];
  total: number;
  facets: Facets;
  /** False while the first build runs, or when some state could not be indexed. */
  complete: boolean;
  unreadable: Unreadable[];
  progress: { indexed: number; total: number; building: boolean };
  /** When the last refresh finished (ISO), null before the first. */
  freshAt: string | null;
}

export interface RefreshReport {
  /** State objects read (GetObject) in this refresh: only new or changed ones. */
  reads: number;
  workspaces: number;
  unreadable: Unreadable[];
}

export interface EstateSearchOptions {
  budgetBytes?: number;
  /** States read at once, over all backends. */
  concurrency?: number;
  /** Largest state read into the index. */
  maxStateBytes?: number;
  /** How each backend is listed on a refresh (default: a fresh listing; the dashboard's index shares the cached one). */
  list?: WorkspaceLister;
}

const DEFAULT_CONCURRENCY = 16;
const DEFAULT_MAX_STATE_BYTES = 64 * 1024 * 1024;

/** Why a parsed object cannot be searched, in words; null when it can (or is empty). */
export function unreadableReason(r: StateReadResult): string | null {
  switch (r.kind) {
    case "state":
    case "empty":
      return null;
    case "encrypted":
      return "The state is encrypted (OpenTofu state encryption) and no key is configured here.";
    case "corrupt":
      return r.message;
    case "future":
      return `The state has format version ${r.version}, newer than this Statehouse understands.`;
    case "not-state":
      return r.message;
  }
}

function errorReason(e: unknown): string {
  if (e instanceof StatehouseError) return e.message;
  throw e;
}

interface Job {
  ctx: BackendContext;
  workspace: string;
  key: string;
  etag: string;
}

export class EstateSearch {
  readonly index: SearchIndex;
  private unreadable = new Map<string, Unreadable>();
  private indexed = 0;
  private total = 0;
  private building = false;
  private freshAt: string | null = null;
  private running: Promise<RefreshReport> | null = null;
  /** Every GetObject of a state this instance has made. */
  reads = 0;

  constructor(private readonly opts: EstateSearchOptions = {}) {
    this.index = new SearchIndex(opts.budgetBytes);
  }

  /** One refresh at a time: a second caller waits for the one under way. */
  refresh(backends: readonly BackendContext[]): Promise<RefreshReport> {
    this.running ??= this.doRefresh(backends).finally(() => (this.running = null));
    return this.running;
  }

  /** Starts a refresh without waiting for it (the first build runs in the background). */
  refreshInBackground(backends: readonly BackendContext[]): void {
    // Failures are already recorded per backend and workspace; nothing to report here.
    this.refresh(backends).catch(() => undefined);
  }

  private async doRefresh(backends: readonly BackendContext[]): Promise<RefreshReport> {
    this.building = true;
    const unreadable = new Map<string, Unreadable>();
    const key = (b: string, w: string) => `${b}\0${w}`;
    const mark = (u: Unreadable) => unreadable.set(key(u.backend, u.workspace), u);
    const jobs: Job[] = [];
    const names = new Set(backends.map((b) => b.def.name));
    for (const b of this.index.backends()) if (!names.has(b)) this.index.removeBackend(b);

    const listings = await Promise.all(
      backends.map(async (ctx) => {
        try {
          const list = await (this.opts.list ?? listWorkspaceObjects)(ctx);
          for (const w of list.warnings) mark({ backend: ctx.def.name, workspace: "", reason: w.message });
          return { ctx, list };
        } catch (e) {
          mark({ backend: ctx.def.name, workspace: "", reason: errorReason(e) });
          return { ctx, list: null };
        }
      }),
    );
    let unchanged = 0;
    for (const { ctx, list } of listings) {
      const backend = ctx.def.name;
      // An unlisted backend keeps what it had: stale results beat none, and it is listed as unreadable.
      if (!list) continue;
      const live = new Set<string>();
      for (const w of list.workspaces) {
        if (!w.exists || w.etag === null) continue;
        live.add(w.name);
        const have = this.index.get(backend, w.name);
        const was = this.unreadable.get(key(backend, w.name));
        if (have?.etag === w.etag) unchanged++;
        else if (was && this.etagOfUnreadable.get(key(backend, w.name)) === w.etag) {
          // Unreadable and unchanged: reading it again would fail the same way.
          mark(was);
          unchanged++;
        } else jobs.push({ ctx, workspace: w.name, key: w.key, etag: w.etag });
      }
      for (const doc of this.index.workspaces(backend)) if (!live.has(doc.workspace)) this.index.remove(backend, doc.workspace);
    }
    this.total = unchanged + jobs.length;
    this.indexed = unchanged;
    let reads = 0;
    const limit = this.opts.concurrency ?? DEFAULT_CONCURRENCY;
    await mapLimit(jobs, limit, async (job) => {
      const backend = job.ctx.def.name;
      try {
        reads++;
        this.reads++;
        const obj = await readListedObject(job.ctx, job.key, job.etag, this.opts.maxStateBytes ?? DEFAULT_MAX_STATE_BYTES);
        const parsed = parseState(obj.bytes);
        const why = unreadableReason(parsed);
        if (why !== null) {
          this.index.remove(backend, job.workspace);
          this.etagOfUnreadable.set(key(backend, job.workspace), obj.etag);
          mark({ backend, workspace: job.workspace, reason: why });
        } else if (!this.index.add({ backend, workspace: job.workspace, etag: obj.etag }, parsed.kind === "state" ? parsed.state : null)) {
          mark({ backend, workspace: job.workspace, reason: "Not indexed: the search index is at its memory budget." });
        }
      } catch (e) {
        // Written since it was listed: what the index holds stays until the next refresh reads the new one.
        if (e instanceof PreconditionFailedError) return;
        this.index.remove(backend, job.workspace);
        mark({ backend, workspace: job.workspace, reason: errorReason(e) });
      } finally {
        this.indexed++;
      }
    });
    this.unreadable = unreadable;
    this.building = false;
    this.freshAt = new Date().toISOString();
    return { reads, workspaces: this.total, unreadable: this.unreadableStates() };
  }

  /** ETag of each unreadable state when last read, so an unchanged broken state is not read again. */
  private readonly etagOfUnreadable = new Map<string, string>();

  /** States (or whole backends) the last refresh could not index, with the reason. */
  unreadableStates(allowed?: ReadonlySet<string> | null): Unreadable[] {
    // Reads finish in any order; the list is by backend, then workspace, so every answer lists them alike.
    return [...this.unreadable.values()]
      .filter((u) => !allowed || allowed.has(u.backend))
      .sort((x, y) => (x.backend < y.backend ? -1 : x.backend > y.backend ? 1 : x.workspace < y.workspace ? -1 : x.workspace > y.workspace ? 1 : 0));
  }

  progress(): SearchResponse["progress"] {
    return { indexed: this.indexed, total: this.total, building: this.building };
  }

  /** Answers from what is indexed now; `allowed` limits the backends (those the user may view). */
  search(text: string, opts: { allowed?: ReadonlySet<string> | null; limit?: number } = {}): SearchResponse {
    const q = parseQuery(text);
    // An empty search lists nothing rather than every instance of the estate.
    const r = isEmptyQuery(q) ? { hits: [], total: 0, facets: { type: {}, backend: {}, provider: {} } } : this.index.query(q, opts);
    const unreadable = this.unreadableStates(opts.allowed);
    return {
      results: r.hits,
      total: r.total,
      facets: r.facets,
      complete: !this.building && this.freshAt !== null && unreadable.length === 0,
      unreadable,
      progress: this.progress(),
      freshAt: this.freshAt,
    };
  }
}

let shared: EstateSearch | null = null;

/** The process's one estate index (its size is in the Prometheus metrics). */
export function estateSearch(): EstateSearch {
  if (!shared) {
    // The dashboard's index: its refresh lists each backend from the listing the pages share.
    const index = (shared = new EstateSearch({ list: liveWorkspaceObjects })).index;
    reportSearchIndex(() => ({ bytes: index.bytes, budgetBytes: index.budgetBytes, instances: index.instanceCount, workspaces: index.workspaceCount }));
  }
  return shared;
}
