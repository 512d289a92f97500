import type { DigestStatus, LockRecord } from "@/lib/domain/locks";
import { formatAge } from "@/lib/browser-safe/format";
import { operationWords } from "@/lib/browser-safe/lock-words";
import { printJson, printLine, printTable, type Command } from "../command";
import type { Cell } from "../table";

export const lock: Command = {
  name: "lock",
  summary: "Show who holds a workspace's locks (DynamoDB item and .tflock object) and the digest status.",
  options: {},
  async run(ctx) {
    const backend = await ctx.backend();
    const { readLockStatus } = await import("@/lib/domain/locks");
    const status = await readLockStatus(backend, ctx.globals.workspace);
    if (ctx.globals.json) {
      printJson(ctx, { workspace: ctx.globals.workspace, ...status });
      return 0;
    }
    if (status.locks.length === 0) printLine(ctx, `Workspace "${ctx.globals.workspace}" is not locked.`);
    else {
      await printTable(
        ctx,
        [{ header: "KIND" }, { header: "ID" }, { header: "OPERATION" }, { header: "WHO" }, { header: "VERSION" }, { header: "CREATED" }, { header: "LOCATION" }],
        status.locks.map(lockRow),
      );
      for (const l of status.locks) if (l.parseError) printLine(ctx, `The ${l.kind} lock could not be parsed (${l.parseError}); raw: ${l.raw}`);
    }
    printLine(ctx, digestLine(status.digest));
    return 0;
  },
};

function lockRow(l: LockRecord): Cell[] {
  const i = l.info;
  if (!i) return [l.kind, { text: "(unparseable)", tone: "bad" }, "", "", "", "", l.location];
  return [l.kind, i.ID, operationWords(i.Operation), i.Who, i.Version, `${i.Created} (${formatAge(i.Created)})`, l.location];
}

function digestLine(d: DigestStatus): string {
  switch (d.status) {
    case "no-table":
      return "Digest: no DynamoDB table configured, so no digest is kept.";
    case "absent":
      return "Digest: none stored (the tools skip the check).";
    case "match":
      return `Digest: ${d.digest} matches the current state object.`;
    case "malformed":
      return `Digest: "${d.digest}" is not an MD5 digest (the tools skip the check).`;
    case "mismatch":
      return `Digest MISMATCH: ${d.explanation}`;
  }
}
