/**
 * Observes every HTTP request the Node server answers (node:diagnostics_channel, so no custom
 * server and nothing in Next's request path to patch): gives it a request id (the caller's
 * x-request-id or a new one, echoed in the response with the replica's name), and at the end of
 * the response writes one request log line and the request metrics. Never logs headers or queries.
 */
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { replicaName, requestContextStore, requestIdFrom } from "./context";
import { log } from "./log";
import { metrics } from "./metrics";
import { routeOf } from "./routes";

interface ServerMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

const started = new WeakMap<IncomingMessage, { at: bigint; requestId: string }>();
const KEY = Symbol.for("statehouse.http-hooks");

/** Idempotent: the instrumentation hook may be loaded more than once per process. */
export function installHttpHooks(): void {
  const g = globalThis as { [KEY]?: true };
  if (g[KEY]) return;
  g[KEY] = true;
  const replica = replicaName();

  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as ServerMessage;
    const requestId = requestIdFrom(request.headers["x-request-id"]);
    // Downstream (proxy.ts, routes, actions) reads the id from the request like any other header.
    request.headers["x-request-id"] = requestId;
    response.setHeader("x-request-id", requestId);
    if (replica) response.setHeader("x-statehouse-replica", replica);
    started.set(request, { at: process.hrtime.bigint(), requestId });
    // Published synchronously before the server's "request" event: everything that serves this
    // request runs inside this context.
    requestContextStore().enterWith({ requestId });
  });

  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as ServerMessage;
    const start = started.get(request);
    if (!start) return;
    started.delete(request);
    const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
    const route = routeOf(request.url);
    const method = request.method ?? "GET";
    const status = response.statusCode;
    const m = metrics();
    m.httpRequests.inc({ method, route, status: String(status) });
    m.httpDuration.observe({ method, route }, seconds);
    const line = { type: "request", requestId: start.requestId, method, route, path: (request.url ?? "/").split("?", 1)[0], status, ms: Math.round(seconds * 10_000) / 10 };
    // Static assets and probes at debug: at info they would drown the pages and actions.
    const quiet = route === "/_next/static" || route === "/api/health" || route === "/api/ready" || route === "/api/metrics";
    if (status >= 500) log().error(line, "request failed");
    else if (quiet) log().debug(line, "request");
    else log().info(line, "request");
  });
}
