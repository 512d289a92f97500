/**
 * Object keys of the s3 backend: where each workspace's state, lock object and DynamoDB items live.
 * Pure; the rules are the tools' own (see DESIGN.md "Keys and workspaces").
 */
import { InvalidInputError } from "@/lib/errors";
import type { S3BackendOptions } from "@/lib/config/types";
import { goPathJoin } from "@/lib/gocompat/path";
import { isPathSegmentSafe } from "@/lib/gocompat/url-path";

export { goPathClean, goPathJoin } from "@/lib/gocompat/path";

export const DEFAULT_WORKSPACE = "default";

/** The tools' rule for a workspace name they will create or select. */
export function validateWorkspaceName(name: string): string {
  if (!isPathSegmentSafe(name)) {
    throw new InvalidInputError(
      name === ""
        ? "The workspace name is empty."
        : `The workspace name "${name}" is not allowed: use only letters, digits and -_.~$&+:=@ (it must not need URL escaping).`,
      { workspace: name },
    );
  }
  return name;
}

/**
 * The state object key of a workspace. Names that could resolve outside their own folder
 * ("", ".", "..", anything with "/") are refused: such a key would silently alias another workspace.
 */
export function stateKey(options: Pick<S3BackendOptions, "key" | "workspace_key_prefix">, workspace: string): string {
  if (workspace === DEFAULT_WORKSPACE) return options.key;
  if (workspace === "" || workspace === "." || workspace === ".." || workspace.includes("/")) {
    throw new InvalidInputError(`The workspace name "${workspace}" is not a valid workspace.`, { workspace });
  }
  return goPathJoin(options.workspace_key_prefix, workspace, options.key);
}

/**
 * The workspace whose state `objectKey` is, by the listing rule of `workspace list`, or null.
 * Strip `prefix + "/"`, split at the first "/", the rest must equal `key` exactly.
 * "default" and the dot names are not reported: their stateKey() is not this object.
 */
export function workspaceFromObjectKey(options: Pick<S3BackendOptions, "key" | "workspace_key_prefix">, objectKey: string): string | null {
  let rest = objectKey;
  if (options.workspace_key_prefix !== "") {
    const prefix = options.workspace_key_prefix + "/";
    if (!objectKey.startsWith(prefix)) return null;
    rest = objectKey.slice(prefix.length);
  }
  const slash = rest.indexOf("/");
  if (slash <= 0) return null;
  if (rest.slice(slash + 1) !== options.key) return null;
  const name = rest.slice(0, slash);
  if (name === DEFAULT_WORKSPACE || name === "." || name === "..") return null;
  return name;
}
export { workspaceFromObjectKey as workspaceFromKey };

/** The ListObjectsV2/ListObjectVersions prefix that covers every named workspace. */
export function workspaceListPrefix(options: Pick<S3BackendOptions, "workspace_key_prefix">): string | undefined {
  return options.workspace_key_prefix === "" ? undefined : options.workspace_key_prefix + "/";
}

export function lockKeyFor(stateObjectKey: string): string {
  return `${stateObjectKey}.tflock`;
}

/** DynamoDB LockID of the lock item, and the LockInfo `Path` of both lock kinds. */
export function lockIdFor(bucket: string, stateObjectKey: string): string {
  return `${bucket}/${stateObjectKey}`;
}

export function digestIdFor(bucket: string, stateObjectKey: string): string {
  return `${bucket}/${stateObjectKey}-md5`;
}
