"use server";

import { z } from "zod";
import type { Problem } from "@/lib/problems/rules";
import { toResult, type ActionResult } from "@/lib/result";
import { parseInput } from "@/lib/validate";
import { estateScope, problemsInScope } from "@/app/(dashboard)/_lib/estate-scope";

const input = z.object({}).strict();

/** What needs a person in the backends the caller may view, with the fix of each (viewer). */
export async function listProblemsAction(raw: z.input<typeof input> = {}): Promise<ActionResult<Problem[]>> {
  return toResult(async () => {
    parseInput(input, raw);
    return problemsInScope(await estateScope());
  });
}
