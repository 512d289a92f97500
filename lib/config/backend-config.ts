/**
 * `-backend-config` items, as `terraform init` reads them: an item with `=` is
 * `NAME=VALUE` (a plain string for string, bool and number options; an HCL expression for
 * lists, maps and objects), any other item is a partial configuration file.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "@/lib/errors";
import { literalToTemplate, parseConfigFile, parseHclExpression, type HclBody } from "./hcl";
import { optionType } from "./options";

/** A set of options from one place, in template form, and that place's name. */
export interface ConfigLayer {
  values: HclBody;
  source: string;
}

export async function backendConfigLayer(item: string, cwd: string): Promise<ConfigLayer> {
  const eq = item.indexOf("=");
  if (eq === -1) {
    const file = path.resolve(/*turbopackIgnore: true*/ cwd, item);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw new ConfigError([{ option: "backend_config", message: `cannot read the backend config file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }]);
    }
    return { values: await parseConfigFile(file, text), source: file };
  }
  const name = item.slice(0, eq);
  const raw = item.slice(eq + 1);
  // The value is never echoed in `source`: it may be a secret (secret_key=…).
  const source = `-backend-config ${name}=…`;
  if (name === "") throw new ConfigError([{ option: "backend_config", message: 'an item starting with "=" has no option name', source }]);
  const kind = optionType(name)?.kind;
  if (kind === "list" || kind === "map" || kind === "object") {
    try {
      return { values: { [name]: await parseHclExpression(source, raw) }, source };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      throw new ConfigError(e.problems.map((p) => ({ ...p, option: name, message: `${p.message} (a ${kind} is given in HCL syntax, e.g. ${kind === "list" ? '["a", "b"]' : '{ name = "value" }'})` })));
    }
  }
  return { values: { [name]: literalToTemplate(raw) }, source };
}
