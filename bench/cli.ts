/**
 * The command line as whole processes: `statehouse --help` beside `node -e 0`, and `statehouse workspaces` /
 * `outputs --json` beside `terraform workspace list` / `terraform output -json` on the 2,000-workspace backend.
 * Needs the built bundle (dist/cli) and terraform on PATH; never writes to the backend.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { BackendDefinition } from "@/lib/config/types";
import type { BenchSection } from "./section";
import { SCENARIO } from "./scenario";
import { paired, type Figure } from "./stats";
import type { Row } from "./table";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const BIN = path.join(root, "bin", "statehouse.mjs");

export interface CliFigures {
  /** The tool the rows compare with ("terraform", or "tofu" where terraform is not installed). */
  tool: string;
  nodeAlone: Figure;
  help: Figure;
  terraformVersion: Figure | null;
  /** statehouse workspaces vs terraform workspace list, both reading the same Terraform directory. */
  workspaces: { subject: Figure; baseline: Figure; ratio: number } | null;
  /** The same, statehouse given a Statehouse config file (JSON: no HCL parser loaded). */
  workspacesConfig: { subject: Figure; baseline: Figure; ratio: number } | null;
  /** statehouse outputs --json vs terraform output -json, same directory and workspace; identical bytes checked. */
  outputs: { subject: Figure; baseline: Figure; ratio: number; identical: boolean } | null;
}

/**
 * The baseline tool: terraform on PATH, else OpenTofu (on PATH, or the one setup builds into .tools/). Both share
 * the s3 backend's `workspace list` and `output -json` code path, so tofu is a fair stand-in; the rows name the tool used.
 */
function baselineBinary(): { path: string; name: "terraform" | "tofu" } | null {
  const dirs = (process.env.PATH ?? "").split(":").filter(Boolean);
  for (const name of ["terraform", "tofu"] as const) for (const dir of dirs) if (existsSync(path.join(dir, name))) return { path: path.join(dir, name), name };
  const tools = path.join(root, ".tools");
  const built = existsSync(tools) ? readdirSync(tools).filter((d) => d.startsWith("tofu-")).map((d) => path.join(tools, d, "tofu")).find((p) => existsSync(p)) : undefined;
  return built ? { path: built, name: "tofu" } : null;
}

/** A Terraform directory whose backend block is the benchmark's listing backend on the local stack. */
async function terraformDir(def: BackendDefinition): Promise<string> {
  const o = def.options;
  const dir = await mkdtemp(path.join(os.tmpdir(), "statehouse-bench-tf-"));
  const hcl = `terraform {
  backend "s3" {
    bucket                      = "${o.bucket}"
    key                         = "${o.key}"
    region                      = "${o.region}"
    ${o.dynamodb_table ? `dynamodb_table              = "${o.dynamodb_table}"` : ""}
    access_key                  = "${o.access_key}"
    secret_key                  = "${o.secret_key}"
    use_path_style              = true
    skip_credentials_validation = true
    skip_requesting_account_id  = true
    skip_metadata_api_check     = true
    skip_region_validation      = true
    endpoints = { s3 = "${o.endpoints?.s3}", dynamodb = "${o.endpoints?.dynamodb}", sts = "${o.endpoints?.sts}" }
  }
}
`;
  await writeFile(path.join(dir, "main.tf"), hcl);
  await writeFile(path.join(dir, "statehouse.config.json"), JSON.stringify({ backends: [{ name: def.name, options: o }] }, null, 2));
  return dir;
}

const ENV = { ...process.env, NO_COLOR: "1", TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };

export async function benchCli(listing: BackendDefinition, outputsWorkspace: string, runs: number, log: (m: string) => void): Promise<CliFigures> {
  const sh = (args: string[], cwd = root, env: NodeJS.ProcessEnv = ENV) => run(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 << 20 });
  const node = () => run(process.execPath, ["-e", "0"]);
  const { subject: help, baseline: nodeAlone } = await paired(runs, () => sh(["--help"]), node);

  const baseline = baselineBinary();
  if (!baseline) {
    log("neither terraform nor tofu found: skipping the comparisons with them");
    return { tool: "terraform", nodeAlone, help, terraformVersion: null, workspaces: null, workspacesConfig: null, outputs: null };
  }
  const tf = baseline.path;
  const dir = await terraformDir(listing);
  const tfRun = (args: string[], env: NodeJS.ProcessEnv = ENV) => run(tf, args, { cwd: dir, env, maxBuffer: 64 << 20 });
  // init also tries to install the providers the stored states name, which needs the registry; the backend
  // part (.terraform/terraform.tfstate) is written before that, and is all that workspace list and output read.
  await tfRun(["init", "-input=false", "-no-color"]).catch((e: unknown) => {
    if (!existsSync(path.join(dir, ".terraform", "terraform.tfstate"))) throw e;
  });
  const { subject: terraformVersion } = await paired(runs, () => tfRun(["version"]), node);

  const ws = await paired(runs, () => sh(["workspaces"], dir), () => tfRun(["workspace", "list"]));
  const wsConfig = await paired(runs, () => sh(["workspaces", "--config", path.join(dir, "statehouse.config.json")], dir), () => tfRun(["workspace", "list"]));

  const tfEnv = { ...ENV, TF_WORKSPACE: outputsWorkspace };
  const ours = await sh(["outputs", "-json", "-w", outputsWorkspace], dir);
  const theirs = await tfRun(["output", "-json"], tfEnv);
  const identical = ours.stdout === theirs.stdout;
  if (!identical) log(`outputs -json differs from ${baseline.name}'s for workspace ${outputsWorkspace}`);
  const out = await paired(runs, () => sh(["outputs", "-json", "-w", outputsWorkspace], dir), () => tfRun(["output", "-json"], tfEnv));

  const ratio = (p: { subject: Figure; baseline: Figure }) => ({ ...p, ratio: p.subject.median / p.baseline.median });
  return { tool: baseline.name, nodeAlone, help, terraformVersion, workspaces: ratio(ws), workspacesConfig: ratio(wsConfig), outputs: { ...ratio(out), identical } };
}

/** The section: `BENCH_ONLY=cli` seeds only the 2,000-workspace backend. */
export const cliSection: BenchSection = {
  name: "cli",
  needs: ["listing"],
  async run({ runs, data, backends, log }): Promise<Row[]> {
    const cli = await benchCli(backends.listing, data.names.find((n) => !data.deleted.includes(n))!, runs, log);
    return [
      { what: "statehouse --help, whole process", value: cli.help, unit: "ms", baseline: cli.nodeAlone, baselineLabel: "node -e 0", ratio: cli.help.median / cli.nodeAlone.median, target: "≪ 200 ms" },
      ...(cli.terraformVersion ? [{ what: `  ${cli.tool} version, whole process`, value: cli.terraformVersion, unit: "ms" as const }] : []),
      ...(cli.workspaces
        ? [{ what: `statehouse workspaces (${SCENARIO.workspaces} ws, Terraform dir)`, value: cli.workspaces.subject, unit: "ms" as const, baseline: cli.workspaces.baseline, baselineLabel: `${cli.tool} workspace list`, ratio: cli.workspaces.ratio, target: "≤ 1.5×" }]
        : []),
      ...(cli.workspacesConfig
        ? [{ what: "  same, backend from a Statehouse config file", value: cli.workspacesConfig.subject, unit: "ms" as const, baseline: cli.workspacesConfig.baseline, baselineLabel: `${cli.tool} workspace list`, ratio: cli.workspacesConfig.ratio, target: "report" }]
        : []),
      ...(cli.outputs
        ? [{ what: `statehouse outputs -json (${cli.outputs.identical ? "identical bytes" : "DIFFERENT bytes"})`, value: cli.outputs.subject, unit: "ms" as const, baseline: cli.outputs.baseline, baselineLabel: `${cli.tool} output -json`, ratio: cli.outputs.ratio, target: "≤ 1.0×" }]
        : []),
    ];
  },
};
