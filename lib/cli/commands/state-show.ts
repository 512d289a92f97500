import { countsPhrase, stateCounts } from "@/lib/browser-safe/counts";
import { formatBytes } from "@/lib/browser-safe/format";
import type { ParsedState, ResourceRecord } from "@/lib/state/types";
import { stringOption } from "../args";
import { printJson, printLine, printTable, type Command, type CommandContext } from "../command";
import { warnDigestMismatch } from "../digest-warnings";
import { describeResult, requireState } from "../state-result";
import type { Cell } from "../table";
import { maskedOutputs, printOutputsTable } from "./outputs";

export const stateShow: Command = {
  name: "state show",
  summary: "Show a workspace's state: header, resources and outputs (sensitive values masked).",
  details: "Empty and encrypted states are reported and exit 0; corrupt, future-format and non-state objects are errors.",
  options: {
    version: { type: "string", valueName: "ID", description: "A prior S3 version ID (default: the current state)." },
  },
  async run(ctx) {
    const backend = await ctx.backend();
    const [{ loadState }, { stateKey }] = await Promise.all([import("@/lib/domain/state"), import("@/lib/domain/workspaces")]);
    const { workspace } = ctx.globals;
    const versionId = stringOption(ctx.args, "version");
    const loaded = await loadState(backend, workspace, versionId);
    // terraform refuses the current state when its digest does not match: say so before showing it.
    if (versionId === undefined) await warnDigestMismatch(ctx, backend, workspace, stateKey(backend.def.options, workspace));
    const { result } = loaded;
    const header = {
      workspace,
      key: stateKey(backend.def.options, workspace),
      versionId: loaded.versionId,
      lastModified: loaded.lastModified,
      size: loaded.size,
      kind: result.kind,
    };
    if (result.kind === "empty" || result.kind === "encrypted") {
      if (ctx.globals.json) printJson(ctx, { ...header, message: describeResult(result) });
      else {
        printHeader(ctx, header);
        printLine(ctx, describeResult(result));
      }
      return 0;
    }
    const state = requireState(result, `the state of workspace "${workspace}"`);
    if (ctx.globals.json) {
      printJson(ctx, { ...header, ...stateSummary(state) });
      return 0;
    }
    printHeader(ctx, header);
    printLine(ctx, `Serial ${state.serial}  Lineage ${state.lineage}  Tool version ${state.terraformVersion ?? "unknown"}  Format ${state.version}`);
    printLine(ctx, countsPhrase(stateCounts(state)));
    printLine(ctx);
    if (state.resources.length === 0) printLine(ctx, "No resources.");
    else await printTable(ctx, [{ header: "ADDRESS" }, { header: "TYPE" }, { header: "INSTANCES", right: true }, { header: "STATUS" }], state.resources.map(resourceRow));
    printLine(ctx);
    await printOutputsTable(ctx, state.outputs);
    return 0;
  },
};

function printHeader(ctx: CommandContext, h: { workspace: string; key: string; versionId: string; lastModified: string; size: number }): void {
  printLine(ctx, `Workspace ${h.workspace}  (s3 key ${h.key})`);
  printLine(ctx, `Version ${h.versionId}  Modified ${h.lastModified}  Size ${formatBytes(h.size)}`);
}

/** "2 tainted, 1 deposed" — what needs attention among a resource's instances. */
function instanceStatus(r: ResourceRecord): string {
  const tainted = r.instances.filter((i) => i.status === "tainted").length;
  const deposed = r.instances.filter((i) => i.deposed !== undefined).length;
  const parts: string[] = [];
  if (tainted) parts.push(`${tainted} tainted`);
  if (deposed) parts.push(`${deposed} deposed`);
  return parts.join(", ");
}

function resourceRow(r: ResourceRecord): Cell[] {
  const status = instanceStatus(r);
  return [r.address, r.mode === "data" ? `${r.type} (data)` : r.type, String(r.instances.length), { text: status, tone: "warn" }];
}

/** The JSON form: no attribute values at all, and sensitive outputs masked. */
function stateSummary(state: ParsedState) {
  return {
    formatVersion: state.version,
    serial: state.serial,
    lineage: state.lineage,
    terraformVersion: state.terraformVersion,
    resources: state.resources.map((r) => ({
      address: r.address,
      module: r.module,
      mode: r.mode,
      type: r.type,
      name: r.name,
      provider: r.provider,
      instances: r.instances.map((i) => ({ address: i.address, ...(i.status ? { status: i.status } : {}), ...(i.deposed ? { deposed: i.deposed } : {}) })),
    })),
    outputs: maskedOutputs(state.outputs),
  };
}
