"use server";

import { z } from "zod";
import { readEstateLocks, type EstateLock } from "@/lib/domain/estate-locks";
import { toResult, type ActionResult } from "@/lib/result";
import { parseInput } from "@/lib/validate";
import { estateScope } from "@/app/(dashboard)/_lib/estate-scope";

const input = z.object({}).strict();

export interface EstateLocksView {
  locks: EstateLock[];
  warnings: { backend: string; code: string; message: string }[];
}

/** Every lock held in the backends the caller may view, oldest first, orphans included (viewer). */
export async function listEstateLocksAction(raw: z.input<typeof input> = {}): Promise<ActionResult<EstateLocksView>> {
  return toResult(async () => {
    parseInput(input, raw);
    return estateLocksView((await estateScope()).contexts);
  });
}

async function estateLocksView(ctxs: Parameters<typeof readEstateLocks>[0]): Promise<EstateLocksView> {
  const r = await readEstateLocks(ctxs);
  return { locks: r.locks, warnings: r.warnings.map((w) => ({ backend: w.backend, code: w.code, message: w.message })) };
}
