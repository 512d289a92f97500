/**
 * Pure part of an instance's history: what happened to one instance address between two
 * consecutive versions of a state. Never sees raw values: paths only, from the masked state diff.
 */
import { instanceKeyString } from "@/lib/state/address";
import { diffStates } from "@/lib/state/diff";
import type { AttributePath, ParsedState } from "@/lib/state/types";

export type InstanceChangeKind = "added" | "changed" | "removed" | "tainted" | "untainted" | "deposed";

export interface InstanceVersionChange {
  change: InstanceChangeKind;
  /** Attribute paths as the diff prints them (tags.Name, ingress[0].from_port); empty unless `changed`. */
  paths: string[];
}

/** tags.Name, ingress[0].cidr_blocks[1] */
export function attributePathText(path: AttributePath): string {
  return path.map((step, i) => (typeof step === "number" ? instanceKeyString(step) : i === 0 ? step : `.${step}`)).join("");
}

/**
 * The state cut down to the instances at `address` (current and deposed objects), so that the
 * full-state diff, with its sensitive masking, compares just them. Null (no state, a delete
 * marker) is a state with nothing in it.
 */
export function onlyInstance(state: ParsedState | null, address: string): ParsedState {
  const resources = (state?.resources ?? []).flatMap((r) => {
    const instances = r.instances.filter((i) => i.address === address);
    return instances.length ? [{ ...r, instances }] : [];
  });
  return { version: 4, terraformVersion: null, serial: state?.serial ?? 0n, lineage: state?.lineage ?? "", outputs: {}, resources, checkResults: null, size: 0 };
}

/**
 * What happened to `address` from `older` to `newer` (null: the instance's state did not exist).
 * Null when nothing did. Several things at once are reported by the strongest: added/removed of the
 * current object, then taint changes, then a new deposed object, then attribute changes.
 */
export function instanceChangeBetween(older: ParsedState | null, newer: ParsedState | null, address: string): InstanceVersionChange | null {
  const a = onlyInstance(older, address);
  const b = onlyInstance(newer, address);
  const d = diffStates(a, b);
  const current = (list: { deposed?: string }[]) => list.some((i) => i.deposed === undefined);
  if (current(d.added) && !current(d.removed)) return { change: "added", paths: [] };
  if (current(d.removed) && !current(d.added)) return { change: "removed", paths: [] };
  const changed = d.changed.find((c) => c.deposed === undefined);
  if (changed?.status) return { change: changed.status.after === "tainted" ? "tainted" : "untainted", paths: [] };
  if (d.added.some((i) => i.deposed !== undefined)) return { change: "deposed", paths: [] };
  const paths = [...new Set(d.changed.flatMap((c) => c.attributes.map((x) => attributePathText(x.path))))];
  // A deposed object destroyed leaves the instance itself as it was: not a change of it.
  return paths.length ? { change: "changed", paths } : null;
}
