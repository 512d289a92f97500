"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { StateUnreadableError } from "@/lib/errors";
import { toResult, type ActionResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { loadState, MAX_OUTLINE_PAGE, stateOutlinePage, type OutlinePage } from "@/lib/domain/state";
import { parseInput } from "@/lib/validate";
import { backendNameSchema, versionIdSchema, workspaceNameSchema } from "./schemas";

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  versionId: versionIdSchema.optional(),
  filter: z.string().max(1024).default(""),
  collapsed: z.array(z.string().max(4096)).max(1000).default([]),
  offset: z.number().int().min(0).max(1e9),
  limit: z.number().int().min(1).max(MAX_OUTLINE_PAGE),
});

/** A page of the State tab's outline (addresses and marks, no values), fetched as the user scrolls. */
export async function listStateRowsAction(raw: z.input<typeof input>): Promise<ActionResult<OutlinePage>> {
  return toResult(async () => {
    const { backend, workspace, versionId, filter, collapsed, offset, limit } = parseInput(input, raw);
    await authorize(backend, "read");
    const loaded = await loadState(await getBackendContext(backend), workspace, versionId);
    if (loaded.result.kind !== "state") throw new StateUnreadableError(`This object is not a readable state (${loaded.result.kind}).`, { kind: loaded.result.kind });
    return stateOutlinePage(loaded.result.state, { filter, collapsed, offset, limit });
  });
}
