"use server";

import { providerSignOutUrl, signOutEverywhereNow } from "@/auth";
import { toResult, type ActionResult } from "@/lib/result";

/** Ends all of the caller's sessions on every device; the client then signs out locally. */
export async function signOutEverywhereAction(): Promise<ActionResult<null>> {
  return toResult(async () => {
    await signOutEverywhereNow();
    return null;
  });
}

/** Before the client signs out: the identity provider's end-session address to go to next, or null (stay here). */
export async function providerSignOutAction(): Promise<ActionResult<string | null>> {
  return toResult(providerSignOutUrl);
}
