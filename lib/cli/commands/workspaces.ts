import type { WorkspaceSummary } from "@/lib/backend/types";
import { formatAge, formatBytes } from "@/lib/service/format";
import { printJson, printTable, type Command } from "../command";
import type { Cell } from "../table";

export const workspaces: Command = {
  name: "workspaces",
  summary: "List the backend's workspaces with size, last change, lock holder and deleted state.",
  details: "Lists what `terraform workspace list` lists (default first, then by name), plus workspaces whose state was deleted.",
  options: {},
  async run(ctx) {
    const backend = await ctx.backend();
    const { listWorkspaces } = await import("@/lib/backend/workspaces");
    const { workspaces: list, warnings } = await listWorkspaces(backend);
    // Partial results are still worth showing (as Tofu does); say what is missing on stderr.
    for (const w of warnings) ctx.io.stderr.write(`Warning: ${w.message}${w.hint ? `\nHint: ${w.hint}` : ""}\n`);
    if (ctx.globals.json) {
      printJson(ctx, { workspaces: list, warnings });
      return 0;
    }
    printTable(
      ctx,
      [{ header: "NAME" }, { header: "SIZE", right: true }, { header: "LAST MODIFIED" }, { header: "LOCK" }, { header: "DELETED" }],
      list.map(workspaceRow),
    );
    return 0;
  },
};

function workspaceRow(w: WorkspaceSummary): Cell[] {
  const modified = w.lastModified ? `${w.lastModified} (${formatAge(w.lastModified)})` : w.exists ? "" : "no state";
  return [w.name, formatBytes(w.size), modified, lockCell(w), w.deleted ? { text: "deleted", tone: "bad" } : ""];
}

function lockCell(w: WorkspaceSummary): Cell {
  if (!w.locked) return "";
  const holder = w.lockHolders[0];
  const text = holder ? `locked by ${holder.who} (${formatAge(holder.created)}, ${holder.kind})` : "locked";
  return { text, tone: "warn" };
}
