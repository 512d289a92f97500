/**
 * Pure part of the estate's dependency graph: the terraform_remote_state data sources of a state,
 * where their config points (a known workspace, a missing one, or outside Statehouse), cycles, and
 * which consumers an output change affects. Reads config only, never output values of the source.
 */
import { goPathJoin } from "@/lib/gocompat/path";
import { isRecord } from "@/lib/state/shape";
import type { OutputValue, ParsedState } from "@/lib/state/types";
import { deepEqual } from "@/lib/state/diff";

const DEFAULT_WORKSPACE = "default";

export interface RemoteStateRef {
  /** data.terraform_remote_state.vpc, module.a.data.terraform_remote_state.x["k"] */
  address: string;
  backend: string;
  bucket: string | null;
  key: string | null;
  workspace: string;
  /** null when the config leaves it unset (then "env:"). */
  workspaceKeyPrefix: string | null;
}

export interface KnownBackend {
  name: string;
  bucket: string;
  /** The workspace whose state this backend keeps at `objectKey` by its key layout, or null when the key is outside it. */
  workspaceOf: (objectKey: string) => string | null;
  /** Workspaces with a current state (deleted ones are absent); null when the backend could not be listed (then nothing in it is called dangling). */
  workspaces: ReadonlySet<string> | null;
}

export type Resolution =
  | { kind: "workspace"; backend: string; workspace: string }
  /** The config names a key in a known backend's layout, but no such workspace exists (or it was deleted). */
  | { kind: "dangling"; backend: string; workspace: string }
  | { kind: "external"; backendType: string; bucket: string | null; key: string | null; workspace: string };

/** A dynamic value recorded as {"value": …, "type": …}, or the plain value of older states. */
function dynamicValue(v: unknown): unknown {
  return isRecord(v) && "value" in v && "type" in v ? v.value : v;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export function remoteStateRefs(state: ParsedState): RemoteStateRef[] {
  const refs: RemoteStateRef[] = [];
  for (const r of state.resources) {
    if (r.mode !== "data" || r.type !== "terraform_remote_state") continue;
    for (const inst of r.instances) {
      const a = inst.attributes ?? {};
      const config = dynamicValue(a.config);
      const c = isRecord(config) ? config : {};
      refs.push({
        address: inst.address,
        backend: str(a.backend) ?? "",
        bucket: str(c.bucket),
        key: str(c.key),
        workspace: str(a.workspace) ?? DEFAULT_WORKSPACE,
        workspaceKeyPrefix: str(c.workspace_key_prefix),
      });
    }
  }
  return refs;
}

/** The state object a reference reads, as the S3 backend computes it: the default workspace at `key`, others at prefix/workspace/key. */
export function referencedKey(ref: RemoteStateRef): string | null {
  if (ref.key === null) return null;
  if (ref.workspace === DEFAULT_WORKSPACE) return ref.key;
  return goPathJoin(ref.workspaceKeyPrefix ?? "env:", ref.workspace, ref.key);
}

export function resolveRef(ref: RemoteStateRef, backends: readonly KnownBackend[]): Resolution {
  const objectKey = referencedKey(ref);
  const external: Resolution = { kind: "external", backendType: ref.backend, bucket: ref.bucket, key: ref.key, workspace: ref.workspace };
  if (ref.backend !== "s3" || ref.bucket === null || objectKey === null) return external;
  for (const b of backends) {
    if (b.bucket !== ref.bucket) continue;
    const workspace = b.workspaceOf(objectKey);
    if (workspace === null) continue;
    return !b.workspaces || b.workspaces.has(workspace) ? { kind: "workspace", backend: b.name, workspace } : { kind: "dangling", backend: b.name, workspace };
  }
  return external;
}

export interface NodeId {
  backend: string;
  workspace: string;
}

export interface Edge {
  producer: NodeId;
  consumer: NodeId;
  /** The data source's address in the consumer's state. */
  address: string;
  dangling: boolean;
  /** Producer and consumer lie on one cycle. */
  inCycle: boolean;
}

const id = (n: NodeId) => `${n.backend}\0${n.workspace}`;

/** Marks edges inside a strongly connected component (Tarjan, iterative: an estate can be deep). */
export function markCycles(edges: Edge[]): Edge[] {
  const out = new Map<string, string[]>();
  for (const e of edges) if (!e.dangling) out.set(id(e.producer), [...(out.get(id(e.producer)) ?? []), id(e.consumer)]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let next = 0;
  let comps = 0;
  for (const root of out.keys()) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const succ = out.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1]!.v, Math.min(low.get(work[work.length - 1]!.v)!, low.get(top.v)!));
      if (low.get(top.v) === index.get(top.v)) {
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, comps);
          if (w === top.v) break;
        }
        comps++;
      }
    }
  }
  return edges.map((e) => ({ ...e, inCycle: !e.dangling && comp.get(id(e.producer)) !== undefined && comp.get(id(e.producer)) === comp.get(id(e.consumer)) }));
}

export interface AffectedConsumers {
  /** Outputs removed, or changed in type or value, from `before` to `after`, by name. */
  outputs: string[];
  consumers: { backend: string; workspace: string; address: string }[];
}

/**
 * Which consumers a change of outputs affects. A consumer's remote state exposes every output, so
 * any removed or changed output affects every consumer. Sensitive values are compared, never returned.
 */
export function affectedConsumers(before: Record<string, OutputValue>, after: Record<string, OutputValue>, consumers: readonly { backend: string; workspace: string; address: string }[]): AffectedConsumers {
  const outputs = Object.keys(before)
    .filter((name) => {
      const b = before[name]!;
      const a = after[name];
      return a === undefined || !deepEqual(a.type, b.type) || !deepEqual(a.value, b.value);
    })
    .sort();
  return { outputs, consumers: outputs.length ? [...consumers] : [] };
}
