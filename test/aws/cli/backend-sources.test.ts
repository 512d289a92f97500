import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, motoEndpoint, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { backendConfigArgs, cli } from "./harness";

const repoRoot = path.resolve(__dirname, "../../..");
const fixtures = path.join(__dirname, "__fixtures__");
const outputsExpected = readFileSync(path.join(fixtures, "outputs.expected.json"), "utf8");

let versioned: S3BackendOptions;
let unversioned: S3BackendOptions;
let tfDir: string;
let configFile: string;

beforeAll(async () => {
  versioned = testOptions({ bucket: uniqueName("cli-src-v") });
  unversioned = testOptions({ bucket: uniqueName("cli-src-u") });
  await createBucket(versioned.bucket, { versioning: "Enabled" });
  await createBucket(unversioned.bucket);
  const v = new ToolWriter(openBackend(testDefinition("cli-src-v", versioned)), "tofu");
  await v.apply("default", buildState({ seed: 4, serial: 3 }));
  await v.apply("prod", readFileSync(path.join(fixtures, "outputs.tfstate")));
  const u = new ToolWriter(openBackend(testDefinition("cli-src-u", unversioned)), "terraform");
  await u.apply("default", buildState({ seed: 5, serial: 9 }));
  await u.apply("empty", "");
  await u.apply("encrypted", JSON.stringify({ serial: 4, lineage: "l-1", meta: {}, encrypted_data: "AAAA", encryption_version: "v0" }));
  await u.apply("corrupt", '{"version": 4, "serial": ');
  await u.apply("future", JSON.stringify({ version: 5, serial: 1, lineage: "l-2" }));
  await u.apply("notstate", JSON.stringify({ hello: "world" }));

  const tmp = mkdtempSync(path.join(tmpdir(), "statehouse-cli-"));
  tfDir = path.join(tmp, "infra");
  // A backend block with a variable (OpenTofu 1.8+), given with -var as for `tofu init`.
  const endpoint = motoEndpoint();
  mkdirSync(tfDir);
  writeFileSync(
    path.join(tfDir, "main.tf"),
    `variable "bucket" {
  type = string
}

terraform {
  backend "s3" {
    bucket         = var.bucket
    key            = "terraform.tfstate"
    region         = "us-east-1"
    access_key     = "testing"
    secret_key     = "testing"
    use_path_style = true
    endpoints = {
      s3 = "${endpoint}"
    }
  }
}
`,
  );
  configFile = path.join(tmp, "statehouse.config.json");
  writeFileSync(
    configFile,
    JSON.stringify({
      backends: [
        { name: "versioned", options: versioned },
        { name: "unversioned", description: "no history", options: unversioned },
      ],
    }),
  );
});

describe("backend from a Terraform directory", () => {
  it("reads the backend block with -chdir and -var", async () => {
    const r = await cli(["-chdir=" + tfDir, "-var", `bucket=${versioned.bucket}`, "outputs", "-w", "prod", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(outputsExpected);
  });

  it("accepts --dir and the directory as the working directory", async () => {
    const a = await cli(["workspaces", "--dir", tfDir, "--var", `bucket=${versioned.bucket}`, "--json"]);
    expect(JSON.parse(a.stdout).workspaces.map((w: { name: string }) => w.name)).toEqual(["default", "prod"]);
    const b = await cli(["workspaces", "-var", `bucket=${versioned.bucket}`, "--json"], { cwd: tfDir });
    expect(b.stdout).toBe(a.stdout);
  });

  it("names the unresolved variable when -var is missing", async () => {
    const r = await cli(["workspaces", "-chdir=" + tfDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*bucket/);
  });
});

describe("backend from partial configuration files", () => {
  it("merges -backend-config files and KEY=VALUE items in order, and -var-file values", async () => {
    const dir = path.dirname(configFile);
    writeFileSync(
      path.join(dir, "backend.hcl"),
      `bucket = "wrong-bucket"\nregion = "us-east-1"\naccess_key = "testing"\nsecret_key = "testing"\nuse_path_style = true\nendpoints = { s3 = "${motoEndpoint()}" }\n`,
    );
    const r = await cli(["workspaces", "--json", "-backend-config=backend.hcl", `-backend-config=bucket=${versioned.bucket}`, "-backend-config=key=terraform.tfstate"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).workspaces.map((w: { name: string }) => w.name)).toEqual(["default", "prod"]);
    writeFileSync(path.join(dir, "prod.tfvars"), `bucket = "${versioned.bucket}"\n`);
    const v = await cli(["outputs", "-w", "prod", "-json", "-chdir=" + tfDir, "-var-file=" + path.join(dir, "prod.tfvars")]);
    expect(v.stdout).toBe(outputsExpected);
  });
});

describe("backend from the Statehouse config file", () => {
  it("selects a backend by name", async () => {
    const r = await cli(["workspaces", "--config", configFile, "--backend", "versioned", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).workspaces.map((w: { name: string }) => w.name)).toEqual(["default", "prod"]);
  });

  it("finds the file through STATEHOUSE_CONFIG and asks which backend when there are several", async () => {
    const r = await cli(["workspaces"], { env: { STATEHOUSE_CONFIG: configFile } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Choose a backend with --backend NAME: versioned, unversioned.");
    const unknown = await cli(["workspaces", "--backend", "nope"], { cwd: path.dirname(configFile) });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: No backend named "nope" in .*Backends: versioned, unversioned\./);
  });

  it("notes when bucket versioning is off", async () => {
    const r = await cli(["versions", "--config", configFile, "--backend", "unversioned"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Note: bucket versioning is off: only the current object exists and prior versions cannot be recovered.");
    const prev = await cli(["diff", "previous", "current", "--config", configFile, "--backend", "unversioned"]);
    expect(prev.code).toBe(1);
    expect(prev.stderr).toMatch(/^Error: Bucket versioning is off/);
  });
});

describe("state show tells each kind of object apart", () => {
  const show = (ws: string, json = false) => cli(["state", "show", "-w", ws, "--config", configFile, "--backend", "unversioned", ...(json ? ["--json"] : [])]);

  it("reports empty and encrypted states (exit 0)", async () => {
    const empty = await show("empty");
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain("The state is empty (0 B): there are no resources or outputs.");
    const enc = await show("encrypted");
    expect(enc.code).toBe(0);
    expect(enc.stdout).toContain("encrypted with OpenTofu state encryption (encryption version v0, serial 4, lineage l-1)");
    expect(JSON.parse((await show("encrypted", true)).stdout)).toMatchObject({ kind: "encrypted" });
  });

  it("fails with a distinct message for corrupt, future and non-state objects", async () => {
    const corrupt = await show("corrupt");
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/^Error: Cannot read the state of workspace "corrupt"\. The state object is not valid JSON/);
    const future = await show("future");
    expect(future.stderr).toContain("The state has format version 5, newer than this Statehouse understands (4).");
    const notState = await show("notstate");
    expect(notState.stderr).toContain("The object is not a Terraform state:");
  });
});

describe("the real command", () => {
  it("bin/statehouse.mjs prints terraform's output -json document byte for byte", () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, "bin/statehouse.mjs"), "outputs", "-w", "prod", "-json", ...backendConfigArgs(versioned)], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(outputsExpected);
  });
});
