import "server-only";
/**
 * Problems that end a page with their own HTTP status: 404 (nothing at this address), 403, 401.
 * Next's not-found/forbidden/unauthorized files get no props, so the layout that finds a problem
 * records it here (per request) before it renders its children; a child then interrupts, and the
 * boundary file of that layout's segment, which React renders only after the layout, shows it.
 * Record only what the visitor of that page may read.
 */
import { forbidden, notFound, unauthorized } from "next/navigation";
import { cache } from "react";
import type { ErrorPayload } from "@/lib/errors";

const slot = cache((): { problem: ErrorPayload | null } => ({ problem: null }));

/**
 * Whether a problem is about the address itself (answered with a status) rather than a failure
 * to show it (shown inside the page). A route parameter that is not a valid name names nothing.
 */
export function interrupts(error: ErrorPayload): boolean {
  return error.code === "NOT_FOUND" || error.code === "INVALID_INPUT" || error.code === "FORBIDDEN" || error.code === "UNAUTHENTICATED";
}

/** Keeps a layout's problem for the boundary files below it. */
export function recordProblem(error: ErrorPayload): void {
  slot().problem = error;
}

export function recordedProblem(): ErrorPayload | null {
  return slot().problem;
}

/** Ends the render with the problem's status; the nearest boundary file renders instead. */
export function interrupt(error: ErrorPayload): never {
  if (error.code === "FORBIDDEN") forbidden();
  if (error.code === "UNAUTHENTICATED") unauthorized();
  notFound();
}

/** A check's failure, recorded by a layout before its children interrupt with it. */
export function recordIfInterrupting<T>(r: { ok: true; data: T } | { ok: false; error: ErrorPayload }): void {
  if (!r.ok && interrupts(r.error)) recordProblem(r.error);
}

/** In a page or gate layout: interrupt on an address problem, return everything else to show. */
export function interruptOnRouteProblem<T>(r: { ok: true; data: T } | { ok: false; error: ErrorPayload }): typeof r {
  if (!r.ok && interrupts(r.error)) interrupt(r.error);
  return r;
}
