import type { InstanceHistoryEntry } from "@/lib/domain/history";
import { expectPositionals } from "../args";
import { printJson, printLine, printTable, type Command } from "../command";

export const history: Command = {
  name: "history",
  synopsis: "ADDRESS",
  summary: "Every version of a workspace's state in which one instance was added, changed, tainted, deposed or removed, newest first.",
  details: 'ADDRESS as `terraform state list` prints it, e.g. \'module.app["web"].aws_instance.this[0]\'. Only attribute paths are printed, never values.',
  options: {},
  async run(ctx) {
    // Loaded on use: a static import would put the AWS SDK on the path of every command, `--help` included.
    const { instanceHistory } = await import("@/lib/domain/history");
    const [address] = expectPositionals(ctx.args, ["ADDRESS"], "history") as [string];
    const backend = await ctx.backend();
    const changes: InstanceHistoryEntry[] = [];
    const it = instanceHistory(backend, ctx.globals.workspace, address, {
      onProgress: ctx.globals.json || !ctx.io.stderr.isTTY ? undefined : (p) => ctx.io.stderr.write(`\rread ${p.read} of ${p.total} versions`),
    });
    let r = await it.next();
    for (; !r.done; r = await it.next()) changes.push(r.value);
    const { versionsRead } = r.value;
    if (ctx.globals.json) {
      printJson(ctx, { address, changes: changes.map((c) => ({ versionId: c.versionId, serial: c.serial, lastModified: c.lastModified, change: c.change, paths: c.paths })), versionsRead });
      return 0;
    }
    if (ctx.io.stderr.isTTY) ctx.io.stderr.write("\n");
    printTable(
      ctx,
      [{ header: "VERSION ID" }, { header: "MODIFIED" }, { header: "SERIAL", right: true }, { header: "CHANGE" }, { header: "PATHS" }],
      changes.map((c) => [c.versionId, c.lastModified, String(c.serial), c.change, c.paths.join(", ")]),
    );
    printLine(ctx, `${changes.length} change${changes.length === 1 ? "" : "s"} to ${address} in ${versionsRead} versions.`);
    return 0;
  },
};
