/**
 * The in-memory search index of one process: indexed workspaces by backend and workspace, bounded
 * by a byte budget, and the query over them (matching, grouping, facets). Derived data only: it is
 * rebuilt from the states at will and is never a source of truth.
 */
import { makeInterner, type IndexedInstance, type IndexedWorkspace, type Interner } from "./document";
import type { Query } from "./query";

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

function anyMatch(res: RegExp[], s: string): boolean {
  return res.length === 0 || res.some((re) => re.test(s.toLowerCase()));
}

export class SearchIndex {
  private readonly byBackend = new Map<string, Map<string, IndexedWorkspace>>();
  private used = 0;
  readonly intern: Interner = makeInterner();

  constructor(readonly budgetBytes = DEFAULT_BUDGET_BYTES) {}

  get bytes(): number {
    return this.used;
  }

  get instanceCount(): number {
    let n = 0;
    for (const ws of this.byBackend.values()) for (const w of ws.values()) n += w.instances.length;
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

  /** Adds or replaces a workspace; false (and nothing stored) when it would pass the budget. */
  put(doc: IndexedWorkspace): boolean {
    const old = this.get(doc.backend, doc.workspace);
    const after = this.used - (old?.bytes ?? 0) + doc.bytes;
    if (after > this.budgetBytes) return false;
    let ws = this.byBackend.get(doc.backend);
    if (!ws) this.byBackend.set(doc.backend, (ws = new Map()));
    ws.set(doc.workspace, doc);
    this.used = after;
    return true;
  }

  remove(backend: string, workspace: string): void {
    const ws = this.byBackend.get(backend);
    const old = ws?.get(workspace);
    if (!ws || !old) return;
    ws.delete(workspace);
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
    for (const backend of [...this.byBackend.keys()].sort()) {
      if (opts.allowed && !opts.allowed.has(backend)) continue;
      if (!anyMatch(q.backend, backend)) continue;
      const ws = this.byBackend.get(backend)!;
      for (const name of [...ws.keys()].sort()) {
        if (!anyMatch(q.workspace, name)) continue;
        const doc = ws.get(name)!;
        for (const inst of doc.instances) {
          const matches = matchInstance(q, inst);
          if (!matches) continue;
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
              matches,
            });
          }
        }
      }
    }
    return { hits, total, facets };
  }
}

/** Which of the instance's own fields a term matched, when no value did. */
function fieldMatch(inst: IndexedInstance, term: string): Match | null {
  const fields: [string, string][] = [
    ["address", inst.address],
    ["type", inst.type],
    ["name", inst.name],
    ["module", inst.module],
    ["provider", inst.providerSource],
  ];
  for (const [path, value] of fields) if (value.toLowerCase().includes(term)) return { path, value };
  return null;
}

/** The matches that make `inst` a result, or null when it is not one. */
export function matchInstance(q: Query, inst: IndexedInstance): Match[] | null {
  if (q.type.length && !anyMatch(q.type, inst.type)) return null;
  if (q.mode.length && !q.mode.includes(inst.mode as "managed" | "data")) return null;
  if (q.status.length && !(inst.status && q.status.includes(inst.status))) return null;
  if (q.provider.length && !(q.provider.some((re) => re.test(inst.provider)) || anyMatch(q.provider, inst.providerSource))) return null;
  if (q.module.length && !q.module.some((re) => re.test(inst.module.toLowerCase()) || inst.moduleNames.some((n) => re.test(n.toLowerCase())))) return null;
  for (const term of q.terms) if (!inst.haystack.includes(term)) return null;

  const matches: Match[] = [];
  const seen = new Set<string>();
  const add = (m: Match) => {
    if (matches.length < MAX_MATCHES_PER_HIT && !seen.has(m.path)) {
      seen.add(m.path);
      matches.push(m);
    }
  };
  for (const f of q.attr) {
    let found = false;
    for (const v of inst.values) {
      if (f.path.test(v.path.toLowerCase()) && (f.value === null || f.value.test(v.value.toLowerCase()))) {
        add(v);
        found = true;
      }
    }
    if (!found) return null;
  }
  for (const term of q.terms) {
    let hit = false;
    for (const v of inst.values) {
      if (v.value.toLowerCase().includes(term)) {
        add(v);
        hit = true;
        if (matches.length >= MAX_MATCHES_PER_HIT) break;
      }
    }
    if (!hit) {
      const f = fieldMatch(inst, term);
      // The haystack said yes, so one of the fields holds it (values and fields are all it holds).
      if (f) add(f);
    }
  }
  return matches;
}
