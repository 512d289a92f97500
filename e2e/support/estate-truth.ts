/**
 * What the demo estate really holds, read straight from the local S3, so the UI specs compare
 * what the page shows with the truth (and can list the secrets a viewer must never receive).
 */
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { listVersions, readStateObject } from "@/lib/backend/versions";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import { estateBackends } from "@/testkit/estate";

export function estateContext(name: string): BackendContext {
  const b = estateBackends(process.env.MOTO_ENDPOINT!).find((x) => x.name === name);
  if (!b) throw new Error(`no estate backend ${name}`);
  return openBackend({ name: b.name, options: b.options, source: "e2e" });
}

export async function currentState(backend: string, workspace: string, versionId?: string): Promise<ParsedState> {
  const r = parseState((await readStateObject(estateContext(backend), workspace, versionId)).bytes);
  if (r.kind !== "state") throw new Error(`${backend}/${workspace} is not a state: ${r.kind}`);
  return r.state;
}

/** Version IDs of real versions (no delete markers), newest first. */
export async function versionIds(backend: string, workspace: string): Promise<string[]> {
  const { versions } = await listVersions(estateContext(backend), workspace);
  return versions.filter((v) => !v.isDeleteMarker).map((v) => v.versionId);
}

function leaves(v: unknown, out: string[]): void {
  if (typeof v === "string" && v.length >= 8) out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => leaves(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => leaves(x, out));
}

/** Every sensitive string of the state (outputs marked sensitive, attributes on sensitive paths) long enough to be unambiguous. */
export function sensitiveStrings(state: ParsedState): string[] {
  const out: string[] = [];
  for (const o of Object.values(state.outputs)) if (o.sensitive) leaves(o.value, out);
  for (const r of state.resources) {
    for (const i of r.instances) {
      for (const path of i.sensitiveAttributes) {
        let v: unknown = i.attributes;
        for (const step of path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[String(step)] : undefined;
        leaves(v, out);
      }
    }
  }
  // Values that also appear unmarked elsewhere (e.g. a username) are not secrets of this state.
  return [...new Set(out)].filter((s) => !/^(app|postgres)$/.test(s));
}
