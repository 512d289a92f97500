/**
 * The production server (the standalone server of a scripts/build-app.sh build) on the bench backends, signed in as the
 * demo admin: time to first byte and to the complete response of the workspaces page and of the diff
 * page, then the longest main-thread task Debian's chromium sees on each (PerformanceObserver 'longtask').
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { chromium } from "@playwright/test";
import { DEMO_ACCOUNTS, demoAuthSections } from "@/lib/auth/demo";
import { createBucket } from "@/testkit/moto";
import { BENCH_DIR } from "./scenario";
import type { BenchBackends } from "./seed";
import { figure, type Figure } from "./stats";

const AUDIT_BUCKET = "bench-audit";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface PageFigures {
  /** First request after the server's caches expired (for the diff page: the very first request). */
  coldTtfb: Figure;
  coldTotal: Figure;
  warmTtfb: Figure;
  warmTotal: Figure;
  bytes: number;
  /** Longest long task per browser load, ms (0 when none over 50 ms). */
  longestTask: Figure;
}

export interface ServerFigures {
  workspaces: PageFigures;
  diff: PageFigures;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

export async function writeConfig(b: BenchBackends, endpoint: string): Promise<string> {
  await createBucket(AUDIT_BUCKET, { versioning: "Enabled" }, endpoint);
  const file = path.join(BENCH_DIR, "statehouse.config.json");
  const config = {
    backends: [b.listing, b.versions, b.big].map((d) => ({ name: d.name, description: "benchmark", options: d.options })),
    ...demoAuthSections(),
    audit: { s3: { bucket: AUDIT_BUCKET, prefix: "statehouse-audit", region: "us-east-1", endpoint, use_path_style: true } },
  };
  await writeFile(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  return file;
}

export async function startServer(appDir: string, configFile: string, log: (m: string) => void): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The standalone server, as deployed (bench/build-app.sh builds with scripts/build-app.sh).
  const proc = spawn(process.execPath, [path.join(appDir, ".next", "standalone", "server.js")], {
    cwd: appDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      STATEHOUSE_CONFIG: configFile,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: url,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
    },
  });
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`next start exited with ${proc.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) {
      log(`server up on ${url}`);
      return { url, proc };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill();
  throw new Error("next start did not answer /api/health");
}

/** Cookies from Set-Cookie headers, merged into a jar. */
function absorb(jar: Map<string, string>, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}

/** Signs in as the demo admin through next-auth's credentials callback; returns the cookie jar. */
export async function signIn(url: string): Promise<Map<string, string>> {
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  absorb(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/auth/callback/local`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username: admin.username, password: admin.password, json: "true" }),
  });
  absorb(jar, res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (HTTP ${res.status})`);
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** One GET: ms to the first body byte and to the end of the (streamed) response. */
export async function getPage(url: string, jar: Map<string, string>, mustContain: string): Promise<{ ttfb: number; total: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie: cookieHeader(jar) }, redirect: "manual" });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  let ttfb = 0;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!ttfb) ttfb = performance.now() - t0;
    chunks.push(value);
  }
  const total = performance.now() - t0;
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.includes(mustContain)) throw new Error(`GET ${url}: the response lacks ${JSON.stringify(mustContain)}`);
  return { ttfb, total, bytes: text.length };
}

/**
 * The longest main-thread task of each of `runs` browser loads of `pagePath`, from navigation until 1.5 s after
 * `readySelector` appears, then through `interact` (scrolling, typing) when given.
 */
export async function longestTasks(
  base: string,
  jar: Map<string, string>,
  pagePath: string,
  readySelector: string,
  runs: number,
  interact?: (page: import("@playwright/test").Page) => Promise<void>,
): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: base })));
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      await page.goto(`${base}${pagePath}`, { waitUntil: "load", timeout: 300_000 });
      await page.waitForSelector(readySelector, { timeout: 300_000 });
      // Hydration and the first virtualized render finish after the selector appears.
      await page.waitForTimeout(1500);
      if (interact) await interact(page);
      const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      out.push(Math.max(0, ...tasks));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pageFigures(opts: {
  base: string;
  jar: Map<string, string>;
  path: string;
  mustContain: string;
  readySelector: string;
  runs: number;
  /** Wait this long before each cold request (cache expiry); 0: only the first request is cold. */
  coldGapMs: number;
}): Promise<PageFigures> {
  const url = `${opts.base}${opts.path}`;
  const cold: { ttfb: number; total: number; bytes: number }[] = [];
  for (let i = 0; i < (opts.coldGapMs ? opts.runs : 1); i++) {
    if (opts.coldGapMs) await sleep(opts.coldGapMs);
    cold.push(await getPage(url, opts.jar, opts.mustContain));
  }
  const warm: typeof cold = [];
  for (let i = 0; i < opts.runs; i++) warm.push(await getPage(url, opts.jar, opts.mustContain));
  const longest = await longestTasks(opts.base, opts.jar, opts.path, opts.readySelector, Math.min(3, opts.runs));
  return {
    coldTtfb: figure(cold.map((c) => c.ttfb)),
    coldTotal: figure(cold.map((c) => c.total)),
    warmTtfb: figure(warm.map((c) => c.ttfb)),
    warmTotal: figure(warm.map((c) => c.total)),
    bytes: warm[0]?.bytes ?? 0,
    longestTask: figure(longest),
  };
}

export async function benchServer(appDir: string, b: BenchBackends, endpoint: string, runs: number, coldGapMs: number, lastWorkspace: string, log: (m: string) => void): Promise<ServerFigures> {
  const config = await writeConfig(b, endpoint);
  const { url, proc } = await startServer(appDir, config, log);
  try {
    const jar = await signIn(url);
    const diff = await pageFigures({
      base: url,
      jar,
      path: `/b/${b.big.name}/w/${b.bigWorkspace}/diff`,
      mustContain: 'data-testid="diff-summary"',
      readySelector: '[data-testid="diff-summary"]',
      runs,
      coldGapMs: 0,
    });
    const workspaces = await pageFigures({
      base: url,
      jar,
      path: `/b/${b.listing.name}`,
      mustContain: lastWorkspace,
      readySelector: '[data-testid="workspace-row"]',
      runs,
      coldGapMs,
    });
    return { workspaces, diff };
  } finally {
    proc.kill();
  }
}
