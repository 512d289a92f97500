/**
 * What a Terraform directory says about its backend: the `backend "s3"` block, the
 * variable declarations and locals it may refer to, and the tfvars files Terraform
 * loads by itself.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { blockBodies, labeledBlocks, parseConfigFile, type HclBody } from "./hcl";

export interface VariableDeclaration {
  /** Template-form default; absent when the variable has none. */
  default?: unknown;
  hasDefault: boolean;
  file: string;
}

export interface TerraformDir {
  dir: string;
  /** Null only when read with `backendRequired: false`. */
  backend: { body: HclBody; file: string } | null;
  /** `terraform { encryption { … } }` blocks (OpenTofu state encryption), in file order, overrides last. */
  encryption: { body: HclBody; file: string }[];
  variables: Map<string, VariableDeclaration>;
  locals: Map<string, { value: unknown; file: string }>;
  /** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name: Terraform's order. */
  autoVarFiles: string[];
}

const isOverride = (name: string) => /^(.*_)?override\.tf(\.json)?$/.test(name);

export async function readTerraformDir(dir: string, opts: { backendRequired?: boolean } = {}): Promise<TerraformDir> {
  const backendRequired = opts.backendRequired ?? true;
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch (e) {
    throw new ConfigError([{ option: "dir", message: `cannot read the Terraform directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }]);
  }
  const tfNames = names.filter((n) => n.endsWith(".tf") || n.endsWith(".tf.json"));
  if (tfNames.length === 0) throw new ConfigError([{ option: "dir", message: `no Terraform files (*.tf, *.tf.json) in ${dir}` }]);
  // Override files are merged after all others (Terraform's rule), in name order.
  const ordered = [...tfNames.filter((n) => !isOverride(n)), ...tfNames.filter(isOverride)];
  const files = await Promise.all(ordered.map(async (n) => ({ name: n, file: path.join(dir, n), text: await readFile(path.join(dir, n), "utf8") })));

  const problems: ConfigProblem[] = [];
  const backends: { type: string; body: HclBody; file: string }[] = [];
  let overrideBackend: { type: string; body: HclBody; file: string } | undefined;
  const variables = new Map<string, VariableDeclaration>();
  const locals = new Map<string, { value: unknown; file: string }>();
  const encryption: { body: HclBody; file: string }[] = [];

  for (const f of files) {
    // Sequential: the WASM parser is a single instance.
    const body = await parseConfigFile(f.file, f.text);
    const override = isOverride(f.name);
    for (const tf of blockBodies(body.terraform)) {
      const found = [...labeledBlocks(tf.backend).map(([type, b]) => ({ type, body: b, file: f.file })), ...blockBodies(tf.cloud).map((b) => ({ type: "cloud", body: b, file: f.file }))];
      encryption.push(...blockBodies(tf.encryption).map((b) => ({ body: b, file: f.file })));
      if (override) overrideBackend = found.at(-1) ?? overrideBackend;
      else backends.push(...found);
    }
    for (const [name, decl] of labeledBlocks(body.variable)) {
      const prior = variables.get(name);
      if (prior && !override) problems.push({ message: `variable "${name}" is declared twice (also in ${prior.file})`, source: f.file });
      const hasDefault = Object.hasOwn(decl, "default");
      variables.set(name, hasDefault || !prior ? { default: decl.default, hasDefault, file: f.file } : prior);
    }
    for (const block of blockBodies(body.locals)) {
      for (const [name, value] of Object.entries(block)) {
        const prior = locals.get(name);
        if (prior && !override) problems.push({ message: `local.${name} is defined twice (also in ${prior.file})`, source: f.file });
        locals.set(name, { value, file: f.file });
      }
    }
  }

  if (backends.length > 1) {
    problems.push({ message: `several backend blocks in ${dir}: ${backends.map((b) => `${path.basename(b.file)} (${b.type})`).join(", ")}; a configuration has at most one` });
  }
  const backend = overrideBackend ?? backends[0];
  if (!backend && backendRequired) problems.push({ message: `no backend "s3" block in ${dir} (looked in ${tfNames.join(", ")})` });
  else if (backend && backend.type !== "s3") {
    problems.push({ message: `${path.basename(backend.file)} configures ${backend.type === "cloud" ? "a cloud block" : `backend "${backend.type}"`}; Statehouse reads only the s3 backend`, source: backend.file });
  }
  if (problems.length > 0 || (!backend && backendRequired)) throw new ConfigError(problems);

  const autoVarFiles = [
    ...["terraform.tfvars", "terraform.tfvars.json"].filter((n) => names.includes(n)),
    ...names.filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")),
  ].map((n) => path.join(dir, n));
  return { dir, backend: backend ? { body: backend.body, file: backend.file } : null, encryption, variables, locals, autoVarFiles };
}
