"use server";

import { signOutEverywhereNow } from "@/auth";
import { toResult, type ActionResult } from "@/lib/result";

/** Ends all of the caller's sessions on every device; the client then signs out locally. */
export async function signOutEverywhereAction(): Promise<ActionResult<null>> {
  return toResult(async () => {
    await signOutEverywhereNow();
    return null;
  });
}
