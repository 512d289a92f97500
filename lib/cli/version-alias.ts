/**
 * `current` and `previous` as version arguments: resolved against the workspace's version list
 * (newest first), skipping delete markers, which hold no state.
 */
import type { BackendContext } from "@/lib/domain/backends";
import { stateKey } from "@/lib/domain/workspaces";
import { listVersions } from "@/lib/domain/versions";
import { s3Arn } from "@/lib/domain/backends";
import { NotFoundError, VersioningOffError } from "@/lib/errors";

const VERSION_ALIASES = ["current", "previous"] as const;

/** Real S3 version IDs for each argument, in order; the version list is read only when an alias is used. */
export async function resolveVersionArgs(ctx: BackendContext, workspace: string, args: readonly string[]): Promise<string[]> {
  if (!args.some((a) => (VERSION_ALIASES as readonly string[]).includes(a))) return [...args];
  const { versioning, versions } = await listVersions(ctx, workspace);
  // No version at all: the error names the object, so that run.ts can say whether the workspace ever existed.
  if (versions.length === 0) throw new NotFoundError(`Workspace "${workspace}" has no state object.`, { workspace, resource: s3Arn(ctx.def.options.bucket, stateKey(ctx.def.options, workspace)) });
  const states = versions.filter((v) => !v.isDeleteMarker);
  const latest = versions[0];
  return args.map((a) => {
    if (a === "current") {
      if (!latest) throw new NotFoundError(`Workspace "${workspace}" has no state object.`, { workspace });
      if (latest.isDeleteMarker) throw new NotFoundError(`Workspace "${workspace}" was deleted: its current version is a delete marker. Name a version ID instead.`, { workspace });
      return latest.versionId;
    }
    if (a === "previous") {
      const prev = states[latest?.isDeleteMarker ? 0 : 1];
      if (prev) return prev.versionId;
      if (versioning !== "Enabled") throw new VersioningOffError(ctx.def.options.bucket, versioning);
      throw new NotFoundError(`Workspace "${workspace}" has no previous version.`, { workspace });
    }
    return a;
  });
}
