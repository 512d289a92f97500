import type { StateObject } from "@/lib/domain/versions";
import type { BackendContext } from "@/lib/domain/backends";
import { SENSITIVE_MARKER } from "@/lib/state/mask";
import { compareBytewise, typeExpression } from "@/lib/gocompat/type-expr";
import type { OutputValue } from "@/lib/state/types";
import { NotFoundError } from "@/lib/errors";
import { printLine, printTable, type Command, type CommandContext } from "../command";
import { requireState } from "../state-result";
import { terraformOutputJson } from "../terraform-output";

export const outputs: Command = {
  name: "outputs",
  summary: "List a workspace's root outputs (what terraform_remote_state sees).",
  details:
    "The table masks sensitive values. With --json it prints exactly what `terraform output -json` prints for the workspace,\nsensitive values included, as terraform does.",
  options: {},
  async run(ctx) {
    const backend = await ctx.backend();
    const { workspace } = ctx.globals;
    const stored = await currentObject(backend, workspace);
    const [{ parseState }, { openStateBytes }] = await Promise.all([import("@/lib/state/parse"), import("@/lib/domain/state")]);
    // terraform output -json prints from the plaintext: decrypt an OpenTofu-encrypted state first.
    const object = stored ? { ...stored, bytes: (await openStateBytes(backend, stored.bytes)).bytes } : null;
    const result = object ? parseState(object.bytes) : null;
    // No state at all shows no outputs, as terraform does; anything unreadable is an error.
    const state = result === null || result.kind === "empty" ? null : requireState(result, `the outputs of workspace "${workspace}"`);
    if (ctx.globals.json) ctx.io.stdout.write(terraformOutputJson(state, object?.bytes ?? new Uint8Array()));
    else await printOutputsTable(ctx, state?.outputs ?? {});
    return 0;
  },
};

/**
 * The raw bytes are needed (not just a parse) because terraform prints numbers with every digit.
 * The default workspace exists before its first apply, without a state object: that is null here.
 */
async function currentObject(backend: BackendContext, workspace: string): Promise<StateObject | null> {
  try {
    const { readStateObject } = await import("@/lib/domain/versions");
    return await readStateObject(backend, workspace);
  } catch (e) {
    const { DEFAULT_WORKSPACE } = await import("@/lib/domain/workspaces");
    if (workspace === DEFAULT_WORKSPACE && e instanceof NotFoundError && e.details?.deleteMarker !== true) return null;
    throw e;
  }
}

export async function printOutputsTable(ctx: CommandContext, values: Readonly<Record<string, OutputValue>>): Promise<void> {
  // Sorted as terraform lists outputs.
  const list = Object.values(values).sort((a, b) => compareBytewise(a.name, b.name));
  if (list.length === 0) {
    printLine(ctx, "No outputs.");
    return;
  }
  await printTable(
    ctx,
    [{ header: "OUTPUT" }, { header: "TYPE" }, { header: "VALUE" }],
    list.map((o) => [o.name, typeExpression(o.type), o.sensitive ? { text: SENSITIVE_MARKER, tone: "dim" } : JSON.stringify(o.value)]),
  );
}

/** Outputs for JSON views other than `terraform output -json`: sensitive values replaced by the marker. */
export function maskedOutputs(values: Readonly<Record<string, OutputValue>>): Record<string, { type: unknown; sensitive: boolean; value: unknown }> {
  return Object.fromEntries(Object.values(values).map((o) => [o.name, { type: o.type, sensitive: o.sensitive, value: o.sensitive ? SENSITIVE_MARKER : o.value }]));
}
