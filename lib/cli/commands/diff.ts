import { instanceKeyString } from "@/lib/state/address";
import type { AttributeChange, InstanceChange, StateDiff } from "@/lib/state/diff";
import { SENSITIVE_MARKER } from "@/lib/state/mask";
import type { AttributePath } from "@/lib/state/types";
import type { BackendContext } from "@/lib/domain/backends";
import { booleanOption, expectPositionals } from "../args";
import { printJson, printLine, printTable, type Command, type CommandContext } from "../command";
import { requireState } from "../state-result";
import type { Cell } from "../table";

export const diff: Command = {
  name: "diff",
  synopsis: "A B",
  summary: "Compare two versions of a workspace's state: resources, attributes and outputs (sensitive masked).",
  details: "A and B are S3 version IDs, or `current` and `previous`. --text prints a unified diff of the pretty-printed JSON instead\n(sensitive values masked).",
  options: {
    text: { type: "boolean", description: "Print a line diff of the pretty-printed states (sensitive values masked)." },
  },
  async run(ctx) {
    const [a, b] = expectPositionals(ctx.args, ["A", "B"], "diff") as [string, string];
    const backend = await ctx.backend();
    const { workspace } = ctx.globals;
    const { resolveVersionArgs } = await import("../version-alias");
    const [from, to] = (await resolveVersionArgs(backend, workspace, [a, b])) as [string, string];
    if (booleanOption(ctx.args, "text")) return textDiff(ctx, backend, from, to);
    const [{ loadState }, { diffStates }] = await Promise.all([import("@/lib/domain/state"), import("@/lib/state/diff")]);
    const [left, right] = await Promise.all([loadState(backend, workspace, from), loadState(backend, workspace, to)]);
    const result = diffStates(requireState(left.result, `version ${from}`), requireState(right.result, `version ${to}`));
    if (ctx.globals.json) printJson(ctx, { workspace, from, to, diff: result });
    else await printSummary(ctx, from, to, result);
    return 0;
  },
};

async function textDiff(ctx: CommandContext, backend: BackendContext, from: string, to: string): Promise<number> {
  const { workspace } = ctx.globals;
  const [{ readStateObject }, { openStateBytes }, { parseState }, { formatUnified, lineDiff, maskStateForDisplay }] = await Promise.all([
    import("@/lib/domain/versions"),
    import("@/lib/domain/state"),
    import("@/lib/state/parse"),
    import("@/lib/state/text-diff"),
  ]);
  // An OpenTofu-encrypted version is diffed by its plaintext.
  const read = async (id: string) => ({ bytes: (await openStateBytes(backend, (await readStateObject(backend, workspace, id)).bytes)).bytes });
  const [left, right] = await Promise.all([read(from), read(to)]);
  // Only real states are masked reliably (the mask follows their structure); refuse anything else.
  requireState(parseState(left.bytes), `version ${from}`);
  requireState(parseState(right.bytes), `version ${to}`);
  const hunks = lineDiff(maskStateForDisplay(left.bytes), maskStateForDisplay(right.bytes));
  if (ctx.globals.json) printJson(ctx, { workspace, from, to, hunks });
  else ctx.io.stdout.write(hunks.length === 0 ? "The two versions are identical (after masking).\n" : formatUnified(hunks, `${workspace}@${from}`, `${workspace}@${to}`));
  return 0;
}

async function printSummary(ctx: CommandContext, from: string, to: string, d: StateDiff): Promise<void> {
  const c = d.counts;
  printLine(ctx, `Workspace ${ctx.globals.workspace}: ${from} → ${to}`);
  const header = [
    `Serial ${d.serial.before} → ${d.serial.after}`,
    d.lineage.changed ? `Lineage ${d.lineage.before} → ${d.lineage.after} (a different state!)` : "Lineage unchanged",
    d.terraformVersion.changed ? `Tool version ${d.terraformVersion.before ?? "?"} → ${d.terraformVersion.after ?? "?"}` : null,
  ];
  printLine(ctx, header.filter(Boolean).join("  "));
  printLine(ctx, `Resources: ${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.unchanged} unchanged. Outputs: ${c.outputsAdded} added, ${c.outputsRemoved} removed, ${c.outputsChanged} changed.`);
  if (d.sameContent) {
    printLine(ctx, "No resource or output differs.");
    return;
  }
  const rows: Cell[][] = [
    ...d.added.map((i): Cell[] => [{ text: "+ added", tone: "warn" }, i.key, ""]),
    ...d.removed.map((i): Cell[] => [{ text: "- removed", tone: "bad" }, i.key, ""]),
    ...d.changed.map((i): Cell[] => ["~ changed", i.key, changeDetails(i)]),
  ];
  if (rows.length > 0) {
    printLine(ctx);
    await printTable(ctx, [{ header: "CHANGE" }, { header: "INSTANCE" }, { header: "DETAILS" }], rows);
  }
  if (d.outputs.length > 0) {
    printLine(ctx);
    await printTable(
      ctx,
      [{ header: "CHANGE" }, { header: "OUTPUT" }, { header: "BEFORE" }, { header: "AFTER" }],
      d.outputs.map((o) => [o.kind, o.name, shown(o.before, o.sensitive), shown(o.after, o.sensitive)]),
    );
  }
}

const MAX_PATHS = 5;

/** "tags.env, ingress[0].port (sensitive), status tainted → none" */
function changeDetails(i: InstanceChange): string {
  const parts = i.attributes.slice(0, MAX_PATHS).map(attributeText);
  if (i.attributes.length > MAX_PATHS) parts.push(`and ${i.attributes.length - MAX_PATHS} more`);
  if (i.status) parts.push(`status ${i.status.before ?? "ok"} → ${i.status.after ?? "ok"}`);
  if (i.schemaVersion) parts.push(`schema ${i.schemaVersion.before ?? "?"} → ${i.schemaVersion.after ?? "?"}`);
  if (i.providerChange) parts.push(`provider ${i.providerChange.before} → ${i.providerChange.after}`);
  return parts.join(", ");
}

function attributeText(a: AttributeChange): string {
  return `${pathText(a.path)}${a.kind === "changed" ? "" : ` (${a.kind})`}${a.sensitive ? " (sensitive)" : ""}`;
}

function pathText(path: AttributePath): string {
  return path.map((step, i) => (typeof step === "number" ? instanceKeyString(step) : i === 0 ? step : `.${step}`)).join("");
}

/** A diff value as text; absent (added/removed) is blank. */
function shown(v: unknown, sensitive: boolean): string {
  if (v === undefined) return "";
  return sensitive ? SENSITIVE_MARKER : JSON.stringify(v);
}
