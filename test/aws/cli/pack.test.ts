/**
 * The tarball of `npm pack`, installed with a plain `npm install -g` into an empty prefix (offline-capable,
 * from the local npm cache), runs `statehouse` outside this checkout: --help and a real command on the local S3.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { createBucket, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { backendConfigArgs } from "./harness";

const repoRoot = path.resolve(__dirname, "../../..");
const fixtures = path.join(__dirname, "__fixtures__");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

let tmp: string;
let tarball: string;
let files: string[];
let installed: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "statehouse-pack-"));
  // dist/cli was built by the global setup; --ignore-scripts keeps prepack from rebuilding it under other tests' feet.
  const out = execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: repoRoot, encoding: "utf8" });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(tmp, info!.filename);
  files = info!.files.map((f) => f.path).sort();
  const prefix = path.join(tmp, "prefix");
  execFileSync(npm, ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], {
    cwd: tmp,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  installed = path.join(prefix, "bin", "statehouse");
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function statehouse(args: string[]) {
  // From an empty directory with a bare environment: nothing may come from this checkout.
  return spawnSync(installed, args, {
    cwd: tmp,
    encoding: "utf8",
    env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: tmp, NO_COLOR: "1" } as unknown as NodeJS.ProcessEnv,
  });
}

describe("npm pack", () => {
  it("holds the command's bundle, its bin and the README, and no sources", () => {
    expect(files).toContain("bin/statehouse.mjs");
    expect(files).toContain("dist/cli/statehouse.mjs");
    expect(files).toContain("README.md");
    expect(files).toContain("package.json");
    expect(files.filter((f) => !/^(bin\/|dist\/cli\/.*\.mjs$|README\.md$|package\.json$)/.test(f))).toEqual([]);
  });

  it("installs with npm install -g and prints help", () => {
    const r = statehouse(["--help"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: statehouse <command>/);
    expect(r.stdout).toContain("workspaces");
  });

  describe("against the local S3", () => {
    let be: string[];
    beforeAll(async () => {
      const bucket = uniqueName("cli-pack");
      await createBucket(bucket, { versioning: "Enabled" });
      const options = testOptions({ bucket });
      be = backendConfigArgs(options);
      const writer = new ToolWriter(openBackend(testDefinition("cli-pack", options)), "terraform");
      await writer.apply("prod", readFileSync(path.join(fixtures, "outputs.tfstate")));
    });

    it("prints terraform's output -json document byte for byte (the HCL parser loads from the installed package)", () => {
      const r = statehouse(["outputs", "-w", "prod", "-json", ...be]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(readFileSync(path.join(fixtures, "outputs.expected.json"), "utf8"));
    });

    it("lists the workspaces", () => {
      const r = statehouse(["workspaces", ...be]);
      expect(r.status).toBe(0);
      expect(r.stdout.split("\n").map((l) => l.split(" ")[0])).toEqual(["NAME", "default", "prod", ""]);
    });
  });
});
