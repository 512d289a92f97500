import { NotFoundError } from "@/lib/errors";
import { formatBytes } from "@/lib/browser-safe/format";
import { printJson, printLine, printTable, type Command } from "../command";

export const versions: Command = {
  name: "versions",
  summary: "List the S3 versions of a workspace's state, newest first.",
  options: {},
  async run(ctx) {
    const backend = await ctx.backend();
    const [{ listVersions }, { DEFAULT_WORKSPACE, stateKey }, { s3Arn }] = await Promise.all([import("@/lib/domain/versions"), import("@/lib/domain/workspaces"), import("@/lib/domain/backends")]);
    const { versioning, versions } = await listVersions(backend, ctx.globals.workspace);
    // No version at all: a named workspace that never existed is an error, as for every other -w command (run.ts explains it).
    if (versions.length === 0 && ctx.globals.workspace !== DEFAULT_WORKSPACE) {
      throw new NotFoundError(`No versions: workspace "${ctx.globals.workspace}" has no state object.`, { resource: s3Arn(backend.def.options.bucket, stateKey(backend.def.options, ctx.globals.workspace)) });
    }
    const note = versioningNote(versioning);
    if (ctx.globals.json) {
      printJson(ctx, { workspace: ctx.globals.workspace, versioning, versions });
      return 0;
    }
    if (versions.length === 0) printLine(ctx, `No versions: workspace "${ctx.globals.workspace}" has no state object.`);
    else {
      await printTable(
        ctx,
        [{ header: "VERSION ID" }, { header: "MODIFIED" }, { header: "SIZE", right: true }, { header: "LATEST" }, { header: "DELETE MARKER" }],
        versions.map((v) => [
          v.versionId,
          v.lastModified,
          v.isDeleteMarker ? "" : formatBytes(v.size),
          v.isLatest ? "latest" : "",
          v.isDeleteMarker ? { text: "delete marker", tone: "bad" } : "",
        ]),
      );
    }
    if (note) printLine(ctx, note);
    return 0;
  },
};

function versioningNote(versioning: "Enabled" | "Suspended" | "Disabled"): string | null {
  if (versioning === "Disabled") return "Note: bucket versioning is off: only the current object exists and prior versions cannot be recovered.";
  if (versioning === "Suspended") return "Note: bucket versioning is suspended: new writes replace the current object and cannot be recovered.";
  return null;
}
