import { NotFoundError } from "@/lib/errors";
import { restoredSerial } from "@/lib/state/serial";
import { booleanOption, expectPositionals } from "../args";
import { printJson, printLine, type Command, type CommandContext } from "../command";
import { confirmed } from "../confirm";
import { describeResult, requireState } from "../state-result";
import type { BackendContext } from "@/lib/domain/backends";

export const restore: Command = {
  name: "restore",
  synopsis: "VERSION",
  summary: "Make a prior version the current state again (copied forward as a new version; nothing is deleted).",
  details:
    "VERSION is an S3 version ID or `previous`. The restore takes the lock as terraform does, writes the chosen content with\nserial = current + 1 only if nobody wrote meanwhile, updates the DynamoDB digest and releases the lock.\nThe attempt is audited: one JSON line on stderr, and an object under audit.s3 of the Statehouse config if set.",
  options: {
    "auto-approve": { type: "boolean", description: "Do not ask for confirmation." },
    "confirm-lineage-change": { type: "boolean", description: "Allow a version whose lineage differs from the current state's." },
  },
  async run(ctx) {
    const [arg] = expectPositionals(ctx.args, ["VERSION"], "restore") as [string];
    const backend = await ctx.backend();
    const [{ localWho }, { restoreVersion }, { auditedWrite }, { resolveVersionArgs }] = await Promise.all([
      import("@/lib/domain/locks"),
      import("@/lib/domain/versions"),
      import("../audit"),
      import("../version-alias"),
    ]);
    const { workspace } = ctx.globals;
    const [versionId] = (await resolveVersionArgs(backend, workspace, [arg])) as [string];
    const expectedCurrentVersionId = await describePlan(ctx, backend, versionId);
    if (!booleanOption(ctx.args, "auto-approve")) {
      const ok = await confirmed(ctx.io, "Do you want to restore this version?", `Version ${versionId} becomes the current state of workspace "${workspace}".`);
      if (!ok) {
        ctx.io.stderr.write(`Restore cancelled.${ctx.io.ask ? "" : " (No input to confirm with: pass -auto-approve.)"}\n`);
        return 1;
      }
    }
    const result = await auditedWrite(ctx, {
      action: "restore",
      target: (out) => ({ sourceVersionId: versionId, ...(out ? { versionId: out.newVersionId } : {}) }),
      write: () =>
        restoreVersion(backend, {
          workspace,
          versionId,
          who: localWho(),
          confirmLineageChange: booleanOption(ctx.args, "confirm-lineage-change"),
          // The confirmation was about the current state shown: refuse if it changed since.
          expectedCurrentVersionId,
        }),
    });
    if (ctx.globals.json) printJson(ctx, { workspace, ...result });
    else printLine(ctx, `Restored version ${result.restoredFrom} of workspace "${workspace}" as new version ${result.newVersionId} (serial ${result.serial}).`);
    return 0;
  },
};

/**
 * Tells the user what the restore will change (on stderr, so --json output stays one document).
 * Returns the current version ID, or undefined when the workspace has no current state (a recovery).
 */
async function describePlan(ctx: CommandContext, backend: BackendContext, versionId: string): Promise<string | undefined> {
  const { workspace } = ctx.globals;
  const [{ loadState }, { diffStates }] = await Promise.all([import("@/lib/domain/state"), import("@/lib/state/diff")]);
  const chosen = requireState((await loadState(backend, workspace, versionId)).result, `version ${versionId}`);
  let current;
  try {
    current = await loadState(backend, workspace);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    ctx.io.stderr.write(`Workspace "${workspace}" has no current state: restoring version ${versionId} (serial ${chosen.serial}) recovers it.\n`);
    return undefined;
  }
  if (current.result.kind !== "state") {
    // Restoring over an unreadable state is exactly how one recovers from it: say so and go on.
    ctx.io.stderr.write(`The current version ${current.versionId} is not a readable state (${describeResult(current.result)}) Version ${versionId} (serial ${chosen.serial}) replaces it.\n`);
    return current.versionId;
  }
  const d = diffStates(current.result.state, chosen);
  const c = d.counts;
  ctx.io.stderr.write(
    `Current version ${current.versionId} (serial ${d.serial.before}) → version ${versionId} (serial ${d.serial.after}), written as serial ${restoredSerial(d.serial.before, d.serial.after)}.\n` +
      `Against the current state: ${c.added} instances added, ${c.removed} removed, ${c.changed} changed; ${c.outputsAdded + c.outputsRemoved + c.outputsChanged} outputs differ.\n` +
      (d.lineage.changed ? `The lineage differs (${d.lineage.before} → ${d.lineage.after}): this is another state; --confirm-lineage-change is required.\n` : ""),
  );
  return current.versionId;
}
