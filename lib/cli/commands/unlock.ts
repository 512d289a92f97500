import { stateKey } from "@/lib/backend/keys";
import { booleanOption, expectPositionals } from "../args";
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
    const backend = await ctx.backend();
    const [{ readLockStatus }, { breakLock }, { auditedWrite }] = await Promise.all([import("@/lib/backend/locks"), import("@/lib/backend/unlock"), import("../audit")]);
    const { workspace } = ctx.globals;
    if (!booleanOption(ctx.args, "force")) {
      const { locks } = await readLockStatus(backend, workspace);
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
