/**
 * What the State tab shows of a parsed state: an outline of resources grouped by module
 * (no attribute values, so nothing sensitive and little to send), and one instance's
 * attributes on demand, masked by its sensitive_attributes.
 */
import { NotFoundError } from "@/lib/errors";
import { maskValue } from "@/lib/state/mask";
import type { AttributePath, ParsedState, ResourceInstance } from "@/lib/state/types";

export interface InstanceOutline {
  address: string;
  status?: "tainted";
  deposed?: string;
  /** How many attribute paths are sensitive (masked until revealed). */
  sensitive: number;
}

export interface ResourceOutline {
  address: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  provider: string;
  instances: InstanceOutline[];
}

export interface ModuleOutline {
  /** "" for the root module. */
  module: string;
  resources: ResourceOutline[];
}

export interface StateOutline {
  modules: ModuleOutline[];
  /** Resources in the state, those matching the filter, and those in `modules` (at most the limit). */
  total: number;
  matched: number;
  shown: number;
}

/** Case-insensitive substring match on address, type or name; empty filter matches all. */
function matches(r: { address: string; type: string; name: string }, q: string): boolean {
  if (!q) return true;
  return r.address.toLowerCase().includes(q) || r.type.toLowerCase().includes(q) || r.name.toLowerCase().includes(q);
}

/** The outline of the resources matching `filter`; only the first `limit` of them are listed (big states). */
export function stateOutline(state: ParsedState, filter = "", limit = Infinity): StateOutline {
  const q = filter.trim().toLowerCase();
  const byModule = new Map<string, ResourceOutline[]>();
  let matched = 0;
  for (const r of state.resources) {
    if (!matches(r, q)) continue;
    if (matched++ >= limit) continue;
    let list = byModule.get(r.module);
    if (!list) byModule.set(r.module, (list = []));
    list.push({
      address: r.address,
      mode: r.mode,
      type: r.type,
      name: r.name,
      provider: r.provider,
      instances: r.instances.map((i) => ({
        address: i.address,
        ...(i.status ? { status: i.status } : {}),
        ...(i.deposed ? { deposed: i.deposed } : {}),
        sensitive: i.sensitiveAttributes.length,
      })),
    });
  }
  // Root first, then modules in address order, as `terraform state list` groups them.
  const modules = [...byModule.entries()].sort(([a], [b]) => (a === b ? 0 : a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)).map(([module, resources]) => ({ module, resources }));
  return { modules, total: state.resources.length, matched, shown: Math.min(matched, limit) };
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
