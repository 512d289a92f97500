import { InvalidInputError } from "@/lib/errors";
import { expectPositionals, stringOption } from "../args";
import { printJson, printLine, printTable, type Command } from "../command";
import { estateBackends } from "../estate";

export const changes: Command = {
  name: "changes",
  summary: "Every state version written since a time across every backend (or --backend NAME), newest first.",
  details: "--since takes an RFC 3339 time (2026-11-30T09:00:00Z) or a duration back from now (90m, 24h, 7d).",
  options: {
    since: { type: "string", description: "RFC 3339 time or duration (24h)." },
  },
  async run(ctx) {
    // Loaded on use: a static import would put the AWS SDK on the path of every command, `--help` included.
    const { changesSince, parseSince } = await import("@/lib/domain/changes");
    expectPositionals(ctx.args, [], "changes");
    const raw = stringOption(ctx.args, "since");
    if (typeof raw !== "string") throw new InvalidInputError("changes needs --since TIME (RFC 3339, or a duration like 24h).");
    const since = parseSince(raw);
    const rows = await changesSince(await estateBackends(ctx), since);
    if (ctx.globals.json) {
      printJson(ctx, {
        changes: rows.map((c) => ({ backend: c.backend, workspace: c.workspace, versionId: c.versionId, previousVersionId: c.previousVersionId, serial: c.serial, lastModified: c.lastModified, added: c.added, changed: c.changed, removed: c.removed })),
      });
      return 0;
    }
    printTable(
      ctx,
      [{ header: "MODIFIED" }, { header: "BACKEND" }, { header: "WORKSPACE" }, { header: "SERIAL", right: true }, { header: "+", right: true }, { header: "~", right: true }, { header: "-", right: true }, { header: "NOTE" }],
      rows.map((c) => [
        c.lastModified,
        c.backend,
        c.workspace,
        c.serial === null ? "" : String(c.serial),
        String(c.added),
        String(c.changed),
        String(c.removed),
        [c.deleted ? "deleted" : "", c.restoredFrom ? `restore of ${c.restoredFrom}` : "", c.lineageChanged ? "lineage changed" : "", c.unreadable ? "unreadable" : ""].filter(Boolean).join("; "),
      ]),
    );
    printLine(ctx, `${rows.length} version${rows.length === 1 ? "" : "s"} since ${since.toISOString()}.`);
    return 0;
  },
};
