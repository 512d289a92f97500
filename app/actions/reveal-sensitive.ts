"use server";

import { z } from "zod";
import { NotFoundError, StateUnreadableError } from "@/lib/errors";
import type { ActionResult } from "@/lib/result";
import { loadState } from "@/lib/domain/state";
import { findInstance } from "@/lib/domain/state";
import type { AttributePath } from "@/lib/state/types";
import { auditedAction, type Audited } from "./audited";
import { backendNameSchema, versionIdSchema, workspaceNameSchema } from "./schemas";

const input = z
  .object({
    backend: backendNameSchema,
    workspace: workspaceNameSchema,
    versionId: versionIdSchema.optional(),
    output: z.string().min(1).max(1024).optional(),
    /** An instance address, e.g. module.db.aws_db_instance.main[0]. */
    resource: z.string().min(1).max(4096).optional(),
    deposed: z.string().regex(/^[0-9a-f]{8}$/, "not a deposed key").optional(),
    /** Where inside the output value / instance attributes; empty: the whole value. */
    path: z.array(z.union([z.string().max(1024), z.number().int().nonnegative()])).max(64).optional(),
  })
  .refine((i) => (i.output === undefined) !== (i.resource === undefined), "give exactly one of output and resource");

/** Follows `path` into a value; a step that does not exist is a NotFoundError naming it. */
function valueAt(value: unknown, path: AttributePath, what: string): unknown {
  let v = value;
  for (const [n, step] of path.entries()) {
    if (Array.isArray(v) && typeof step === "number" && step < v.length) v = v[step];
    else if (v !== null && typeof v === "object" && !Array.isArray(v) && typeof step === "string" && Object.hasOwn(v, step)) v = (v as Record<string, unknown>)[step];
    else throw new NotFoundError(`${what} has nothing at ${JSON.stringify(path.slice(0, n + 1))}.`, { path });
  }
  return v;
}

/** One sensitive value in clear, and only that value (admin; audited). */
export async function revealSensitiveAction(raw: z.input<typeof input>): Promise<ActionResult<Audited<{ value: unknown }>>> {
  return auditedAction(input, raw, {
    permission: "reveal",
    audit: "reveal",
    target: (i) => ({ ...(i.versionId ? { versionId: i.versionId } : {}), ...(i.output ? { output: i.output } : {}), ...(i.resource ? { resource: i.resource } : {}) }),
    run: async (ctx, i) => {
      const loaded = await loadState(ctx, i.workspace, i.versionId);
      if (loaded.result.kind !== "state") throw new StateUnreadableError(`This object is not a readable state (${loaded.result.kind}).`, { kind: loaded.result.kind });
      const state = loaded.result.state;
      if (i.output !== undefined) {
        if (!Object.hasOwn(state.outputs, i.output)) throw new NotFoundError(`No output "${i.output}" in this state.`, { output: i.output });
        return { value: valueAt(state.outputs[i.output]!.value, i.path ?? [], `Output "${i.output}"`) };
      }
      const inst = findInstance(state, i.resource ?? "", i.deposed);
      return { value: valueAt(inst.attributes, i.path ?? [], inst.address) };
    },
  });
}
