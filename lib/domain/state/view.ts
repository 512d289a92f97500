/**
 * What the State tab shows of a parsed state: the outline of resources grouped by module, a page
 * at a time (./outline.ts: no attribute values, so nothing sensitive and little to send), and one
 * instance's attributes on demand, masked by its sensitive_attributes.
 */
import { NotFoundError } from "@/lib/errors";
import { maskValue } from "@/lib/state/mask";
import type { AttributePath, ParsedState, ResourceInstance } from "@/lib/state/types";

export * from "./outline";

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
