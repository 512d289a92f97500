/**
 * Input variable values and locals, resolved as Terraform does for a backend block:
 * defaults < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) by name
 * < var files in order < vars. Values from tfvars files must be literals.
 */
import { readFile } from "node:fs/promises";
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { evaluate, NO_REFERENCES, type Scope } from "./expressions";
import { literalToTemplate, parseConfigFile } from "./hcl";
import type { TerraformDir } from "./terraform-dir";

export interface VariableInputs {
  /** Explicit var files (absolute paths), applied in order after the dir's own tfvars. */
  varFiles: string[];
  /** `-var` style values, literal, applied last. */
  vars: Record<string, unknown>;
  /** The environment, for TF_VAR_<name> of declared variables (after defaults, before any file), as tofu reads it. */
  env?: Record<string, string | undefined>;
}

type Values = Map<string, { value: unknown; source: string }>;

async function readVarFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ConfigError([{ option: "var_files", message: `cannot read the variables file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }]);
  }
  const body = await parseConfigFile(file, text);
  // JSON tfvars hold plain values; native tfvars hold templates that must be literal.
  return file.endsWith(".json") ? (literalToTemplate(body) as Record<string, unknown>) : body;
}

export async function collectVariableValues(dir: TerraformDir | null, inputs: VariableInputs): Promise<Values> {
  const values: Values = new Map();
  const problems: ConfigProblem[] = [];
  const put = async (name: string, raw: unknown, source: string) => {
    try {
      values.set(name, { value: await evaluate(raw, NO_REFERENCES, source), source });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems.map((p) => ({ ...p, option: `var.${name}`, source })));
    }
  };
  for (const [name, decl] of dir?.variables ?? []) if (decl.hasDefault) await put(name, decl.default, decl.file);
  // Taken as a literal string: a string variable is what holds a passphrase.
  for (const name of dir?.variables.keys() ?? []) {
    const v = inputs.env?.[`TF_VAR_${name}`];
    if (v !== undefined) values.set(name, { value: v, source: `environment variable TF_VAR_${name}` });
  }
  for (const file of [...(dir?.autoVarFiles ?? []), ...inputs.varFiles]) {
    // Values for undeclared variables in files are ignored, as Terraform only warns about them.
    for (const [name, raw] of Object.entries(await readVarFile(file))) if (!dir || dir.variables.has(name)) await put(name, raw, file);
  }
  for (const [name, value] of Object.entries(inputs.vars)) {
    if (dir && !dir.variables.has(name)) problems.push({ option: `var.${name}`, message: `a value was given for the undeclared variable "${name}" (no variable "${name}" block in ${dir.dir})`, source: "vars" });
    else values.set(name, { value, source: "vars" });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values;
}

/** The scope a backend block is evaluated in: variables, and locals evaluated on demand. */
export function backendScope(dir: TerraformDir | null, values: Values): Scope {
  const localValues = new Map<string, unknown>();
  const resolving: string[] = [];
  const scope: Scope = {
    async lookup(root, name) {
      if (root === "var") {
        if (dir && !dir.variables.has(name)) throw new ConfigError([{ message: `var.${name} is not declared (no variable "${name}" block in ${dir.dir})` }]);
        const v = values.get(name);
        if (!v) throw new ConfigError([{ message: `var.${name} has no value: it has no default and is not set in terraform.tfvars, *.auto.tfvars, var files or vars` }]);
        return v.value;
      }
      if (localValues.has(name)) return localValues.get(name);
      const local = dir?.locals.get(name);
      if (!local) throw new ConfigError([{ message: `local.${name} is not defined${dir ? ` in ${dir.dir}` : " (locals need a Terraform directory)"}` }]);
      if (resolving.includes(name)) throw new ConfigError([{ message: `local.${name} refers to itself: ${[...resolving, name].map((n) => `local.${n}`).join(" → ")}` }]);
      resolving.push(name);
      try {
        const value = await evaluate(local.value, scope, local.file);
        localValues.set(name, value);
        return value;
      } finally {
        resolving.pop();
      }
    },
  };
  return scope;
}
