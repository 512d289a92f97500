import type { WorkspaceSummary } from "@/lib/domain/workspaces";
import { formatAge, formatBytes } from "@/lib/browser-safe/format";
import { booleanOption } from "../args";
import { printJson, printTable, type Command } from "../command";
import { warnDigestMismatches } from "../digest-warnings";
import type { Column, Cell } from "../table";

export const workspaces: Command = {
  name: "workspaces",
  summary: "List the backend's workspaces with size and last change; lock holders and deleted workspaces on request.",
  details:
    "Lists what `terraform workspace list` lists (default first, then by name), with the same requests: the LOCK and DELETED\n" +
    "columns cost more (a DynamoDB read per 100 workspaces and a GET per .tflock; a listing of all object versions), so they\n" +
    "are opt-in. --json prints {workspaces, warnings, included: {locks, deleted}}; each workspace has name, key, size,\n" +
    "lastModified, etag, exists and deleted, plus locked and lockHolders with --locks.",
  options: {
    locks: { type: "boolean", description: "Add the LOCK column: who holds each workspace's lock (DynamoDB item and .tflock)." },
    deleted: { type: "boolean", description: "Add the DELETED column: also list workspaces whose state was deleted (versioned buckets)." },
    all: { type: "boolean", description: "Both --locks and --deleted." },
  },
  async run(ctx) {
    const all = booleanOption(ctx.args, "all");
    const included = { locks: all || booleanOption(ctx.args, "locks"), deleted: all || booleanOption(ctx.args, "deleted") };
    const backend = await ctx.backend();
    const { listWorkspaces } = await import("@/lib/domain/workspaces");
    const { workspaces: list, warnings } = await listWorkspaces(backend, { includeLocks: included.locks, includeDeleted: included.deleted });
    // Partial results are still worth showing (as Tofu does); say what is missing on stderr.
    for (const w of warnings) ctx.io.stderr.write(`Warning: ${w.message}${w.hint ? `\nHint: ${w.hint}` : ""}\n`);
    await warnDigestMismatches(ctx, backend, list);
    if (ctx.globals.json) {
      // Lock fields that were not read are left out rather than reported as "unlocked".
      const rows = included.locks ? list : list.map(withoutLockFields);
      printJson(ctx, { workspaces: rows, warnings, included });
      return 0;
    }
    const columns: Column[] = [{ header: "NAME" }, { header: "SIZE", right: true }, { header: "LAST MODIFIED" }];
    if (included.locks) columns.push({ header: "LOCK" });
    if (included.deleted) columns.push({ header: "DELETED" });
    await printTable(ctx, columns, list.map((w) => workspaceRow(w, included)));
    return 0;
  },
};

function withoutLockFields(w: WorkspaceSummary): Omit<WorkspaceSummary, "locked" | "lockHolders"> {
  const rest: Partial<WorkspaceSummary> = { ...w };
  delete rest.locked;
  delete rest.lockHolders;
  return rest as Omit<WorkspaceSummary, "locked" | "lockHolders">;
}

function workspaceRow(w: WorkspaceSummary, included: { locks: boolean; deleted: boolean }): Cell[] {
  const modified = w.lastModified ? `${w.lastModified} (${formatAge(w.lastModified)})` : w.exists ? "" : "no state";
  const row: Cell[] = [w.name, formatBytes(w.size), modified];
  if (included.locks) row.push(lockCell(w));
  if (included.deleted) row.push(w.deleted ? { text: "deleted", tone: "bad" } : "");
  return row;
}

function lockCell(w: WorkspaceSummary): Cell {
  if (!w.locked) return "";
  const holder = w.lockHolders[0];
  const text = holder ? `locked by ${holder.who} (${formatAge(holder.created)}, ${holder.kind})` : "locked";
  return { text, tone: "warn" };
}
