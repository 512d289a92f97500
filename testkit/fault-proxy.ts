/**
 * A small HTTP proxy in front of moto that injects faults, so tests can prove what a write does
 * when AWS drops a connection, answers 500/503, is slow, or loses the answer to a request that
 * did succeed. Point a backend's `endpoints.s3` / `endpoints.dynamodb` at `proxy.endpoint`.
 *
 * Rules are checked in the order they were added; the first that matches (and still has uses
 * left) applies. Requests that match no rule pass through unchanged.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultMatch {
  method?: string;
  /** Tested against the decoded path without the query string: "/<bucket>/<key>" (path style). */
  path?: string | RegExp;
  /** Tested against the raw query string (without "?"); "" when there is none. */
  query?: string | RegExp;
  /** The DynamoDB operation, e.g. "PutItem" (matches the end of the x-amz-target header). */
  dynamoOperation?: string;
  header?: { name: string; value: string | RegExp };
  /** Tested against the request body (as UTF-8): tells a digest PutItem from a lock PutItem. */
  body?: string | RegExp;
}

export type Fault =
  /** Destroy the connection before forwarding: the request never reaches moto. */
  | { kind: "drop" }
  /** Forward, let moto apply it, then destroy the connection: the answer is lost. */
  | { kind: "drop-after" }
  /** Answer with this status and a proper S3 (XML) or DynamoDB (JSON) error body; nothing is forwarded. */
  | { kind: "status"; status: number; code?: string }
  /** Wait, then forward. */
  | { kind: "delay"; ms: number }
  /** Run `fn` (e.g. a competing write), then forward: a deterministic race at an exact point. */
  | { kind: "before"; fn: () => Promise<void> };

export interface FaultRule {
  match: FaultMatch;
  fault: Fault;
  /** How many matching requests it applies to; unlimited when absent. */
  times?: number;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  query: string;
  dynamoOperation: string | null;
  fault: Fault["kind"] | null;
}

interface ActiveRule extends FaultRule {
  used: number;
}

function test(pattern: string | RegExp | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === "string" ? value === pattern : pattern.test(value);
}

function errorResponse(isDynamo: boolean, status: number, code: string | undefined): { type: string; body: string } {
  if (isDynamo) {
    const type = code ?? (status === 503 ? "ServiceUnavailable" : "InternalServerError");
    return {
      type: "application/x-amz-json-1.0",
      body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `Injected fault: ${status}` }),
    };
  }
  const c = code ?? (status === 503 ? "ServiceUnavailable" : "InternalError");
  return {
    type: "application/xml",
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${c}</Code><Message>Injected fault: ${status}</Message><RequestId>fault-proxy</RequestId></Error>`,
  };
}

export class FaultProxy {
  private rules: ActiveRule[] = [];
  private server: http.Server | null = null;
  private agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  /** Every request seen, in order, with the fault applied to it. */
  readonly log: ProxiedRequest[] = [];
  endpoint = "";

  constructor(private readonly upstream: string) {}

  async start(): Promise<string> {
    // A failing `before` hook must not crash the test run: the client just sees a dropped connection.
    const server = http.createServer((req, res) => void this.handle(req, res).catch(() => req.socket.destroy()));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, used: 0 });
  }

  /** Removes every rule and forgets the requests seen. */
  clear(): void {
    this.rules = [];
    this.log.length = 0;
  }

  /** Requests that got the given fault (all faulted requests when kind is absent). */
  faulted(kind?: Fault["kind"]): ProxiedRequest[] {
    return this.log.filter((r) => r.fault !== null && (kind === undefined || r.fault === kind));
  }

  private pick(req: http.IncomingMessage, path: string, query: string, op: string | null, body: string): ActiveRule | null {
    for (const rule of this.rules) {
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      const m = rule.match;
      if (m.method !== undefined && m.method.toUpperCase() !== req.method) continue;
      if (!test(m.path, path) || !test(m.query, query)) continue;
      if (m.dynamoOperation !== undefined && op !== m.dynamoOperation) continue;
      if (m.header !== undefined && !test(m.header.value, String(req.headers[m.header.name.toLowerCase()] ?? ""))) continue;
      if (!test(m.body, body)) continue;
      rule.used++;
      return rule;
    }
    return null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    // Decoded, so rules can name keys as written ("env:/prod/..." arrives as "env%3A/prod/...").
    const path = decodeURIComponent(q === -1 ? url : url.slice(0, q));
    const query = q === -1 ? "" : url.slice(q + 1);
    const target = req.headers["x-amz-target"];
    const op = typeof target === "string" ? (target.split(".").pop() ?? null) : null;
    const rule = this.pick(req, path, query, op, body.toString("utf8"));
    this.log.push({ method: req.method ?? "", path, query, dynamoOperation: op, fault: rule?.fault.kind ?? null });

    const fault = rule?.fault;
    if (fault?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "status") {
      const e = errorResponse(op !== null, fault.status, fault.code);
      res.writeHead(fault.status, { "content-type": e.type, "content-length": Buffer.byteLength(e.body) });
      res.end(e.body);
      return;
    }
    if (fault?.kind === "delay") await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === "before") await fault.fn();
    await this.forward(req, res, url, body, fault?.kind === "drop-after");
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, url: string, body: Buffer, loseAnswer: boolean): Promise<void> {
    return new Promise((resolve) => {
      const up = http.request(
        new URL(url, this.upstream),
        { method: req.method, headers: req.headers, agent: this.agent },
        (upRes) => {
          const parts: Buffer[] = [];
          upRes.on("data", (c: Buffer) => parts.push(c));
          upRes.on("end", () => {
            if (loseAnswer) req.socket.destroy();
            else {
              res.writeHead(upRes.statusCode ?? 502, upRes.headers);
              res.end(Buffer.concat(parts));
            }
            resolve();
          });
        },
      );
      up.on("error", () => {
        req.socket.destroy();
        resolve();
      });
      up.end(body);
    });
  }
}

/** Starts a proxy in front of `upstream` (the moto endpoint). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const proxy = new FaultProxy(upstream);
  await proxy.start();
  return proxy;
}
