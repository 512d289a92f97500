/**
 * `statehouse repair-digest`: the dashboard's digest repair from the command line, with the same
 * checks (lib/backend/repair-digest.ts: no lock held, object and digest unchanged since read) and
 * the same audit event. It never touches the state object itself.
 */
import { NotFoundError } from "@/lib/errors";
import { booleanOption, expectPositionals } from "../args";
import { printJson, printLine, type Command } from "../command";
import { confirmed } from "../confirm";

export const repairDigestCommand: Command = {
  name: "repair-digest",
  summary: "Set the DynamoDB digest to the MD5 of the current state object, so the tools accept the state again.",
  details:
    "Only a digest that does not match (or is not an MD5) is repaired, and only while no lock is held and neither the object nor the digest changes meanwhile.\nThe attempt is audited: one JSON line on stderr, and an object under audit.s3 of the Statehouse config if set.",
  options: {
    force: { type: "boolean", description: "Do not ask for confirmation." },
  },
  async run(ctx) {
    expectPositionals(ctx.args, [], "repair-digest");
    const backend = await ctx.backend();
    const { workspace } = ctx.globals;
    // Loaded per command, so `statehouse --help` loads none of the core.
    const [{ s3Arn }, { keyPresence, stateKey }, { readLockStatus, repairDigest }, { readCurrentObject }, { auditedWrite }] = await Promise.all([
      import("@/lib/domain/backends"),
      import("@/lib/domain/workspaces"),
      import("@/lib/domain/locks"),
      import("@/lib/domain/versions"),
      import("../audit"),
    ]);
    const { digest } = await readLockStatus(backend, workspace);
    const key = stateKey(backend.def.options, workspace);
    // Nothing stored for a workspace that never existed: say that (run.ts names the closest workspaces), not "nothing to repair".
    if (digest.status === "absent" && (await keyPresence(backend, key)).state === "absent") {
      throw new NotFoundError(`Workspace "${workspace}" has no state object.`, { resource: s3Arn(backend.def.options.bucket, key) });
    }
    if (digest.status !== "mismatch" && digest.status !== "malformed") {
      const why = { "no-table": "the backend has no dynamodb_table, so no digest is kept", absent: "no digest is stored", match: `digest ${digest.status === "match" ? digest.digest : ""} matches the current state object` }[digest.status];
      if (ctx.globals.json) printJson(ctx, { workspace, repaired: false, status: digest.status });
      else printLine(ctx, `Nothing to repair for workspace "${workspace}": ${why}.`);
      return 0;
    }
    const current = await readCurrentObject(backend, key);
    ctx.io.stderr.write(digest.status === "mismatch" ? `Digest MISMATCH: ${digest.explanation}\n` : `Digest "${digest.digest}" is not an MD5 digest.\n`);
    if (!booleanOption(ctx.args, "force")) {
      const ok = await confirmed(
        ctx.io,
        "Do you really want to repair the digest?",
        current
          ? `The digest of workspace "${workspace}" (${key}) will be set to the MD5 of the current state object, version ${current.versionId}.`
          : `The state object ${key} does not exist: the digest of workspace "${workspace}" will be removed.`,
      );
      if (!ok) {
        ctx.io.stderr.write(`repair-digest cancelled.${ctx.io.ask ? "" : " (No input to confirm with: pass -force.)"}\n`);
        return 1;
      }
    }
    const result = await auditedWrite(ctx, {
      action: "repair-digest",
      target: () => ({}),
      write: () => repairDigest(backend, { workspace, expectedDigest: digest.digest, currentEtag: current?.etag ?? null }),
    });
    if (ctx.globals.json) printJson(ctx, { workspace, repaired: true, ...result });
    else if (result.digest) printLine(ctx, `Repaired the digest of workspace "${workspace}": ${result.previous ?? "(none)"} → ${result.digest}. terraform and tofu accept the state again.`);
    else printLine(ctx, `Removed the digest ${result.previous ?? ""} of workspace "${workspace}", whose state object does not exist.`);
    return 0;
  },
};
