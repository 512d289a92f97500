/** Liveness probe for load balancers; no session, no AWS call. */
export function GET() {
  return Response.json({ ok: true });
}
