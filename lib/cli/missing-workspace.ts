/**
 * Turns "Nothing found at arn:aws:s3:::…" for a workspace whose state object never existed into
 * "workspace X does not exist" with the closest names. A deleted workspace (delete marker) and a
 * missing version keep their own messages; this never hides any other error.
 */
import type { BackendContext } from "@/lib/domain/backends";
import { levenshtein } from "@/lib/config/did-you-mean";
import { NotFoundError } from "@/lib/errors";

/** How many of the closest names the message lists. */
const CLOSEST = 3;

/** The workspace names closest to `given` (Levenshtein distance, then name), at most `n`. */
export function closestNames(given: string, names: readonly string[], n = CLOSEST): string[] {
  return names
    .filter((name) => name !== given)
    .map((name) => ({ name, d: levenshtein(given, name) }))
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, n)
    .map((x) => x.name);
}

/** `e` itself, or a NotFoundError saying the workspace does not exist when its state object never existed. */
export async function explainMissingWorkspace(e: unknown, backend: BackendContext, workspace: string): Promise<unknown> {
  if (!(e instanceof NotFoundError) || e.details?.deleteMarker === true) return e;
  const [{ s3Arn }, { DEFAULT_WORKSPACE, keyPresence, listWorkspaces, stateKey }] = await Promise.all([import("@/lib/domain/backends"), import("@/lib/domain/workspaces")]);
  const { bucket } = backend.def.options;
  const key = stateKey(backend.def.options, workspace);
  if (e.details?.resource !== s3Arn(bucket, key)) return e;
  try {
    if ((await keyPresence(backend, key)).state !== "absent") return e;
    if (workspace === DEFAULT_WORKSPACE) {
      return new NotFoundError(`Workspace "default" has no state: nothing was ever written at s3://${bucket}/${key}.`, { workspace, bucket, key });
    }
    const { workspaces } = await listWorkspaces(backend, { includeLocks: false });
    const closest = closestNames(workspace, workspaces.map((w) => w.name));
    const list = closest.map((n) => `"${n}"`).join(", ");
    return new NotFoundError(
      `Workspace "${workspace}" does not exist in backend "${backend.def.name}": no state was ever written at s3://${bucket}/${key}.${closest.length ? ` The closest workspaces: ${list}.` : " The backend has no workspaces."}`,
      { workspace, bucket, key, closest },
    );
  } catch {
    return e; // the explanation is a courtesy: when it cannot be had, the original error stands
  }
}
