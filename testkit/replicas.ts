/**
 * Two (or more) standalone Statehouse servers on loopback with one config and one NEXTAUTH_SECRET,
 * behind a real nginx (round-robin, no stickiness) run in the foreground from a temporary prefix:
 * no root config, no system service. For the two-replica e2e spec and the load run. Loopback only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const ROOT = path.resolve(__dirname, "..");

export interface ReplicaSetOptions {
  /** Ports of the replicas, and of nginx in front of them. */
  replicaPorts: number[];
  lbPort: number;
  /** STATEHOUSE_CONFIG and NEXTAUTH_SECRET shared by every replica, plus anything else they need. */
  env: Record<string, string>;
  /** The build to serve (a folder holding .next/standalone with its assets); default this checkout's. */
  appDir?: string;
  /** A build for a path prefix (scripts/build-prefixed.sh): nginx proxies only that prefix, as a shared host would. */
  pathPrefix?: string;
}

export interface Replica {
  name: string;
  url: string;
  process: ChildProcess;
  /** Every stdout line so far (JSON log lines, audit lines). */
  lines: string[];
}

export interface ReplicaSet {
  lbUrl: string;
  replicas: Replica[];
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with status ${child.exitCode} before answering ${url}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function collect(child: ChildProcess, lines: string[], label: string, stderr: string[]): void {
  let rest = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr.push(chunk);
    if (process.env.REPLICAS_VERBOSE) process.stderr.write(`[${label}] ${chunk}`);
  });
}

/**
 * The proxying locations: everything, or only a path prefix (the prefix itself too: nginx would otherwise answer
 * `/statehouse` with a redirect to `/statehouse/`, which Next sends back without the slash).
 */
function locations(pathPrefix: string): string {
  const proxy = `{
      proxy_pass http://statehouse;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto http;
      proxy_set_header X-Request-Id $statehouse_request_id;
      proxy_read_timeout 120s;
      proxy_buffering off;
    }`;
  return pathPrefix ? `    location = ${pathPrefix} ${proxy}\n    location ${pathPrefix}/ ${proxy}` : `    location / ${proxy}`;
}

/** nginx.conf for a foreground nginx whose every path is under `prefix`. */
export function nginxConfig(prefix: string, replicaPorts: number[], lbPort: number, pathPrefix = ""): string {
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${prefix}/${t}_temp;`).join("\n");
  return `daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log ${prefix}/access.log;
${temp}
  # The caller's request id when it sent one, else nginx's own: the replicas log and echo it.
  map $http_x_request_id $statehouse_request_id { default $http_x_request_id; "" $request_id; }
  upstream statehouse {
    # Round-robin (nginx's default), no stickiness: consecutive requests go to different replicas.
${replicaPorts.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${lbPort};
${locations(pathPrefix)}
  }
}
`;
}

export async function startReplicaSet(o: ReplicaSetOptions): Promise<ReplicaSet> {
  const lbUrl = `http://127.0.0.1:${o.lbPort}`;
  const children: ChildProcess[] = [];
  const stderr: string[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once("exit", () => resolve());
            c.kill("SIGTERM");
            setTimeout(() => c.kill("SIGKILL"), 5_000).unref();
          }),
      ),
    );
  };
  try {
    const replicas = o.replicaPorts.map((port, i): Replica => {
      const name = String.fromCharCode(97 + i);
      const appDir = o.appDir ?? ROOT;
      const child = spawn("bash", [path.join(appDir, "scripts/serve-standalone.sh"), String(port)], {
        cwd: appDir,
        env: { ...process.env, NODE_OPTIONS: "", NEXTAUTH_URL: lbUrl, ...o.env, STATEHOUSE_REPLICA: name },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      const lines: string[] = [];
      collect(child, lines, `replica ${name}`, stderr);
      return { name, url: `http://127.0.0.1:${port}`, process: child, lines };
    });
    const at = o.pathPrefix ?? "";
    await Promise.all(replicas.map((r) => waitFor(`${r.url}${at}/api/health`, r.process, `replica ${r.name}`)));
    const prefix = mkdtempSync(path.join(os.tmpdir(), "statehouse-nginx-"));
    writeFileSync(path.join(prefix, "nginx.conf"), nginxConfig(prefix, o.replicaPorts, o.lbPort, at));
    const nginx = spawn(NGINX, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-e", path.join(prefix, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(nginx);
    collect(nginx, [], "nginx", stderr);
    await waitFor(`${lbUrl}${at}/api/health`, nginx, "nginx");
    return { lbUrl, replicas, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${stderr.join("").slice(-4000)}`);
  }
}
