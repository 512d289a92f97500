"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { toResult, type ActionResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { textDiff, type TextDiff } from "@/lib/domain/diff";
import { parseInput } from "@/lib/validate";
import { backendNameSchema, versionIdSchema, workspaceNameSchema } from "./schemas";

const input = z.object({ backend: backendNameSchema, workspace: workspaceNameSchema, from: versionIdSchema, to: versionIdSchema });

/** The side-by-side text diff of two versions (masked pretty JSON), asked for on demand by the Diff tab. */
export async function getTextDiffAction(raw: z.input<typeof input>): Promise<ActionResult<TextDiff>> {
  return toResult(async () => {
    const { backend, workspace, from, to } = parseInput(input, raw);
    await authorize(backend, "read");
    return textDiff(await getBackendContext(backend), workspace, from, to);
  });
}
