import "server-only";
/**
 * The checks every page of a backend starts from, once per request (React cache): may the caller
 * read this backend, and does it exist. The layout records a failure for the boundary files; the
 * pages interrupt with it (route-problem.ts).
 */
import { cache } from "react";
import { authorize } from "@/auth";
import type { Action } from "@/lib/auth/types";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";

// Authorization first: someone without a role on the backend learns nothing about it.
export const checkBackend = cache((backend: string) =>
  toResult(async () => {
    const { user, role } = await authorize(backend, "read");
    return { ctx: await getBackendContext(backend), user, role };
  }),
);

/** Whether the caller may do `action` on the backend (e.g. restore), for a page that needs more than reading. */
export const checkPermission = cache((backend: string, action: Action) => toResult(() => authorize(backend, action)));
