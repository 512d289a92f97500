/**
 * A backend's options from every form users have, merged in `terraform init`'s order:
 * the directory's `backend "s3"` block, then `-backend-config` items in order, then the
 * JSON form; later sources override earlier ones option by option. Then evaluated
 * (variables, locals) and validated, all problems reported together.
 */
import path from "node:path";
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { backendConfigLayer, type ConfigLayer } from "./backend-config";
import { evaluate } from "./expressions";
import { isPlainObject, literalToTemplate } from "./hcl";
import { readTerraformDir, type TerraformDir } from "./terraform-dir";
import type { S3BackendOptions } from "./types";
import { checkBackendOptions } from "./validate";
import { backendScope, collectVariableValues } from "./variables";

export interface BackendConfigInput {
  /** A Terraform directory holding a `backend "s3"` block. */
  dir?: string;
  /** `-backend-config` items in command-line order: file paths or `NAME=VALUE`. */
  backendConfig?: string[];
  /** Options in JSON form (literal values), merged last. */
  json?: unknown;
  /** `-var` style values (literal), which win over every file. */
  vars?: Record<string, unknown>;
  /** `-var-file` paths, applied in order after the directory's own tfvars. */
  varFiles?: string[];
  /** Base for relative paths (dir, backend config files, var files); default process.cwd(). */
  cwd?: string;
}

export interface ResolvedBackendConfig {
  options: S3BackendOptions;
  /** Deprecated forms that were mapped to current ones. */
  warnings: ConfigProblem[];
  /** Where the configuration came from, without values (they may be secrets). */
  source: string;
}

export async function resolveBackendConfig(input: BackendConfigInput): Promise<ResolvedBackendConfig> {
  const cwd = input.cwd ?? process.cwd();
  const items = input.backendConfig ?? [];
  if (!input.dir && items.length === 0 && input.json === undefined) {
    throw new ConfigError("no backend configuration given: set a Terraform directory, -backend-config items or options");
  }
  const dir: TerraformDir | null = input.dir ? await readTerraformDir(path.resolve(/*turbopackIgnore: true*/ cwd, input.dir)) : null;
  const layers: ConfigLayer[] = [];
  if (dir?.backend) layers.push({ values: dir.backend.body, source: dir.backend.file });
  for (const item of items) layers.push(await backendConfigLayer(item, cwd));
  if (input.json !== undefined) {
    if (!isPlainObject(input.json)) throw new ConfigError([{ option: "options", message: "must be an object of s3 backend options" }]);
    layers.push({ values: literalToTemplate(input.json) as Record<string, unknown>, source: "inline options" });
  }

  const merged = new Map<string, { value: unknown; source: string }>();
  for (const layer of layers) for (const [name, value] of Object.entries(layer.values)) merged.set(name, { value, source: layer.source });

  const values = await collectVariableValues(dir, { varFiles: (input.varFiles ?? []).map((f) => path.resolve(/*turbopackIgnore: true*/ cwd, f)), vars: input.vars ?? {} });
  const scope = backendScope(dir, values);
  const evaluated: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const unevaluated = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const [name, { value, source }] of merged) {
    sources.set(name, source);
    try {
      evaluated[name] = await evaluate(value, scope, source);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      unevaluated.add(name);
      problems.push(...e.problems.map((p) => ({ ...p, option: name, source })));
    }
  }
  const checked = checkBackendOptions(evaluated, { sources, unevaluated });
  problems.push(...checked.problems);
  if (problems.length > 0 || !checked.options) throw new ConfigError(problems);
  return { options: checked.options, warnings: checked.warnings, source: [...new Set(layers.map((l) => l.source))].join(" + ") };
}

/** The validated options; throws one ConfigError listing every problem. */
export async function loadBackendConfig(input: BackendConfigInput): Promise<S3BackendOptions> {
  return (await resolveBackendConfig(input)).options;
}
