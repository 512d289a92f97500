/**
 * The current request's id (and the replica's name), for every log line written while serving it.
 * One store per process on globalThis: Next bundles the instrumentation hook, the routes and the
 * server actions separately, and all of them must see the same store. Holds ids only, never headers.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export interface RequestContext {
  requestId: string;
}

const KEY = Symbol.for("statehouse.request-context");
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> };

export function requestContextStore(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as Holder;
  return (g[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return requestContextStore().getStore()?.requestId;
}

/** Bounded and plain, so that a caller's id can go into a log line as it is. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's (or the load balancer's) x-request-id when it is a plain token, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTED_ID.test(value) ? value : randomUUID();
}

/** The name this replica answers with (x-statehouse-replica), from STATEHOUSE_REPLICA; none when unset. */
export function replicaName(env: Record<string, string | undefined> = process.env): string | undefined {
  const name = env.STATEHOUSE_REPLICA;
  return name && ACCEPTED_ID.test(name) ? name : undefined;
}
