import type { ModuleOutline, ResourceOutline } from "@/lib/domain/state";

export interface OutlineInstance {
  address: string;
  status?: "tainted";
  deposed?: string;
  sensitive: number;
}

/** One row of the State tab's flat list: module headers, resources and instances interleaved. */
export type OutlineRow =
  | { kind: "module"; key: string; module: string }
  /** `inline`: the resource's only instance, unkeyed and current, shown on the resource's own row. */
  | { kind: "resource"; key: string; resource: ResourceOutline; inline: OutlineInstance | null }
  | { kind: "instance"; key: string; resource: ResourceOutline; instance: OutlineInstance };

function instancesOf(r: ResourceOutline): OutlineInstance[] {
  const suffixes = typeof r.keys === "number" ? Array.from({ length: r.keys }, (_, n) => `[${n}]`) : r.keys;
  const out: OutlineInstance[] = suffixes.map((k) => ({ address: r.address + k, sensitive: 0 }));
  for (const m of r.marks) {
    const i = out[m.at];
    if (!i) continue;
    if (m.status) i.status = m.status;
    if (m.deposed) i.deposed = m.deposed;
    i.sensitive = m.sensitive ?? 0;
  }
  return out;
}

/** The outline (grouped by module) → the rows of one virtual list, in order. O(instances). */
export function outlineRows(modules: readonly ModuleOutline[]): OutlineRow[] {
  const rows: OutlineRow[] = [];
  for (const m of modules) {
    rows.push({ kind: "module", key: `m:${m.module}`, module: m.module });
    for (const r of m.resources) {
      const instances = instancesOf(r);
      const only = instances.length === 1 ? instances[0]! : null;
      const inline = only && only.address === r.address && !only.deposed ? only : null;
      rows.push({ kind: "resource", key: `r:${r.address}`, resource: r, inline });
      if (inline) continue;
      for (const i of instances) rows.push({ kind: "instance", key: `i:${i.address}/${i.deposed ?? ""}`, resource: r, instance: i });
    }
  }
  return rows;
}
