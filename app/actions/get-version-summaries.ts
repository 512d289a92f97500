"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { toResult, type ActionResult } from "@/lib/result";
import { parseInput } from "@/lib/validate";
import { getBackendContext } from "@/lib/domain/backends";
import { versionSummaries, type VersionSummary } from "@/lib/domain/versions";
import { backendNameSchema, versionIdSchema, workspaceNameSchema } from "./schemas";

const MAX_PAGE = 50;

const input = z.object({
  backend: backendNameSchema,
  workspace: workspaceNameSchema,
  page: z
    .array(
      z.object({
        versionId: versionIdSchema,
        isDeleteMarker: z.boolean(),
        predecessorId: versionIdSchema.nullable(),
        size: z.number().int().nonnegative().nullable(),
      }),
    )
    .min(1)
    .max(MAX_PAGE),
});

/** One page of the Versions timeline (the client asks for pages one after the other). */
export async function getVersionSummariesAction(raw: z.input<typeof input>): Promise<ActionResult<VersionSummary[]>> {
  return toResult(async () => {
    const { backend, workspace, page } = parseInput(input, raw);
    await authorize(backend, "read");
    return versionSummaries(await getBackendContext(backend), workspace, page);
  });
}
