/**
 * One workspace's state turned into search documents: every instance with its attribute values
 * flattened to (dotted path, value) pairs by an iterative walk, so deep nesting cannot exhaust the stack.
 * Sensitive values (sensitive_attributes paths and all below them, sensitive outputs) are NEVER
 * taken in: what the index does not hold, a search cannot confirm or deny.
 */
import { sensitiveTree, type SensitiveNode } from "@/lib/state/mask";
import type { ParsedState, ResourceInstance, ResourceRecord } from "@/lib/state/types";
import { TextDict } from "./dict";

export interface IndexedValue {
  /** Dotted path as in `attr:` (`tags.env`, `ingress.0.from_port`). */
  path: string;
  /** The value as text: strings as they are, numbers and booleans in JSON form. */
  value: string;
}

/** The index's two dictionaries: attribute paths, and every other text (values, addresses, types…). */
export interface Dicts {
  texts: TextDict;
  paths: TextDict;
}

export function makeDicts(): Dicts {
  return { texts: new TextDict(), paths: new TextDict() };
}

/** What a term is matched against besides values, in this order: `fieldIds` follows it. */
export const FIELDS = ["address", "type", "name", "module", "provider"] as const;

export interface IndexedInstance {
  address: string;
  type: string;
  name: string;
  mode: "managed" | "data" | "output";
  /** "" for the root module. */
  module: string;
  /** Module names along the address (`module.a["k"].module.b` → a, b): what `module:` matches. */
  moduleNames: string[];
  /** Provider short name (`aws`) and its full source address. */
  provider: string;
  providerSource: string;
  indexKey: number | string | null;
  status: "tainted" | "deposed" | null;
  /** One (path id, text id) pair per attribute value, in document order. */
  pathIds: Int32Array;
  valueIds: Int32Array;
  /** Text ids of the FIELDS. */
  fieldIds: Int32Array;
}

export interface IndexedWorkspace {
  backend: string;
  workspace: string;
  etag: string;
  serial: bigint;
  lineage: string;
  terraformVersion: string | null;
  instances: IndexedInstance[];
  /** Estimated heap bytes held for this workspace: its instances, and the dictionary texts it added. */
  bytes: number;
}

/** Per-instance overhead estimate (V8 object, typed array headers): keeps the budget honest, not exact. */
const INSTANCE_OVERHEAD = 320;

/** `provider["registry.terraform.io/hashicorp/aws"].west` → aws; legacy `provider.aws.west` → aws. */
export function providerShortName(provider: string): string {
  const m = /^provider\["([^"]*)"\]/.exec(provider);
  if (m) return m[1]!.split("/").pop()!.toLowerCase();
  const legacy = /^(?:module\..*\.)?provider\.([^.]+)/.exec(provider);
  return (legacy ? legacy[1]! : provider).toLowerCase();
}

export function moduleNames(module: string): string[] {
  const names: string[] = [];
  const re = /module\.([A-Za-z0-9_-]+)/g;
  for (let m = re.exec(module); m; m = re.exec(module)) names.push(m[1]!);
  return names;
}

function scalarText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/**
 * Every scalar leaf of `root` not under a sensitive path, depth-first in document order, iteratively.
 * Legacy flatmap attributes are leaves already (`tags.%` / `.#` keys are counts, skipped).
 */
export function walkValues(root: unknown, sensitive: SensitiveNode | null, flat: boolean, emit: (path: string, text: string) => void): void {
  if (sensitive?.all) return;
  const stack: { value: unknown; path: string; node: SensitiveNode | null }[] = [{ value: root, path: "", node: sensitive }];
  while (stack.length > 0) {
    const { value, path, node } = stack.pop()!;
    const text = scalarText(value);
    if (text !== null) {
      if (path !== "" && !(flat && (path.endsWith(".%") || path.endsWith(".#")))) emit(path, text);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    // Pushed in reverse so the walk visits them in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      const child = node ? (node.children.get(k) ?? null) : null;
      if (child?.all) continue;
      stack.push({ value: v, path: path === "" ? k : `${path}.${k}`, node: child });
    }
  }
}

export function flattenValues(root: unknown, sensitive: SensitiveNode | null, flat = false): IndexedValue[] {
  const out: IndexedValue[] = [];
  walkValues(root, sensitive, flat, (path, value) => out.push({ path, value }));
  return out;
}

interface Base {
  address: string;
  type: string;
  name: string;
  mode: IndexedInstance["mode"];
  module: string;
  providerSource: string;
  indexKey: number | string | null;
  status: IndexedInstance["status"];
}

class Builder {
  bytes = 256;
  private readonly countNew = (b: number) => (this.bytes += b);
  constructor(private readonly d: Dicts) {}

  instance(base: Base, fill: (emit: (path: string, text: string) => void) => void): IndexedInstance {
    const paths: number[] = [];
    const values: number[] = [];
    fill((path, text) => {
      paths.push(this.d.paths.add(path, this.countNew));
      values.push(this.d.texts.add(text, this.countNew));
    });
    const t = this.d.texts;
    const fieldIds = Int32Array.from([base.address, base.type, base.name, base.module, base.providerSource].map((f) => t.add(f, this.countNew)));
    this.bytes += INSTANCE_OVERHEAD + paths.length * 8;
    return {
      // The dictionary's copies: one string however many instances share it.
      address: t.texts[fieldIds[0]!]!,
      type: t.texts[fieldIds[1]!]!,
      name: t.texts[fieldIds[2]!]!,
      mode: base.mode,
      module: t.texts[fieldIds[3]!]!,
      moduleNames: moduleNames(base.module),
      provider: providerShortName(base.providerSource),
      providerSource: t.texts[fieldIds[4]!]!,
      indexKey: base.indexKey,
      status: base.status,
      pathIds: Int32Array.from(paths),
      valueIds: Int32Array.from(values),
      fieldIds,
    };
  }
}

function resourceInstance(b: Builder, r: ResourceRecord, inst: ResourceInstance): IndexedInstance {
  const base: Base = { address: inst.address, type: r.type, name: r.name, mode: r.mode, module: r.module, providerSource: r.provider, indexKey: inst.indexKey ?? null, status: inst.deposed ? "deposed" : (inst.status ?? null) };
  return b.instance(base, (emit) => walkValues(inst.attributes, sensitiveTree(inst.sensitiveAttributes), inst.attributesFlat === true, emit));
}

/**
 * The search documents of one state in the index's dictionaries: its resource instances, then its
 * outputs (`output.NAME`; a sensitive output's name is shown by `terraform output` too, its value never is).
 */
export function indexState(ref: { backend: string; workspace: string; etag: string }, state: ParsedState | null, d: Dicts): IndexedWorkspace {
  const b = new Builder(d);
  const instances: IndexedInstance[] = [];
  for (const r of state?.resources ?? []) for (const inst of r.instances) instances.push(resourceInstance(b, r, inst));
  for (const o of Object.values(state?.outputs ?? {})) {
    const base: Base = { address: `output.${o.name}`, type: "output", name: o.name, mode: "output", module: "", providerSource: "", indexKey: null, status: null };
    instances.push(
      b.instance(base, (emit) => {
        if (o.sensitive) return;
        const v = scalarText(o.value);
        if (v !== null) emit("value", v);
        else walkValues(o.value, null, false, emit);
      }),
    );
  }
  return { ...ref, serial: state?.serial ?? 0n, lineage: state?.lineage ?? "", terraformVersion: state?.terraformVersion ?? null, instances, bytes: b.bytes };
}

/** Gives back a workspace's dictionary references (when it is replaced or dropped). */
export function releaseWorkspace(doc: IndexedWorkspace, d: Dicts): void {
  for (const inst of doc.instances) {
    for (const id of inst.pathIds) d.paths.release(id);
    for (const id of inst.valueIds) d.texts.release(id);
    for (const id of inst.fieldIds) d.texts.release(id);
  }
}
