import path from "node:path";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { loadStatehouseConfig, parseStatehouseConfig } from "./statehouse-config";
import { configError } from "./__fixtures__/config-error";

const FIX = path.join(import.meta.dirname, "__fixtures__");
const CONFIG = path.join(FIX, "statehouse", "statehouse.config.json");

const problemsOf = async (p: Promise<unknown>) => (await configError(p)).problems;

describe("loadStatehouseConfig", () => {
  const saved = process.env.STATEHOUSE_CONFIG;
  afterEach(() => {
    if (saved === undefined) delete process.env.STATEHOUSE_CONFIG;
    else process.env.STATEHOUSE_CONFIG = saved;
  });

  it("resolves several backends, paths relative to the config file", async () => {
    const c = await loadStatehouseConfig(CONFIG);
    expect(c.path).toBe(CONFIG);
    expect(c.backends.map((b) => b.name)).toEqual(["dev-network", "prod-network", "inline.only"]);
    const [dev, prod, inline] = c.backends;
    expect(dev).toMatchObject({ name: "dev-network", description: "network, dev", options: { bucket: "acme-state-dev", key: "network/dev/terraform.tfstate", region: "us-east-1" } });
    expect(dev?.source).toBe(path.join(FIX, "app", "main.tf"));
    expect(prod?.options).toMatchObject({ bucket: "acme-state-prod", key: "prod/network.tfstate", region: "eu-west-1", max_retries: 7, use_lockfile: true });
    expect(inline?.options).toEqual({ bucket: "inline-bucket", key: "inline.tfstate", workspace_key_prefix: "" });
    expect(c.auth).toEqual({ providers: [] });
    expect(c.roles).toEqual([]);
    expect(c.audit).toEqual({ stdout: true });
  });

  it("reads STATEHOUSE_CONFIG by default", async () => {
    process.env.STATEHOUSE_CONFIG = CONFIG;
    expect((await loadStatehouseConfig()).backends).toHaveLength(3);
  });

  it("reports a missing file and invalid JSON", async () => {
    const missing = path.join(FIX, "nope.json");
    const err = await configError(loadStatehouseConfig(missing));
    expect(err.message).toMatch(/cannot read the Statehouse config file .*nope\.json: ENOENT/);
    expect(err.hint).toMatch(/STATEHOUSE_CONFIG/);
    const dir = await mkdtemp(path.join(tmpdir(), "statehouse-cfg-"));
    await writeFile(path.join(dir, "c.json"), "{ not json");
    expect((await problemsOf(loadStatehouseConfig(path.join(dir, "c.json"))))[0]?.message).toMatch(/^invalid JSON/);
  });

  it("never echoes the file's text in a JSON syntax error (it holds secrets)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "statehouse-cfg-"));
    const file = path.join(dir, "s.json");
    await writeFile(file, '{"backends": [{"name": "a", "options": {\n  "secret_key": "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLE", "x": nope}}]}');
    const [problem] = await problemsOf(loadStatehouseConfig(file));
    expect(problem?.message).toMatch(/^invalid JSON: .* \(line 2, column \d+\)$/);
    expect(problem?.message).not.toMatch(/[A-Za-z0-9]{3}"/);
    expect(JSON.stringify(problem)).not.toMatch(/AMPLE|EXAMPLE|wJal/);
  });
});

describe("parseStatehouseConfig", () => {
  const options = { bucket: "b", key: "k" };

  it("checks the file's shape, naming the path of each problem", async () => {
    const ps = await problemsOf(
      parseStatehouseConfig({ backends: [{ name: "Bad Name", options }, { name: "ok", options, extra: 1 }, { options }, { name: "x", backend_config: "key=x" }], bogus: true }, FIX),
    );
    const options_ = ps.map((p) => p.option);
    expect(options_).toEqual(expect.arrayContaining(["backends[0].name", "backends[1]", "backends[2].name", "backends[3].backend_config"]));
    expect(ps.find((p) => p.option === "backends[0].name")?.message).toMatch(/lowercase letters, digits/);
    expect(ps.some((p) => p.message.includes("bogus"))).toBe(true);
    expect(ps.some((p) => p.message.includes("extra"))).toBe(true);
    expect((await problemsOf(parseStatehouseConfig({}, FIX)))[0]?.option).toBe("backends");
    expect((await problemsOf(parseStatehouseConfig({ backends: [{ name: "a".repeat(64), options }] }, FIX)))[0]?.option).toBe("backends[0].name");
  });

  it("rejects duplicate backend names", async () => {
    const ps = await problemsOf(parseStatehouseConfig({ backends: [{ name: "a", options }, { name: "a", options }] }, FIX));
    expect(ps).toEqual([expect.objectContaining({ option: "backends[1].name", message: 'the backend name "a" is used twice' })]);
  });

  it("collects the problems of every backend, prefixed by its name", async () => {
    const ps = await problemsOf(
      parseStatehouseConfig({ backends: [{ name: "one", options: { bucket: "b" } }, { name: "two", dir: "no-backend" }, { name: "three", options: { ...options, buckt: 1 } }] }, FIX),
    );
    expect(ps.map((p) => `${p.option}: ${p.message}`)).toEqual([
      'backend "one": key: is required',
      `backend "two": no backend "s3" block in ${path.join(FIX, "no-backend")} (looked in main.tf)`,
      'backend "three": buckt: unknown option "buckt"; did you mean "bucket"?',
    ]);
  });

  it("resolves var_files, vars and backend_config relative to baseDir and keeps deprecation warnings", async () => {
    const c = await parseStatehouseConfig({ backends: [{ name: "l", dir: "legacy" }, { name: "p", dir: "app", var_files: ["app/prod.tfvars"], vars: { region: "ca-central-1" }, backend_config: ["key=x.tfstate"] }] }, FIX);
    expect(c.backends[0]?.warnings?.map((w) => w.option)).toContain("role_arn");
    expect(c.backends[1]?.options).toMatchObject({ bucket: "acme-state-prod", key: "x.tfstate", region: "ca-central-1" });
    expect(c.backends[1]).not.toHaveProperty("warnings");
    expect(c.auth).toBeUndefined();
  });
});
