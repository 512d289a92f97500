/**
 * The State tab's outline, served a page at a time: module headers, resources and instances as
 * one flat list of rows, of which the page sends only the slice on screen (a million-resource state
 * is a few hundred rows of HTML, the rest fetched by the `list-state-rows` action as the user
 * scrolls). Rows carry addresses and marks, never attribute values, so nothing sensitive.
 *
 * Paging costs one pass over the resources per (state, filter), kept in a small per-state index:
 * a later page is a binary search, not a new pass.
 */
import { stateCounts } from "@/lib/browser-safe/counts";
import type { ParsedState, ResourceInstance, ResourceRecord } from "@/lib/state/types";

export interface OutlineInstanceRow {
  kind: "instance";
  /** The instance's full address; a deposed object repeats its instance's address. */
  address: string;
  resource: string;
  mode: "managed" | "data";
  status?: "tainted";
  deposed?: string;
  /** How many attribute paths are sensitive (masked until revealed). */
  sensitive: number;
}

export interface OutlineResourceRow {
  kind: "resource";
  address: string;
  mode: "managed" | "data";
  provider: string;
  instances: number;
  /** The resource's only instance, unkeyed and current: shown on the resource's own row. */
  inline: OutlineInstanceRow | null;
}

export interface OutlineModuleRow {
  kind: "module";
  /** "" for the root module. */
  module: string;
  /** Matching resources and instances in this module. */
  resources: number;
  instances: number;
  collapsed: boolean;
}

export type OutlineRowData = OutlineModuleRow | OutlineResourceRow | OutlineInstanceRow;

export interface OutlineQuery {
  /** Case-insensitive substring of address, type or name; "" matches all. */
  filter?: string;
  /** Module addresses whose rows are folded under their header. */
  collapsed?: readonly string[];
  offset?: number;
  limit?: number;
}

export interface OutlinePage {
  rows: OutlineRowData[];
  offset: number;
  /** Rows of the whole list (headers included, collapsed modules' rows left out). */
  totalRows: number;
  /** Of the state, and of those matching the filter. */
  total: { resources: number; instances: number };
  matched: { resources: number; instances: number };
  /** Every module with a match, root first, for the outline's module list. */
  modules: number;
}

export const MAX_OUTLINE_PAGE = 500;

interface ModuleIndex {
  module: string;
  resources: ResourceRecord[];
  instances: number;
  /** rowEnds[i]: rows of resources[0..i] (a resource is one row when inline, else 1 + its instances). */
  rowEnds: Float64Array;
}

interface OutlineIndex {
  modules: ModuleIndex[];
  matched: { resources: number; instances: number };
}

function matches(r: ResourceRecord, q: string): boolean {
  if (!q) return true;
  return r.address.toLowerCase().includes(q) || r.type.toLowerCase().includes(q) || r.name.toLowerCase().includes(q);
}

function inlineInstance(r: ResourceRecord): ResourceInstance | null {
  const only = r.instances.length === 1 ? r.instances[0]! : null;
  return only && only.address === r.address && !only.deposed ? only : null;
}

function rowsOf(r: ResourceRecord): number {
  return inlineInstance(r) ? 1 : 1 + r.instances.length;
}

function buildIndex(state: ParsedState, q: string): OutlineIndex {
  const byModule = new Map<string, ResourceRecord[]>();
  let resources = 0;
  let instances = 0;
  for (const r of state.resources) {
    if (!matches(r, q)) continue;
    resources++;
    instances += r.instances.length;
    let list = byModule.get(r.module);
    if (!list) byModule.set(r.module, (list = []));
    list.push(r);
  }
  // Root first, then modules in address order, as `terraform state list` groups them.
  const names = [...byModule.keys()].sort((a, b) => (a === b ? 0 : a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1));
  const modules = names.map((module) => {
    const list = byModule.get(module)!;
    const rowEnds = new Float64Array(list.length);
    let rows = 0;
    let n = 0;
    list.forEach((r, i) => {
      rows += rowsOf(r);
      n += r.instances.length;
      rowEnds[i] = rows;
    });
    return { module, resources: list, instances: n, rowEnds };
  });
  return { modules, matched: { resources, instances } };
}

/** A few filters per state: the list a user scrolls, and the one they are typing. */
const INDEXES_PER_STATE = 4;
const indexes = new WeakMap<ParsedState, Map<string, OutlineIndex>>();

function outlineIndex(state: ParsedState, q: string): OutlineIndex {
  let perState = indexes.get(state);
  if (!perState) indexes.set(state, (perState = new Map()));
  let idx = perState.get(q);
  if (idx) {
    perState.delete(q);
    perState.set(q, idx); // most recently used last
    return idx;
  }
  idx = buildIndex(state, q);
  perState.set(q, idx);
  if (perState.size > INDEXES_PER_STATE) perState.delete(perState.keys().next().value!);
  return idx;
}

function instanceRow(r: ResourceRecord, i: ResourceInstance): OutlineInstanceRow {
  return {
    kind: "instance",
    address: i.address,
    resource: r.address,
    mode: r.mode,
    ...(i.status ? { status: i.status } : {}),
    ...(i.deposed ? { deposed: i.deposed } : {}),
    sensitive: i.sensitiveAttributes.length,
  };
}

/** First index whose rowEnds value is above `row`. */
function resourceAt(rowEnds: Float64Array, row: number): number {
  let lo = 0;
  let hi = rowEnds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowEnds[mid]! > row) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Rows `offset`…`offset + limit` of the outline (a module's own rows are counted after its header). */
function sliceModule(m: ModuleIndex, from: number, count: number, out: OutlineRowData[]): void {
  let ri = resourceAt(m.rowEnds, from);
  let row = ri === 0 ? 0 : m.rowEnds[ri - 1]!;
  while (count > 0 && ri < m.resources.length) {
    const r = m.resources[ri]!;
    const inline = inlineInstance(r);
    // Row `row` is the resource's own; rows after it are its instances.
    for (let k = from - row; k < (inline ? 1 : 1 + r.instances.length) && count > 0; k++, count--) {
      if (k === 0) out.push({ kind: "resource", address: r.address, mode: r.mode, provider: r.provider, instances: r.instances.length, inline: inline ? instanceRow(r, inline) : null });
      else out.push(instanceRow(r, r.instances[k - 1]!));
    }
    row = m.rowEnds[ri]!;
    from = row;
    ri++;
  }
}

/** One page of the outline of the resources matching `filter`: addresses and marks only, no attribute values. */
export function stateOutlinePage(state: ParsedState, query: OutlineQuery = {}): OutlinePage {
  const q = (query.filter ?? "").trim().toLowerCase();
  const collapsed = new Set(query.collapsed ?? []);
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.min(MAX_OUTLINE_PAGE, Math.max(0, Math.floor(query.limit ?? MAX_OUTLINE_PAGE)));
  const idx = outlineIndex(state, q);
  const rows: OutlineRowData[] = [];
  let start = 0;
  for (const m of idx.modules) {
    const folded = collapsed.has(m.module);
    const own = folded ? 0 : (m.rowEnds[m.rowEnds.length - 1] ?? 0);
    const end = start + 1 + own;
    if (end > offset && rows.length < limit) {
      if (offset <= start) rows.push({ kind: "module", module: m.module, resources: m.resources.length, instances: m.instances, collapsed: folded });
      const from = Math.max(0, offset - start - 1);
      if (own > from && rows.length < limit) sliceModule(m, from, limit - rows.length, rows);
    }
    start = end;
  }
  return { rows, offset, totalRows: start, total: stateCounts(state), matched: idx.matched, modules: idx.modules.length };
}
