import path from "node:path";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { loadBackendConfig, resolveBackendConfig, type BackendConfigInput } from "./load-backend-config";
import { configError } from "./__fixtures__/config-error";

const FIX = path.join(import.meta.dirname, "__fixtures__");
const fx = (name: string) => path.join(FIX, name);

const problemsOf = async (input: BackendConfigInput) => (await configError(resolveBackendConfig(input))).problems;

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "statehouse-config-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("loadBackendConfig: Terraform directory", () => {
  it("reads the backend block, resolving variables (tfvars) and locals", async () => {
    const o = await loadBackendConfig({ dir: fx("app") });
    expect(o).toEqual({
      bucket: "acme-state-dev",
      key: "network/dev/terraform.tfstate",
      region: "us-east-1",
      dynamodb_table: "locks",
      encrypt: true,
      endpoints: { s3: "https://s3.us-east-1.amazonaws.com" },
      workspace_key_prefix: "env:",
    });
  });

  it("resolves dir relative to cwd", async () => {
    expect((await loadBackendConfig({ dir: "app", cwd: FIX })).bucket).toBe("acme-state-dev");
  });

  it("reads *.tf.json, where $${ is a literal ${", async () => {
    const o = await loadBackendConfig({ dir: fx("app-json") });
    expect(o).toMatchObject({ bucket: "json-qa", key: "literal-${not-a-var}/terraform.tfstate", region: "us-west-2", assume_role: { role_arn: "arn:aws:iam::123456789012:role/state" } });
  });

  it("lets an override file replace the backend block", async () => {
    expect(await loadBackendConfig({ dir: fx("override") })).toMatchObject({ bucket: "overridden", key: "overridden.tfstate" });
  });

  it("refuses `endpoints { … }` written as a block, with terraform's words; the attribute form reads", async () => {
    const ps = await problemsOf({ dir: fx("endpoints-block") });
    expect(ps).toEqual([
      expect.objectContaining({
        option: "endpoints",
        message: 'Blocks of type "endpoints" are not expected here. Did you mean to define argument "endpoints"? If so, use the equals sign to assign it a value.',
      }),
    ]);
    expect((await loadBackendConfig({ dir: fx("app") })).endpoints).toEqual({ s3: "https://s3.us-east-1.amazonaws.com" });
  });

  it("errors on a directory with no backend block, naming the dir", async () => {
    const [p, ...rest] = await problemsOf({ dir: fx("no-backend") });
    expect(rest).toEqual([]);
    expect(p?.message).toBe(`no backend "s3" block in ${fx("no-backend")} (looked in main.tf)`);
  });

  it("errors on several backend blocks, naming the files", async () => {
    const ps = await problemsOf({ dir: fx("two-backends") });
    expect(ps.map((p) => p.message)).toEqual([`several backend blocks in ${fx("two-backends")}: a.tf (s3), b.tf (s3); a configuration has at most one`]);
  });

  it("errors on two backend blocks in one file", async () => {
    const dir = await tempDir({ "main.tf": 'terraform {\n backend "s3" {}\n}\nterraform {\n backend "s3" {}\n}\n' });
    expect((await problemsOf({ dir }))[0]?.message).toMatch(/several backend blocks.*main\.tf \(s3\), main\.tf \(s3\)/);
  });

  it("errors on another backend type or a cloud block, naming the file", async () => {
    const [p] = await problemsOf({ dir: fx("local-backend") });
    expect(p).toEqual({ message: 'main.tf configures backend "local"; Statehouse reads only the s3 backend', source: path.join(fx("local-backend"), "main.tf") });
    expect((await problemsOf({ dir: fx("cloud-block") }))[0]?.message).toMatch(/main\.tf configures a cloud block/);
  });

  it("errors on a missing dir, a dir without Terraform files, and broken HCL", async () => {
    expect((await problemsOf({ dir: fx("does-not-exist") }))[0]).toMatchObject({ option: "dir", message: expect.stringMatching(/cannot read the Terraform directory .*ENOENT/) });
    expect((await problemsOf({ dir: fx("empty-dir") }))[0]?.message).toMatch(/no Terraform files/);
    const [p] = await problemsOf({ dir: fx("broken-hcl") });
    expect(p).toMatchObject({ source: path.join(fx("broken-hcl"), "main.tf"), message: expect.stringMatching(/^invalid HCL: .*main\.tf:3/) });
  });

  it("requires some configuration", async () => {
    expect((await problemsOf({}))[0]?.message).toMatch(/no backend configuration given/);
  });
});

describe("loadBackendConfig: variables and locals", () => {
  it("applies Terraform's precedence: default < terraform.tfvars < *.auto.tfvars < var files < vars", async () => {
    // `team` is not in the backend block, so surface it through a -backend-config expression.
    const team = async (input: Omit<BackendConfigInput, "dir" | "backendConfig">) =>
      (await loadBackendConfig({ dir: fx("app"), backendConfig: ["profile=${var.team}"], ...input })).profile;
    // "${var.team}" given as NAME=VALUE is a literal string, as in Terraform.
    expect(await team({})).toBe("${var.team}");
    const dir = fx("app");
    const viaFile = await tempDir({ "team.hcl": "profile = var.team\n" });
    const viaFileTeam = (input: Omit<BackendConfigInput, "dir" | "backendConfig">) => loadBackendConfig({ dir, backendConfig: [path.join(viaFile, "team.hcl")], ...input }).then((o) => o.profile);
    expect(await viaFileTeam({})).toBe("from-b-auto-json");
    const extra = await tempDir({ "1.tfvars": 'team = "file-1"\n', "2.tfvars.json": '{"team": "file-2"}' });
    expect(await viaFileTeam({ varFiles: [path.join(extra, "1.tfvars")] })).toBe("file-1");
    expect(await viaFileTeam({ varFiles: [path.join(extra, "1.tfvars"), path.join(extra, "2.tfvars.json")] })).toBe("file-2");
    expect(await viaFileTeam({ varFiles: [path.join(extra, "2.tfvars.json")], vars: { team: "cli" } })).toBe("cli");
  });

  it("uses the default when nothing else sets a variable, and var files relative to cwd", async () => {
    const o = await loadBackendConfig({ dir: "app", varFiles: ["app/prod.tfvars"], cwd: FIX });
    expect(o).toMatchObject({ bucket: "acme-state-prod", key: "network/prod/terraform.tfstate", region: "us-east-1" });
  });

  it("names every unresolved reference and the option it is in", async () => {
    const ps = await problemsOf({ dir: fx("unresolved") });
    const by = Object.fromEntries(ps.map((p) => [p.option, p.message]));
    expect(by.bucket).toMatch(/var\.missing has no value/);
    expect(by.key).toMatch(/function call lower\("X\.tfstate"\)/);
    expect(by.region).toMatch(/cannot resolve the reference aws_s3_bucket\.state\.region/);
    expect(by.profile).toMatch(/local\.nope is not defined/);
    expect(by.dynamodb_table).toMatch(/"var\.list" is a list and cannot be used in a string template/);
    // The unevaluated bucket and key are not also reported as missing.
    expect(ps).toHaveLength(5);
    expect(ps.every((p) => p.source === path.join(fx("unresolved"), "main.tf"))).toBe(true);
  });

  it("resolves an unresolved variable once it is given", async () => {
    const ps = await problemsOf({ dir: fx("unresolved"), vars: { missing: "x" } });
    expect(ps.map((p) => p.option)).not.toContain("bucket");
  });

  it("reports a cycle between locals", async () => {
    const ps = await problemsOf({ dir: fx("locals-cycle") });
    expect(ps).toEqual([expect.objectContaining({ option: "bucket", message: "local.a refers to itself: local.a → local.b → local.a" })]);
  });

  it("rejects undeclared -var values and references to undeclared variables", async () => {
    const ps = await problemsOf({ dir: fx("app"), vars: { nope: "x" } });
    expect(ps[0]).toMatchObject({ option: "var.nope", message: expect.stringMatching(/undeclared variable "nope"/) });
    const dir = await tempDir({ "main.tf": 'terraform {\n backend "s3" {\n bucket = var.ghost\n key = "k"\n }\n}\n' });
    expect((await problemsOf({ dir }))[0]).toMatchObject({ option: "bucket", message: expect.stringMatching(/var\.ghost is not declared/) });
  });

  it("rejects references inside tfvars and variable defaults", async () => {
    const dir = await tempDir({ "main.tf": 'terraform {\n backend "s3" {\n bucket = var.a\n key = "k"\n }\n}\nvariable "a" { default = "${var.b}" }\nvariable "b" {}\n' });
    expect((await problemsOf({ dir }))[0]).toMatchObject({ option: "var.a", message: expect.stringMatching(/references are not allowed here/) });
  });

  it("supports index and attribute traversal of variable values", async () => {
    const dir = await tempDir({
      "main.tf": 'terraform {\n backend "s3" {\n bucket = var.m["b"]\n key = "${var.l[1]}/${var.o.k}"\n }\n}\nvariable "m" {}\nvariable "l" {}\nvariable "o" {}\n',
      "terraform.tfvars": 'm = { b = "bkt" }\nl = ["x", "y"]\no = { k = "z" }\n',
    });
    expect(await loadBackendConfig({ dir })).toMatchObject({ bucket: "bkt", key: "y/z" });
    const missing = await tempDir({ "main.tf": 'terraform {\n backend "s3" {\n bucket = var.m["nope"]\n key = "k"\n }\n}\nvariable "m" { default = {} }\n' });
    expect((await problemsOf({ dir: missing }))[0]?.message).toMatch(/var\.m has no element "nope"/);
  });

  it("reports a missing var file, a tfvars syntax error and duplicate declarations", async () => {
    expect((await problemsOf({ dir: fx("app"), varFiles: ["nope.tfvars"], cwd: FIX }))[0]).toMatchObject({ option: "var_files", message: expect.stringMatching(/nope\.tfvars: ENOENT/) });
    const bad = await tempDir({ "bad.tfvars": "env = \n" });
    expect((await problemsOf({ dir: fx("app"), varFiles: [path.join(bad, "bad.tfvars")] }))[0]).toMatchObject({ source: path.join(bad, "bad.tfvars"), message: expect.stringMatching(/^invalid HCL/) });
    const dup = await tempDir({ "a.tf": 'terraform {\n backend "s3" {}\n}\nvariable "x" {}\nlocals { y = 1 }\n', "b.tf": 'variable "x" {}\nlocals { y = 2 }\n' });
    expect((await problemsOf({ dir: dup })).map((p) => p.message)).toEqual([
      `variable "x" is declared twice (also in ${path.join(dup, "a.tf")})`,
      `local.y is defined twice (also in ${path.join(dup, "a.tf")})`,
    ]);
  });

  it("lets backend config files refer to vars even without a directory", async () => {
    const d = await tempDir({ "b.hcl": 'bucket = "b-${var.env}"\nkey = "k"\n' });
    expect(await loadBackendConfig({ backendConfig: ["b.hcl"], vars: { env: "x" }, cwd: d })).toMatchObject({ bucket: "b-x" });
  });
});

describe("loadBackendConfig: merge order", () => {
  it("merges block < -backend-config items in order < JSON, option by option", async () => {
    const d = await tempDir({ "more.hcl": 'max_retries = 9\nkey = "from-file.tfstate"\n' });
    const r = await resolveBackendConfig({
      dir: fx("app"),
      backendConfig: [path.join(fx("app"), "backend.hcl"), "key=from-kv.tfstate", path.join(d, "more.hcl"), "encrypt=false"],
      json: { dynamodb_table: "json-locks" },
    });
    expect(r.options).toMatchObject({
      bucket: "acme-state-dev", // block
      region: "eu-west-1", // backend.hcl over block
      use_lockfile: true, // backend.hcl
      key: "from-file.tfstate", // more.hcl over key=…
      max_retries: 9, // more.hcl over backend.hcl
      encrypt: false, // KEY=VALUE string converted to bool
      dynamodb_table: "json-locks", // JSON last
    });
    expect(r.source).toContain(path.join(fx("app"), "main.tf"));
    expect(r.source).toContain("-backend-config key=…");
    expect(r.source).toContain("inline options");
  });

  it("parses KEY=VALUE as a literal string, lists/maps/objects as HCL", async () => {
    const o = await loadBackendConfig({
      backendConfig: ["bucket=b", "key=a=b/${x}.tfstate", 'shared_config_files=["/a", "/b"]', 'assume_role={ role_arn = "arn:aws:iam::1:role/r", tags = { t = "v" } }', "workspace_key_prefix="],
    });
    expect(o).toEqual({ bucket: "b", key: "a=b/${x}.tfstate", shared_config_files: ["/a", "/b"], assume_role: { role_arn: "arn:aws:iam::1:role/r", tags: { t: "v" } }, workspace_key_prefix: "" });
  });

  it("reports bad -backend-config items", async () => {
    expect((await problemsOf({ backendConfig: ["shared_config_files=[unclosed"] }))[0]).toMatchObject({ option: "shared_config_files", message: expect.stringMatching(/invalid HCL.*given in HCL syntax/) });
    expect((await problemsOf({ backendConfig: ['endpoints={ s3 = "http://x" }\nbucket = "y"'] }))[0]?.message).toMatch(/single HCL expression/);
    expect((await problemsOf({ backendConfig: ["=oops"] }))[0]?.message).toMatch(/no option name/);
    expect((await problemsOf({ backendConfig: ["missing.hcl"], cwd: FIX }))[0]?.message).toMatch(/cannot read the backend config file .*missing\.hcl: ENOENT/);
    const ps = await problemsOf({ backendConfig: ["bucket=b", "key=k", "buckt=x"] });
    expect(ps).toEqual([{ option: "buckt", message: 'unknown option "buckt"; did you mean "bucket"?', source: "-backend-config buckt=…" }]);
  });

  it("reports unknown options in a partial config file, naming the file", async () => {
    const d = await tempDir({ "b.hcl": 'bucket = "b"\nkey = "k"\nregon = "x"\n' });
    expect(await problemsOf({ backendConfig: [path.join(d, "b.hcl")] })).toEqual([{ option: "regon", message: 'unknown option "regon"; did you mean "region"?', source: path.join(d, "b.hcl") }]);
  });

  it("takes JSON options literally and rejects a non-object", async () => {
    expect(await loadBackendConfig({ json: { bucket: "${var.x}", key: "k" } })).toMatchObject({ bucket: "${var.x}" });
    expect((await problemsOf({ json: ["bucket"] }))[0]).toMatchObject({ option: "options" });
  });

  it("maps legacy options found in a directory and returns the warnings", async () => {
    const r = await resolveBackendConfig({ dir: fx("legacy") });
    expect(r.options).toMatchObject({
      endpoints: { s3: "http://localhost:5000", dynamodb: "http://localhost:5001", sts: "http://localhost:5002", iam: "http://localhost:5003" },
      use_path_style: true,
      assume_role: { role_arn: "arn:aws:iam::123456789012:role/legacy", session_name: "statehouse", external_id: "ext", duration: "3600s", tags: { team: "platform" } },
      shared_credentials_files: ["~/.aws/credentials"],
    });
    expect(r.warnings.map((w) => w.option)).toContain("force_path_style");
  });
});
