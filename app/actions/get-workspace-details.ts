"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { toResult, type ActionResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { workspaceDetails, type DetailsResult } from "@/lib/domain/workspaces";
import { parseInput } from "@/lib/validate";
import { backendNameSchema, workspaceNameSchema } from "./schemas";

/** Rows per call: about one screen of the table. */
const MAX_ROWS = 60;

const input = z.object({
  backend: backendNameSchema,
  rows: z
    .array(z.object({ workspace: workspaceNameSchema, etag: z.string().max(200).nullable() }))
    .min(1)
    .max(MAX_ROWS),
});

/** Serial, resource count and tool version of the workspaces on screen (the table asks batch after batch). */
export async function getWorkspaceDetailsAction(raw: z.input<typeof input>): Promise<ActionResult<Record<string, DetailsResult>>> {
  return toResult(async () => {
    const { backend, rows } = parseInput(input, raw);
    await authorize(backend, "read");
    return workspaceDetails(await getBackendContext(backend), rows);
  });
}
