/**
 * The sign-in flood benchmark (BENCH_SIGNIN_FLOOD=1 npm run bench, or alone under scripts/with-moto.sh):
 * another signed-in user's page time while 200 bad sign-ins arrive at once. Only measures; never asserts.
 */
import { writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { demoAuthSections } from "@/lib/auth/demo";
import { seedEstate } from "@/testkit/estate";
import { motoEndpoint } from "@/testkit/moto";
import { BENCH_DIR } from "./scenario";
import { getPage, signIn, startServer } from "./server";
import { figure, type Figure } from "./stats";
import { renderTable, type Row } from "./table";

const FLOOD = 200;

export interface FloodFigures {
  quiet: Figure;
  /** One client address, unknown users, 1,000-character passwords: the limits answer 429 before any hashing. */
  oneAddress: Figure;
  oneAddressLimited: number;
  /** Every attempt from another address (X-Forwarded-For), 64-character passwords: each reaches bcrypt, through the bounded slots. */
  distributed: Figure;
  distributedBusy: number;
}

async function flood(url: string, run: number, distributed: boolean): Promise<Response[]> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return Promise.all(
    Array.from({ length: FLOOD }, (_, i) =>
      fetch(`${url}/api/auth/callback/local`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie,
          // Next keeps a client's X-Forwarded-For: here it stands for distinct clients (a run's flood starts with fresh limits).
          "x-forwarded-for": distributed ? `10.${run + 100}.${i >> 8}.${i & 255}` : `10.${run}.0.1`,
        },
        body: new URLSearchParams({ csrfToken, username: `nobody-${run}-${i}`, password: (distributed ? "p" : "x").repeat(distributed ? 64 : 1000), json: "true" }),
      }),
    ),
  );
}

export async function benchSignInFlood(appDir: string, endpoint: string, runs: number, log: (m: string) => void): Promise<FloodFigures> {
  const backends = await seedEstate(endpoint);
  await mkdir(BENCH_DIR, { recursive: true });
  const configFile = path.join(BENCH_DIR, "flood.config.json");
  const config = { backends: backends.map((b) => ({ name: b.name, description: b.description, options: b.options })), ...demoAuthSections() };
  await writeFile(configFile, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  const { url, proc } = await startServer(appDir, configFile, log);
  try {
    const jar = await signIn(url);
    const page = () => getPage(`${url}/`, jar, "prod-network").then((r) => r.total);
    await page();
    const quiet: number[] = [];
    for (let i = 0; i < runs; i++) quiet.push(await page());
    const during = async (distributed: boolean) => {
      const times: number[] = [];
      let refused = 0;
      for (let run = 0; run < runs; run++) {
        const sent = flood(url, run, distributed);
        // Let the flood reach the server first, as in the reported attack.
        await new Promise((r) => setTimeout(r, 50));
        times.push(await page());
        const responses = await sent;
        for (const r of responses) {
          const body = await r.text();
          if (r.status === 429 || body.includes("SignInBusy")) refused++;
        }
      }
      return { figure: figure(times), refused: refused / runs };
    };
    log("flood from one address…");
    const one = await during(false);
    log("flood from many addresses…");
    const many = await during(true);
    return { quiet: figure(quiet), oneAddress: one.figure, oneAddressLimited: one.refused, distributed: many.figure, distributedBusy: many.refused };
  } finally {
    proc.kill();
  }
}

export function floodRows(f: FloodFigures): Row[] {
  return [
    { what: "another user's page (/), no flood", value: f.quiet, unit: "ms" },
    { what: `  during ${FLOOD} bad sign-ins from one address (${f.oneAddressLimited.toFixed(0)} answered 429)`, value: f.oneAddress, unit: "ms", baseline: f.quiet, baselineLabel: "no flood", ratio: f.oneAddress.median / f.quiet.median, target: "report" },
    { what: `  during ${FLOOD} from ${FLOOD} addresses, bcrypt each (${f.distributedBusy.toFixed(0)} refused busy)`, value: f.distributed, unit: "ms", baseline: f.quiet, baselineLabel: "no flood", ratio: f.distributed.median / f.quiet.median, target: "report" },
  ];
}

// Alone: TSX_TSCONFIG_PATH=tsconfig.plain-node.json node --import tsx bench/sign-in-flood.ts (under scripts/with-moto.sh; BENCH_APP_DIR = a build).
if (process.argv[1]?.endsWith("sign-in-flood.ts")) {
  const appDir = process.env.BENCH_APP_DIR ?? process.cwd();
  benchSignInFlood(appDir, motoEndpoint(), Number(process.env.BENCH_RUNS ?? 5), (m) => console.error(`bench: ${m}`))
    .then((f) => console.log(renderTable(floodRows(f))))
    .catch((e: unknown) => {
      console.error("bench failed:", e);
      process.exit(1);
    });
}
