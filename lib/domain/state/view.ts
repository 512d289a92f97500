/**
 * What the State tab shows of a parsed state: an outline of resources grouped by module
 * (no attribute values, so nothing sensitive and little to send), and one instance's
 * attributes on demand, masked by its sensitive_attributes.
 */
import { NotFoundError } from "@/lib/errors";
import { maskValue } from "@/lib/state/mask";
import type { AttributePath, ParsedState, ResourceInstance, ResourceRecord } from "@/lib/state/types";

/** An instance worth marking in the outline, by its position in the resource's `keys`. */
export interface InstanceMark {
  at: number;
  status?: "tainted";
  deposed?: string;
  /** How many attribute paths are sensitive (masked until revealed). */
  sensitive?: number;
}

export interface ResourceOutline {
  address: string;
  mode: "managed" | "data";
  provider: string;
  /**
   * The instances' keys as suffixes of `address` ("" when unkeyed, `[0]`, `["a"]`; a deposed object
   * repeats its instance's key), or n for exactly `[0]`…`[n-1]`: the common `count` case, so tens
   * of thousands of instances cost a few bytes instead of one string each.
   */
  keys: number | string[];
  /** Only the instances with a mark; most have none. */
  marks: InstanceMark[];
}

export interface ModuleOutline {
  /** "" for the root module. */
  module: string;
  resources: ResourceOutline[];
}

export interface StateOutline {
  modules: ModuleOutline[];
  /** Resources in the state, and those matching the filter (all of them are in `modules`). */
  total: number;
  matched: number;
}

/** Case-insensitive substring match on address, type or name; empty filter matches all. */
function matches(r: { address: string; type: string; name: string }, q: string): boolean {
  if (!q) return true;
  return r.address.toLowerCase().includes(q) || r.type.toLowerCase().includes(q) || r.name.toLowerCase().includes(q);
}

function instanceKeys(r: ResourceRecord): number | string[] {
  // The parsers build every instance address as the resource address plus its key.
  const keys = r.instances.map((i) => i.address.slice(r.address.length));
  return keys.length > 0 && keys.every((k, n) => k === `[${n}]`) ? keys.length : keys;
}

function instanceMarks(r: ResourceRecord): InstanceMark[] {
  const marks: InstanceMark[] = [];
  r.instances.forEach((i, at) => {
    if (!i.status && !i.deposed && i.sensitiveAttributes.length === 0) return;
    marks.push({ at, ...(i.status ? { status: i.status } : {}), ...(i.deposed ? { deposed: i.deposed } : {}), ...(i.sensitiveAttributes.length > 0 ? { sensitive: i.sensitiveAttributes.length } : {}) });
  });
  return marks;
}

/** The outline of every resource matching `filter`: addresses and marks only, no attribute values. */
export function stateOutline(state: ParsedState, filter = ""): StateOutline {
  const q = filter.trim().toLowerCase();
  const byModule = new Map<string, ResourceOutline[]>();
  let matched = 0;
  for (const r of state.resources) {
    if (!matches(r, q)) continue;
    matched++;
    let list = byModule.get(r.module);
    if (!list) byModule.set(r.module, (list = []));
    list.push({ address: r.address, mode: r.mode, provider: r.provider, keys: instanceKeys(r), marks: instanceMarks(r) });
  }
  // Root first, then modules in address order, as `terraform state list` groups them.
  const modules = [...byModule.entries()].sort(([a], [b]) => (a === b ? 0 : a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)).map(([module, resources]) => ({ module, resources }));
  return { modules, total: state.resources.length, matched };
}

export function findInstance(state: ParsedState, address: string, deposed?: string): ResourceInstance {
  for (const r of state.resources) {
    for (const i of r.instances) {
      if (i.address === address && (i.deposed ?? undefined) === (deposed || undefined)) return i;
    }
  }
  throw new NotFoundError(`No instance ${address}${deposed ? ` (deposed ${deposed})` : ""} in this state.`, { address, deposed });
}

export interface InstanceAttributes {
  address: string;
  deposed?: string;
  schemaVersion?: number;
  /** Masked: every sensitive path holds SENSITIVE_MARKER. */
  attributes: unknown;
  sensitivePaths: AttributePath[];
  dependencies: string[];
}

export function instanceAttributes(state: ParsedState, address: string, deposed?: string): InstanceAttributes {
  const i = findInstance(state, address, deposed);
  return {
    address: i.address,
    ...(i.deposed ? { deposed: i.deposed } : {}),
    ...(i.schemaVersion !== undefined ? { schemaVersion: i.schemaVersion } : {}),
    attributes: maskValue(i.attributes, i.sensitiveAttributes),
    sensitivePaths: i.sensitiveAttributes,
    dependencies: i.dependencies ?? [],
  };
}
