"use server";

import { z } from "zod";
import { authorize } from "@/auth";
import { toResult, type ActionResult } from "@/lib/result";
import { checkAccess, type AccessCheck } from "@/lib/domain/access";
import { getBackendContext } from "@/lib/domain/backends";
import { parseInput } from "@/lib/validate";
import { backendNameSchema } from "./schemas";

const input = z.object({ backend: backendNameSchema });

/** Harmless reads that show which permissions Statehouse's credentials have on a backend. */
export async function checkAccessAction(raw: z.input<typeof input>): Promise<ActionResult<AccessCheck[]>> {
  return toResult(async () => {
    const { backend } = parseInput(input, raw);
    await authorize(backend, "read");
    return checkAccess(await getBackendContext(backend));
  });
}
