/**
 * The server's Prometheus metrics (prom-client): HTTP requests by route, AWS calls by operation and
 * outcome, cache lookups. One registry per process on globalThis, shared by every bundle of the
 * server. Labels are bounded sets (route patterns, SDK operation names), never names from a request.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What an in-process search index holds, read when the metrics are scraped. */
export interface SearchIndexSize {
  /** The index's own accounting of its memory (lib/search/index.ts). */
  bytes: number;
  budgetBytes: number;
  instances: number;
  workspaces: number;
}

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  awsCalls: Counter<"service" | "operation" | "outcome">;
  awsDuration: Histogram<"service" | "operation">;
  cacheLookups: Counter<"cache" | "result">;
  encryptedReads: Counter<"how">;
  /** Indexes reporting their size at scrape time (the process's estate search index registers itself). */
  searchIndexes: Set<() => SearchIndexSize>;
}

/** Seconds, from a cached page (a few ms) to a 30 MB state read through retries. */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "statehouse_" });
  const registers = [registry];
  const searchIndexes = new Set<() => SearchIndexSize>();
  searchIndexGauges(registers, searchIndexes);
  const seconds = <L extends string>(name: string, help: string, labelNames: L[]) => new Histogram<L>({ name, help, labelNames, buckets: SECONDS_BUCKETS, registers });
  return {
    registry,
    httpRequests: new Counter({ name: "statehouse_http_requests_total", help: "HTTP requests answered, by route pattern and status", labelNames: ["method", "route", "status"], registers }),
    httpDuration: seconds("statehouse_http_request_duration_seconds", "Time from the request's arrival to the end of its response, by route pattern", ["method", "route"]),
    awsCalls: new Counter({ name: "statehouse_aws_calls_total", help: "AWS SDK calls (after the SDK's retries), by operation and outcome", labelNames: ["service", "operation", "outcome"], registers }),
    awsDuration: seconds("statehouse_aws_call_duration_seconds", "AWS SDK call time including retries, by operation", ["service", "operation"]),
    cacheLookups: new Counter({ name: "statehouse_cache_lookups_total", help: "Lookups in the server's caches, by cache and hit or miss", labelNames: ["cache", "result"], registers }),
    encryptedReads: new Counter({
      name: "statehouse_encrypted_state_reads_total",
      help: "OpenTofu-encrypted states decrypted on read: streamed (decrypted on a worker thread while downloading) or whole (after the download: a fallback method, or no worker)",
      labelNames: ["how"],
      registers,
    }),
    searchIndexes,
  };
}

/** Gauges read from the registered search indexes at scrape time; no series until an index exists in the process. */
function searchIndexGauges(registers: Registry[], indexes: Set<() => SearchIndexSize>): void {
  const gauge = (name: string, help: string, pick: (s: SearchIndexSize) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.reset();
        if (indexes.size === 0) return;
        let sum = 0;
        for (const size of indexes) sum += pick(size());
        this.set(sum);
      },
    });
  gauge("statehouse_search_index_bytes", "Memory the estate search index accounts for (dictionary texts and per-instance data), bytes", (s) => s.bytes);
  gauge("statehouse_search_index_budget_bytes", "The search index's memory budget: states past it are not indexed", (s) => s.budgetBytes);
  gauge("statehouse_search_index_instances", "Resource instances (and outputs) in the estate search index", (s) => s.instances);
  gauge("statehouse_search_index_workspaces", "Workspaces whose current state is in the estate search index", (s) => s.workspaces);
}

const KEY = Symbol.for("statehouse.metrics");
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
  const g = globalThis as Holder;
  return (g[KEY] ??= create());
}

/** Counts one lookup in a named cache (a fixed name per cache, not per key). */
export function countCacheLookup(cache: string, hit: boolean): void {
  metrics().cacheLookups.inc({ cache, result: hit ? "hit" : "miss" });
}

/** Reports an index's size in the metrics from now on (the process's estate search index). */
export function reportSearchIndex(size: () => SearchIndexSize): void {
  metrics().searchIndexes.add(size);
}

/** The outcome label of an SDK call: ok, or the class of failure (bounded, unlike error names). */
export function awsOutcome(err: unknown): string {
  if (err === undefined) return "ok";
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const status = e.$metadata?.httpStatusCode;
  if (e.$retryable?.throttling || status === 429 || e.name === "SlowDown" || e.name === "ThrottlingException") return "throttled";
  if (status === 404 || e.name === "NoSuchKey" || e.name === "NotFound" || e.name === "NoSuchBucket") return "not_found";
  if (status === 403) return "denied";
  if (status === 409 || status === 412 || e.name === "ConditionalCheckFailedException") return "conflict";
  if (status !== undefined && status >= 400 && status < 500) return "client_error";
  if (status !== undefined && status >= 500) return "server_error";
  return "network_error";
}

/** Counts one encrypted state decrypted on read, and how. */
export function countEncryptedRead(how: "streamed" | "whole"): void {
  metrics().encryptedReads.inc({ how });
}
