import { atOrAbove, SEVERITIES, type Severity } from "@/lib/problems/rules";
import { UsageError, stringOption } from "../args";
import { printJson, printLine, printTable, type Command } from "../command";
import { estateBackends } from "../estate";

export const doctor: Command = {
  name: "doctor",
  summary: "List what needs a person in every backend (or --backend NAME), each with its fix; exit 1 at --fail-on severity.",
  details: "Codes: DIGEST_MISMATCH STALE_LOCK ORPHAN_LOCK DELETED_WORKSPACE UNREADABLE_STATE VERSIONING_OFF NO_LOCKING NO_NONCURRENT_LIFECYCLE LINEAGE_CHANGED TOOL_VERSION_SPREAD.\nExit status 0 when no problem is at or above --fail-on (default error), 1 otherwise: usable from cron or CI.",
  options: {
    "fail-on": { type: "string", valueName: "SEVERITY", description: "info, warning or error (default error)." },
  },
  async run(ctx) {
    const failOn = (stringOption(ctx.args, "fail-on") ?? "error") as Severity;
    if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on is one of ${SEVERITIES.join(", ")}, not "${failOn}".`, "doctor");
    const backends = await estateBackends(ctx);
    const [{ findProblems }, { EstateSearch }] = await Promise.all([import("@/lib/domain/problems"), import("@/lib/domain/search")]);
    const { problems, locks } = await findProblems(backends, { search: new EstateSearch() });
    for (const w of locks.warnings) ctx.io.stderr.write(`Warning: ${w.backend}: ${w.message}\n`);
    if (ctx.globals.json) {
      printJson(ctx, { problems: problems.map((p) => ({ backend: p.backend, workspace: p.workspace, code: p.code, severity: p.severity, message: p.message, fix: p.fix })) });
    } else if (problems.length === 0) {
      printLine(ctx, "No problems found.");
    } else {
      printTable(
        ctx,
        [{ header: "SEVERITY" }, { header: "CODE" }, { header: "BACKEND" }, { header: "WORKSPACE" }, { header: "PROBLEM" }, { header: "FIX" }],
        problems.map((p) => [{ text: p.severity, tone: p.severity === "error" ? "bad" : p.severity === "warning" ? "warn" : undefined }, p.code, p.backend, p.workspace ?? "", p.message, p.fix]),
      );
    }
    return atOrAbove(problems, failOn) ? 1 : 0;
  },
};
