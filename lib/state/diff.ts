/**
 * Structural diff of two parsed states: instances keyed by address (+ deposed key), attribute-level
 * changes, outputs and header fields. Linear in the size of both states: instances are matched
 * through a Map, and each matched pair is walked once; the walk itself is the equality check and
 * stops descending where values are identical.
 * Sensitive values (either side's sensitive_attributes, or a sensitive output) never appear in the
 * result: a change there is reported with `sensitive: true` and SENSITIVE_MARKER in place of values.
 */
import { maskWithTree, SENSITIVE_MARKER, sensitiveChild, sensitiveTree, type SensitiveNode } from "./mask";
import { isRecord } from "./shape";
import type { AttributePath, CtyType, ParsedState, ResourceInstance, ResourceRecord } from "./types";

export type ChangeKind = "added" | "removed" | "changed";

export interface AttributeChange {
  path: AttributePath;
  kind: ChangeKind;
  /** Absent when added; SENSITIVE_MARKER when sensitive. */
  before?: unknown;
  /** Absent when removed; SENSITIVE_MARKER when sensitive. */
  after?: unknown;
  sensitive: boolean;
}

export interface FieldChange<T> {
  before: T;
  after: T;
}

export interface InstanceRef {
  /** Unique key: the instance address, plus ` (deposed KEY)` for a deposed object. */
  key: string;
  address: string;
  deposed?: string;
  resourceAddress: string;
  mode: "managed" | "data";
  type: string;
  provider: string;
}

export interface AddedOrRemovedInstance extends InstanceRef {
  /** Attributes with sensitive paths masked. */
  attributes: Record<string, unknown> | null;
}

export interface InstanceChange extends InstanceRef {
  attributes: AttributeChange[];
  status?: FieldChange<"tainted" | null>;
  schemaVersion?: FieldChange<number | null>;
  providerChange?: FieldChange<string>;
}

export interface OutputChange {
  name: string;
  kind: ChangeKind;
  sensitive: boolean;
  before?: unknown;
  after?: unknown;
  typeBefore?: CtyType;
  typeAfter?: CtyType;
}

export interface StateDiff {
  serial: FieldChange<bigint>;
  lineage: FieldChange<string> & { changed: boolean };
  terraformVersion: FieldChange<string | null> & { changed: boolean };
  added: AddedOrRemovedInstance[];
  removed: AddedOrRemovedInstance[];
  changed: InstanceChange[];
  outputs: OutputChange[];
  counts: { added: number; removed: number; changed: number; unchanged: number; outputsAdded: number; outputsRemoved: number; outputsChanged: number };
  /** No instance or output differs (header fields may). */
  sameContent: boolean;
}

interface Entry {
  resource: ResourceRecord;
  instance: ResourceInstance;
  key: string;
}

function instanceEntries(state: ParsedState): Map<string, Entry> {
  const map = new Map<string, Entry>();
  for (const resource of state.resources) {
    for (const instance of resource.instances) {
      const base = instance.deposed ? `${instance.address} (deposed ${instance.deposed})` : instance.address;
      // A malformed state may repeat an instance; keep every copy visible rather than dropping one.
      let key = base;
      for (let n = 2; map.has(key); n++) key = `${base} #${n}`;
      map.set(key, { resource, instance, key });
    }
  }
  return map;
}

function ref(e: Entry): InstanceRef {
  const r: InstanceRef = { key: e.key, address: e.instance.address, resourceAddress: e.resource.address, mode: e.resource.mode, type: e.resource.type, provider: e.resource.provider };
  if (e.instance.deposed) r.deposed = e.instance.deposed;
  return r;
}

function withMaskedAttributes(e: Entry): AddedOrRemovedInstance {
  const tree = sensitiveTree(e.instance.sensitiveAttributes);
  return { ...ref(e), attributes: maskWithTree(e.instance.attributes, tree) as Record<string, unknown> | null };
}

export function diffStates(a: ParsedState, b: ParsedState): StateDiff {
  const before = instanceEntries(a);
  const after = instanceEntries(b);
  const added: AddedOrRemovedInstance[] = [];
  const removed: AddedOrRemovedInstance[] = [];
  const changed: InstanceChange[] = [];
  let unchanged = 0;
  for (const [key, ea] of before) {
    const eb = after.get(key);
    if (!eb) {
      removed.push(withMaskedAttributes(ea));
      continue;
    }
    const change = diffInstance(ea, eb);
    if (change) changed.push(change);
    else unchanged++;
  }
  for (const [key, eb] of after) if (!before.has(key)) added.push(withMaskedAttributes(eb));

  const outputs = diffOutputs(a, b);
  const count = (k: ChangeKind) => outputs.filter((o) => o.kind === k).length;
  return {
    serial: { before: a.serial, after: b.serial },
    lineage: { before: a.lineage, after: b.lineage, changed: a.lineage !== b.lineage },
    terraformVersion: { before: a.terraformVersion, after: b.terraformVersion, changed: a.terraformVersion !== b.terraformVersion },
    added,
    removed,
    changed,
    outputs,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged, outputsAdded: count("added"), outputsRemoved: count("removed"), outputsChanged: count("changed") },
    sameContent: added.length === 0 && removed.length === 0 && changed.length === 0 && outputs.length === 0,
  };
}

function diffInstance(ea: Entry, eb: Entry): InstanceChange | null {
  const ia = ea.instance;
  const ib = eb.instance;
  const paths = ia.sensitiveAttributes.length || ib.sensitiveAttributes.length ? [...ia.sensitiveAttributes, ...ib.sensitiveAttributes] : [];
  const attributes: AttributeChange[] = [];
  walk(ia.attributes ?? undefined, ib.attributes ?? undefined, [], sensitiveTree(paths), attributes);
  const change: InstanceChange = { ...ref(eb), attributes };
  let differs = attributes.length > 0;
  if ((ia.status ?? null) !== (ib.status ?? null)) {
    change.status = { before: ia.status ?? null, after: ib.status ?? null };
    differs = true;
  }
  if ((ia.schemaVersion ?? null) !== (ib.schemaVersion ?? null)) {
    change.schemaVersion = { before: ia.schemaVersion ?? null, after: ib.schemaVersion ?? null };
    differs = true;
  }
  if (ea.resource.provider !== eb.resource.provider) {
    change.providerChange = { before: ea.resource.provider, after: eb.resource.provider };
    differs = true;
  }
  return differs ? change : null;
}

/** Appends the changes between `a` and `b` (undefined = absent) at `path` to `out`. `path` is a reused stack. */
function walk(a: unknown, b: unknown, path: AttributePath, node: SensitiveNode | null, out: AttributeChange[]): void {
  if (a === b) return;
  if (node?.all) {
    if (!deepEqual(a, b)) out.push(change(path, a, b, SENSITIVE_MARKER, SENSITIVE_MARKER, true));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      path.push(i);
      walk(i < a.length ? a[i] : undefined, i < b.length ? b[i] : undefined, path, sensitiveChild(node, i), out);
      path.pop();
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k in a) {
      path.push(k);
      walk(a[k], Object.hasOwn(b, k) ? b[k] : undefined, path, sensitiveChild(node, k), out);
      path.pop();
    }
    for (const k in b) {
      if (Object.hasOwn(a, k)) continue;
      path.push(k);
      walk(undefined, b[k], path, sensitiveChild(node, k), out);
      path.pop();
    }
    return;
  }
  // Different kinds, or a whole subtree added or removed: report it at this path, masked below.
  out.push(change(path, a, b, maskWithTree(a, node), maskWithTree(b, node), false));
}

function change(path: AttributePath, a: unknown, b: unknown, shownA: unknown, shownB: unknown, sensitive: boolean): AttributeChange {
  const c: AttributeChange = { path: path.slice(), kind: a === undefined ? "added" : b === undefined ? "removed" : "changed", sensitive };
  if (a !== undefined) c.before = shownA;
  if (b !== undefined) c.after = shownB;
  return c;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
    n++;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}

function diffOutputs(a: ParsedState, b: ParsedState): OutputChange[] {
  const out: OutputChange[] = [];
  const names = new Set([...Object.keys(a.outputs), ...Object.keys(b.outputs)]);
  for (const name of names) {
    const oa = a.outputs[name];
    const ob = b.outputs[name];
    const sensitive = (oa?.sensitive ?? false) || (ob?.sensitive ?? false);
    if (oa && ob && oa.sensitive === ob.sensitive && deepEqual(oa.type, ob.type) && deepEqual(oa.value, ob.value)) continue;
    const c: OutputChange = { name, kind: !oa ? "added" : !ob ? "removed" : "changed", sensitive };
    if (oa) {
      c.before = sensitive ? SENSITIVE_MARKER : oa.value;
      c.typeBefore = oa.type;
    }
    if (ob) {
      c.after = sensitive ? SENSITIVE_MARKER : ob.value;
      c.typeAfter = ob.type;
    }
    out.push(c);
  }
  return out;
}
