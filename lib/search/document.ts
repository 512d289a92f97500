/**
 * One workspace's state turned into search documents: every instance with its attribute values
 * flattened to (dotted path, value) pairs by an iterative walk, so deep nesting cannot exhaust the stack.
 * Sensitive values (sensitive_attributes paths and all below them, sensitive outputs) are NEVER
 * taken in: what the index does not hold, a search cannot confirm or deny.
 */
import { sensitiveTree, type SensitiveNode } from "@/lib/state/mask";
import type { ParsedState, ResourceInstance, ResourceRecord } from "@/lib/state/types";

export interface IndexedValue {
  /** Dotted path as in `attr:` (`tags.env`, `ingress.0.from_port`). */
  path: string;
  /** The value as text: strings as they are, numbers and booleans in JSON form. */
  value: string;
}

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
  values: IndexedValue[];
  /** Lower-cased address, type, name, module, provider and every value, joined: one `includes` per term. */
  haystack: string;
}

export interface IndexedWorkspace {
  backend: string;
  workspace: string;
  etag: string;
  serial: number;
  lineage: string;
  terraformVersion: string | null;
  instances: IndexedInstance[];
  /** Estimated heap bytes held for this workspace (strings at 2 bytes a character plus per-object overhead). */
  bytes: number;
}

/** Per-object overhead estimates (V8 object headers, array slots): keeps the budget honest, not exact. */
const INSTANCE_OVERHEAD = 160;
const VALUE_OVERHEAD = 48;

/** Strings repeated across instances (paths, types, providers) are kept once per index. */
export type Interner = (s: string) => string;

export function makeInterner(max = 200_000): Interner {
  const pool = new Map<string, string>();
  return (s) => {
    const hit = pool.get(s);
    if (hit !== undefined) return hit;
    if (pool.size < max) pool.set(s, s);
    return s;
  };
}

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
 * Every scalar leaf of `root` not under a sensitive path, depth-first, iteratively.
 * Legacy flatmap attributes are leaves already (`tags.%` keys are counts, skipped).
 */
export function flattenValues(root: unknown, sensitive: SensitiveNode | null, intern: Interner, flat = false): IndexedValue[] {
  const out: IndexedValue[] = [];
  if (sensitive?.all) return out;
  const stack: { value: unknown; path: string; node: SensitiveNode | null }[] = [{ value: root, path: "", node: sensitive }];
  while (stack.length > 0) {
    const { value, path, node } = stack.pop()!;
    const text = scalarText(value);
    if (text !== null) {
      if (path !== "" && !(flat && (path.endsWith(".%") || path.endsWith(".#")))) out.push({ path: intern(path), value: text });
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
  return out;
}

function stringBytes(s: string): number {
  return s.length * 2 + 16;
}

function makeInstance(
  base: Omit<IndexedInstance, "haystack" | "values" | "moduleNames" | "provider" | "providerSource"> & { providerSource: string },
  values: IndexedValue[],
  intern: Interner,
): { instance: IndexedInstance; bytes: number } {
  const provider = intern(providerShortName(base.providerSource));
  const names = moduleNames(base.module);
  const haystack = [base.address, base.type, base.name, base.module, base.providerSource, ...values.map((v) => v.value)].join("\n").toLowerCase();
  let bytes = INSTANCE_OVERHEAD + stringBytes(base.address) + stringBytes(haystack);
  // Values' strings are counted once (the haystack repeats them lower-cased); paths are interned.
  for (const v of values) bytes += VALUE_OVERHEAD + stringBytes(v.value);
  return { instance: { ...base, type: intern(base.type), module: intern(base.module), moduleNames: names, provider, providerSource: intern(base.providerSource), values, haystack }, bytes };
}

function instanceDoc(r: ResourceRecord, inst: ResourceInstance, intern: Interner): { instance: IndexedInstance; bytes: number } {
  const values = flattenValues(inst.attributes, sensitiveTree(inst.sensitiveAttributes), intern, inst.attributesFlat === true);
  return makeInstance(
    {
      address: inst.address,
      type: r.type,
      name: r.name,
      mode: r.mode,
      module: r.module,
      providerSource: r.provider,
      indexKey: inst.indexKey ?? null,
      status: inst.deposed ? "deposed" : (inst.status ?? null),
    },
    values,
    intern,
  );
}

/** The search documents of one state: its resource instances, then its outputs (`output.NAME`). */
export function indexState(
  ref: { backend: string; workspace: string; etag: string },
  state: ParsedState,
  intern: Interner = makeInterner(),
): IndexedWorkspace {
  const instances: IndexedInstance[] = [];
  let bytes = 256;
  for (const r of state.resources) {
    for (const inst of r.instances) {
      const d = instanceDoc(r, inst, intern);
      instances.push(d.instance);
      bytes += d.bytes;
    }
  }
  for (const o of Object.values(state.outputs)) {
    // A sensitive output's name is shown by `terraform output` too; its value never is.
    const values = o.sensitive ? [] : flattenValues(o.value, null, intern);
    const v = scalarText(o.value);
    if (!o.sensitive && v !== null) values.push({ path: intern("value"), value: v });
    const d = makeInstance(
      { address: `output.${o.name}`, type: "output", name: o.name, mode: "output", module: "", providerSource: "", indexKey: null, status: null },
      values,
      intern,
    );
    instances.push(d.instance);
    bytes += d.bytes;
  }
  return { ...ref, serial: state.serial, lineage: state.lineage, terraformVersion: state.terraformVersion, instances, bytes };
}
