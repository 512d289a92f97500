/**
 * The in-memory search index of one process: indexed workspaces by backend and workspace, bounded
 * by a byte budget, and the query over them (matching, grouping, facets). Derived data only: it is
 * rebuilt from the states at will and is never a source of truth.
 *
 * A free-text term is looked up once per distinct text (the dictionary), giving a bitmap of text
 * ids; each instance is then a scan of its small integer arrays, never of strings.
 */
import { FIELDS, indexState, makeDicts, releaseWorkspace, type Dicts, type IndexedInstance, type IndexedWorkspace } from "./document";
import type { Query } from "./query";
import type { ParsedState } from "@/lib/state/types";

export interface Match {
  path: string;
  value: string;
}

export interface SearchHit {
  backend: string;
  workspace: string;
  address: string;
  type: string;
  mode: "managed" | "data" | "output";
  module: string;
  index_key: number | string | null;
  provider: string;
  status: "tainted" | "deposed" | null;
  matches: Match[];
}

export interface Facets {
  type: Record<string, number>;
  backend: Record<string, number>;
  provider: Record<string, number>;
}

export interface QueryResult {
  /** At most `limit` hits, grouped: by backend, then workspace, then in state order. */
  hits: SearchHit[];
  /** Every matching instance, beyond the limit too. */
  total: number;
  facets: Facets;
}

/** Shown per hit: enough to say why it matched without shipping a whole state. */
const MAX_MATCHES_PER_HIT = 5;
export const DEFAULT_BUDGET_BYTES = 512 * 1024 * 1024;

/** Glob tests of one query, remembered per distinct string (types, modules, providers repeat a lot). */
function cachedTest(res: RegExp[]): (s: string) => boolean {
  const memo = new Map<string, boolean>();
  return (s) => {
    let r = memo.get(s);
    if (r === undefined) {
      const lower = s.toLowerCase();
      r = res.some((re) => re.test(lower));
      memo.set(s, r);
    }
    return r;
  };
}

/** A per-id lazy yes/no over a dictionary: 0 not yet asked, 1 yes, 2 no. */
function lazyBitmap(size: number, test: (id: number) => boolean): (id: number) => boolean {
  const state = new Uint8Array(size);
  return (id) => {
    let s = state[id]!;
    if (s === 0) state[id] = s = test(id) ? 1 : 2;
    return s === 1;
  };
}

export class SearchIndex {
  private readonly byBackend = new Map<string, Map<string, IndexedWorkspace>>();
  private used = 0;
  readonly dicts: Dicts = makeDicts();

  constructor(readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  get bytes(): number {
    return this.used;
  }

  get instanceCount(): number {
    let n = 0;
    for (const ws of this.byBackend.values()) for (const w of ws.values()) n += w.instances.length;
    return n;
  }

  get workspaceCount(): number {
    let n = 0;
    for (const ws of this.byBackend.values()) n += ws.size;
    return n;
  }

  get(backend: string, workspace: string): IndexedWorkspace | undefined {
    return this.byBackend.get(backend)?.get(workspace);
  }

  workspaces(backend: string): IndexedWorkspace[] {
    return [...(this.byBackend.get(backend)?.values() ?? [])];
  }

  backends(): string[] {
    return [...this.byBackend.keys()];
  }

  /**
   * Indexes a state (null: an empty one) in place of what the workspace had; false, and the
   * workspace left out, when it would pass the budget.
   */
  add(ref: { backend: string; workspace: string; etag: string }, state: ParsedState | null): boolean {
    this.remove(ref.backend, ref.workspace);
    const doc = indexState(ref, state, this.dicts);
    if (this.used + doc.bytes > this.budgetBytes) {
      releaseWorkspace(doc, this.dicts);
      return false;
    }
    let ws = this.byBackend.get(ref.backend);
    if (!ws) this.byBackend.set(ref.backend, (ws = new Map()));
    ws.set(ref.workspace, doc);
    this.used += doc.bytes;
    return true;
  }

  remove(backend: string, workspace: string): void {
    const ws = this.byBackend.get(backend);
    const old = ws?.get(workspace);
    if (!ws || !old) return;
    ws.delete(workspace);
    releaseWorkspace(old, this.dicts);
    this.used -= old.bytes;
    if (ws.size === 0) this.byBackend.delete(backend);
  }

  removeBackend(backend: string): void {
    for (const w of this.workspaces(backend)) this.remove(backend, w.workspace);
  }

  /** Runs a query over the backends in `allowed` (null: all), grouped by backend then workspace name. */
  query(q: Query, opts: { allowed?: ReadonlySet<string> | null; limit?: number } = {}): QueryResult {
    const limit = opts.limit ?? 1000;
    const hits: SearchHit[] = [];
    const facets: Facets = { type: {}, backend: {}, provider: {} };
    let total = 0;
    const m = new Matcher(q, this.dicts);
    if (m.impossible) return { hits, total, facets };
    const backendOk = cachedTest(q.backend);
    const workspaceOk = cachedTest(q.workspace);
    for (const backend of [...this.byBackend.keys()].sort()) {
      if (opts.allowed && !opts.allowed.has(backend)) continue;
      if (q.backend.length && !backendOk(backend)) continue;
      const ws = this.byBackend.get(backend)!;
      for (const name of [...ws.keys()].sort()) {
        if (q.workspace.length && !workspaceOk(name)) continue;
        for (const inst of ws.get(name)!.instances) {
          if (!m.selects(inst)) continue;
          total++;
          facets.type[inst.type] = (facets.type[inst.type] ?? 0) + 1;
          facets.backend[backend] = (facets.backend[backend] ?? 0) + 1;
          if (inst.provider) facets.provider[inst.provider] = (facets.provider[inst.provider] ?? 0) + 1;
          if (hits.length < limit) {
            hits.push({
              backend,
              workspace: name,
              address: inst.address,
              type: inst.type,
              mode: inst.mode,
              module: inst.module,
              index_key: inst.indexKey,
              provider: inst.provider,
              status: inst.status,
              matches: m.matches(inst),
            });
          }
        }
      }
    }
    return { hits, total, facets };
  }
}

/** One query compiled against the dictionaries. */
export class Matcher {
  private readonly termHits: Uint8Array[];
  private readonly typeOk: (s: string) => boolean;
  private readonly providerOk: (s: string) => boolean;
  private readonly moduleOk: (s: string) => boolean;
  private readonly attrs: { path: (id: number) => boolean; value: ((id: number) => boolean) | null }[];

  constructor(
    private readonly q: Query,
    private readonly d: Dicts,
  ) {
    this.termHits = q.terms.map((t) => d.texts.containing(t));
    this.typeOk = cachedTest(q.type);
    this.providerOk = cachedTest(q.provider);
    this.moduleOk = cachedTest(q.module);
    this.attrs = q.attr.map((f) => ({
      path: lazyBitmap(d.paths.size, (id) => f.path.test(d.paths.lowers[id]!)),
      value: f.value ? lazyBitmap(d.texts.size, (id) => f.value!.test(d.texts.lowers[id]!)) : null,
    }));
  }

  private hasTerm(inst: IndexedInstance, hit: Uint8Array): boolean {
    const v = inst.valueIds;
    for (let i = 0; i < v.length; i++) if (hit[v[i]!]) return true;
    const f = inst.fieldIds;
    for (let i = 0; i < f.length; i++) if (hit[f[i]!]) return true;
    return false;
  }

  /** A term found in no text at all: nothing can match, whatever else the query says. */
  get impossible(): boolean {
    return this.termHits.some((h) => h.indexOf(1) < 0);
  }

  private attrIndex(inst: IndexedInstance, a: Matcher["attrs"][number], from = 0): number {
    for (let i = from; i < inst.pathIds.length; i++) if (a.path(inst.pathIds[i]!) && (a.value === null || a.value(inst.valueIds[i]!))) return i;
    return -1;
  }

  selects(inst: IndexedInstance): boolean {
    const q = this.q;
    if (q.type.length && !this.typeOk(inst.type)) return false;
    if (q.mode.length && !q.mode.includes(inst.mode as "managed" | "data")) return false;
    if (q.status.length && !(inst.status && q.status.includes(inst.status))) return false;
    if (q.provider.length && !this.providerOk(inst.provider) && !this.providerOk(inst.providerSource)) return false;
    if (q.module.length && !this.moduleOk(inst.module) && !inst.moduleNames.some(this.moduleOk)) return false;
    for (const hit of this.termHits) if (!this.hasTerm(inst, hit)) return false;
    for (const a of this.attrs) if (this.attrIndex(inst, a) < 0) return false;
    return true;
  }

  /** Which values (path and value) made a selected instance match; its own fields when no value did. */
  matches(inst: IndexedInstance): Match[] {
    const out: Match[] = [];
    const seen = new Set<string>();
    const add = (path: string, value: string) => {
      if (out.length < MAX_MATCHES_PER_HIT && !seen.has(path)) {
        seen.add(path);
        out.push({ path, value });
      }
    };
    const value = (i: number) => add(this.d.paths.texts[inst.pathIds[i]!]!, this.d.texts.texts[inst.valueIds[i]!]!);
    for (const a of this.attrs) for (let i = this.attrIndex(inst, a); i >= 0 && out.length < MAX_MATCHES_PER_HIT; i = this.attrIndex(inst, a, i + 1)) value(i);
    for (const hit of this.termHits) {
      let found = false;
      for (let i = 0; i < inst.valueIds.length && out.length < MAX_MATCHES_PER_HIT; i++) {
        if (hit[inst.valueIds[i]!]) {
          value(i);
          found = true;
        }
      }
      if (found) continue;
      const f = inst.fieldIds.findIndex((id) => hit[id] === 1);
      if (f >= 0) add(FIELDS[f]!, this.d.texts.texts[inst.fieldIds[f]!]!);
    }
    return out;
  }
}
