import { LockIdMismatchError } from "@/lib/errors";
import { booleanOption, expectPositionals, UsageError } from "../args";
import { printJson, printLine, type Command } from "../command";
import { confirmed } from "../confirm";

export const unlock: Command = {
  name: "unlock",
  synopsis: "LOCK_ID",
  summary: "Release an abandoned lock, like `terraform force-unlock LOCK_ID`.",
  details:
    "Releases exactly the lock(s) carrying LOCK_ID (DynamoDB item and/or .tflock object), never a lock taken meanwhile.\nThe attempt is audited: one JSON line on stderr, and an object under audit.s3 of the Statehouse config if set.",
  options: {
    force: { type: "boolean", description: "Do not ask for confirmation." },
  },
  async run(ctx) {
    const [lockId] = expectPositionals(ctx.args, ["LOCK_ID"], "unlock") as [string];
    if (lockId.trim() === "") throw new UsageError("LOCK_ID is empty: give the ID of the lock to release (\"statehouse lock -w WORKSPACE\" shows it).", "unlock");
    const backend = await ctx.backend();
    const [{ lockHolder, readLockStatus, breakLock }, { stateKey }, { auditedWrite }] = await Promise.all([import("@/lib/domain/locks"), import("@/lib/domain/workspaces"), import("../audit")]);
    const { workspace } = ctx.globals;
    const { locks } = await readLockStatus(backend, workspace);
    // The user typed the ID: when no held lock carries it, the ID is wrong (breakLock would call it a changed lock).
    if (!locks.some((l) => l.info?.ID === lockId)) throw new LockIdMismatchError(lockId, locks.flatMap((l) => (l.info ? [lockHolder(l)] : [])));
    if (!booleanOption(ctx.args, "force")) {
      for (const l of locks.filter((x) => x.info?.ID === lockId)) {
        ctx.io.stderr.write(`Lock ${lockId} (${l.kind}): ${l.info?.Operation} by ${l.info?.Who} since ${l.info?.Created}.\n`);
      }
      const ok = await confirmed(
        ctx.io,
        "Do you really want to force-unlock?",
        `The lock on the state of workspace "${workspace}" (${stateKey(backend.def.options, workspace)}) will be removed, although it may still be in use.`,
      );
      if (!ok) {
        ctx.io.stderr.write(`force-unlock cancelled.${ctx.io.ask ? "" : " (No input to confirm with: pass -force.)"}\n`);
        return 1;
      }
    }
    const { released } = await auditedWrite(ctx, { action: "unlock", target: () => ({ lockId }), write: () => breakLock(backend, { workspace, lockId }) });
    if (ctx.globals.json) printJson(ctx, { workspace, lockId, released });
    else printLine(ctx, `Released lock ${lockId} (${released.join(" and ")}): workspace "${workspace}" has been successfully unlocked.`);
    return 0;
  },
};
