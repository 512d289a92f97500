/**
 * The scale scenario of the benchmark, and its generated data cached on disk under `.bench/data/`
 * (moto keeps everything in memory, so each run seeds again; generating the 30 MB pair is the slow
 * part, and it is the same every time: the data is deterministic from the seeds below).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildState, lineageFor } from "@/testkit/states";
import { toolStateBytes } from "@/testkit/tool-writer";

/** Bump when the generated data changes shape, so a stale cache is not reused. */
const DATA_VERSION = 1;

export const SCENARIO = {
  /** Workspaces in the listing backend, `default` included. */
  workspaces: 2_000,
  /** Objects under the workspace prefix that are not states (plans, backups, notes). */
  unrelatedObjects: 3_000,
  /** Workspaces held by a DynamoDB lock. */
  lockedWorkspaces: 40,
  /** Workspaces whose state was deleted (latest version is a delete marker). */
  deletedWorkspaces: 20,
  /** Versions of the one state in the versions backend. */
  versions: 5_000,
  /** The big pair: resources × instances each (~1.1 KB per instance, terraform's indented form). */
  bigResources: 280,
  bigInstancesPerResource: 100,
  /** Instances changed / added / removed between the two big versions. */
  bigChanged: 300,
  bigAdded: 25,
  bigRemoved: 25,
} as const;

export const BENCH_DIR = path.resolve(process.cwd(), ".bench");
const DATA_DIR = path.join(BENCH_DIR, "data", `v${DATA_VERSION}`);

export interface GeneratedData {
  /** Named workspaces (without `default`), bytewise sorted. */
  names: string[];
  locked: string[];
  deleted: string[];
  /** Keys relative to the bucket root. */
  unrelatedKeys: string[];
  smallState: Uint8Array;
  bigA: Uint8Array;
  bigB: Uint8Array;
  bigAPath: string;
  bigBPath: string;
}

type Json = ReturnType<typeof buildState>;
type Resource = { module?: string; type: string; name: string; instances: { attributes: Record<string, unknown> }[] };

/** ~30,000 web-server instances spread over modules, like a large monolithic configuration. */
function bigState(): Json {
  const base = buildState({ seed: 4242, serial: 900, lineage: lineageFor(4242) });
  const extra: unknown[] = [];
  for (let r = 0; r < SCENARIO.bigResources; r++) {
    const s = buildState({ seed: 10_000 + r, webServers: SCENARIO.bigInstancesPerResource });
    const web = (s.resources as unknown as Resource[]).find((x) => x.type === "aws_instance")!;
    extra.push({ ...web, module: `module.fleet["${r % 28}"]`, name: `web_${r}` });
  }
  return { ...base, resources: [...(base.resources as unknown[]), ...extra] as Json[] };
}

/** The next apply: a few hundred instances changed, some added and removed, serial + 1. */
function nextApply(a: Json): Json {
  const b = structuredClone(a);
  b.serial = (a.serial as number) + 1;
  const fleet = (b.resources as unknown as Resource[]).filter((r) => r.name.startsWith("web_"));
  for (let i = 0; i < SCENARIO.bigChanged; i++) {
    const res = fleet[(i * 7) % fleet.length]!;
    const inst = res.instances[(i * 13) % res.instances.length]!;
    inst.attributes.instance_type = "t3.xlarge";
    inst.attributes.tags = { ...(inst.attributes.tags as object), Revision: "901" };
  }
  for (let i = 0; i < SCENARIO.bigRemoved; i++) fleet[i]!.instances.pop();
  for (let i = 0; i < SCENARIO.bigAdded; i++) {
    const res = fleet[fleet.length - 1 - i]!;
    const copy = structuredClone(res.instances[0]!) as Resource["instances"][number] & { index_key: number };
    copy.index_key = res.instances.length;
    copy.attributes = { ...copy.attributes, id: `i-added${String(i).padStart(12, "0")}` };
    res.instances.push(copy);
  }
  (b.outputs as Record<string, { value: unknown }>).web_count!.value = 99;
  return b;
}

const pad = (n: number) => String(n).padStart(4, "0");

/** Deterministic names and keys; the big pair is read from the cache or generated and cached. */
export async function generatedData(log: (m: string) => void): Promise<GeneratedData> {
  const names = Array.from({ length: SCENARIO.workspaces - 1 }, (_, i) => `ws-${pad(i + 1)}`);
  const locked = names.filter((_, i) => i % Math.floor(names.length / SCENARIO.lockedWorkspaces) === 3).slice(0, SCENARIO.lockedWorkspaces);
  const deleted = names.filter((_, i) => i % Math.floor(names.length / SCENARIO.deletedWorkspaces) === 5).slice(0, SCENARIO.deletedWorkspaces);
  const kinds = ["plan.out", "terraform.tfstate.backup", "notes/README.md"];
  const unrelatedKeys = Array.from({ length: SCENARIO.unrelatedObjects }, (_, i) => `env:/${names[i % names.length]}/${kinds[i % kinds.length]}`);
  const smallState = toolStateBytes("terraform", buildState({ seed: 7 }));

  const bigAPath = path.join(DATA_DIR, "big-a.tfstate");
  const bigBPath = path.join(DATA_DIR, "big-b.tfstate");
  if (!existsSync(bigBPath)) {
    const t0 = Date.now();
    await mkdir(DATA_DIR, { recursive: true });
    const a = bigState();
    await writeFile(bigAPath, toolStateBytes("terraform", a));
    // Written last, under a temporary name: an interrupted run leaves no half pair behind.
    await writeFile(`${bigBPath}.tmp`, toolStateBytes("terraform", nextApply(a)));
    await rename(`${bigBPath}.tmp`, bigBPath);
    log(`generated the 30 MB pair in ${Date.now() - t0} ms (cached in ${DATA_DIR})`);
  }
  const [bigA, bigB] = await Promise.all([readFile(bigAPath), readFile(bigBPath)]);
  return { names, locked, deleted, unrelatedKeys, smallState, bigA, bigB, bigAPath, bigBPath };
}
