"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { StateUnreadableError } from "@/lib/errors";
import { toResult, type ActionResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { loadState } from "@/lib/domain/state";
import { instanceAttributes, type InstanceAttributes } from "@/lib/domain/state";
import { parseInput } from "@/lib/validate";
import { backendNameSchema, versionIdSchema, workspaceNameSchema } from "./schemas";

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  versionId: versionIdSchema.optional(),
  address: z.string().min(1).max(4096),
  deposed: z.string().regex(/^[0-9a-f]{8}$/, "not a deposed key").optional(),
});

/** One instance's attributes, masked by its sensitive_attributes (reveals go through reveal-sensitive). */
export async function getInstanceAction(raw: z.input<typeof input>): Promise<ActionResult<InstanceAttributes>> {
  return toResult(async () => {
    const { backend, workspace, versionId, address, deposed } = parseInput(input, raw);
    await authorize(backend, "read");
    const loaded = await loadState(await getBackendContext(backend), workspace, versionId);
    if (loaded.result.kind !== "state") throw new StateUnreadableError(`This object is not a readable state (${loaded.result.kind}).`, { kind: loaded.result.kind });
    return instanceAttributes(loaded.result.state, address, deposed);
  });
}
