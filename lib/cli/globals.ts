/**
 * Options every command takes: how to find the backend (the way `terraform init` is given it, or a
 * named backend of the Statehouse config file), the workspace, and the output format.
 */
import { validateWorkspaceName, DEFAULT_WORKSPACE } from "@/lib/domain/names";
import { InvalidInputError } from "@/lib/errors";
import { UsageError, booleanOption, listOption, stringOption, type OptionSpecs, type ParsedArgs } from "./args";
import type { CliIo } from "./io";

export const GLOBAL_OPTIONS: OptionSpecs = {
  chdir: { type: "string", valueName: "DIR", description: "Terraform directory whose backend \"s3\" block to use (also --dir)." },
  dir: { type: "string", valueName: "DIR", description: "Same as -chdir." },
  "backend-config": { type: "string", multiple: true, valueName: "FILE|KEY=VALUE", description: "Partial backend configuration, as for terraform init (repeatable)." },
  var: { type: "string", multiple: true, valueName: "NAME=VALUE", description: "A variable used by the backend block (repeatable)." },
  "var-file": { type: "string", multiple: true, valueName: "FILE", description: "A variables file (repeatable)." },
  config: { type: "string", valueName: "FILE", description: "Statehouse config file (default $STATEHOUSE_CONFIG or ./statehouse.config.json)." },
  backend: { type: "string", valueName: "NAME", description: "Backend name in the Statehouse config file." },
  workspace: { type: "string", short: "w", valueName: "NAME", description: "Workspace (default $TF_WORKSPACE, else \"default\")." },
  json: { type: "boolean", description: "Print JSON instead of a table." },
  help: { type: "boolean", short: "h", description: "Show help for the command." },
};

/** Where the backend configuration comes from. */
export type BackendSource =
  | { kind: "terraform"; dir?: string; backendConfig: string[]; vars: string[]; varFiles: string[] }
  | { kind: "config-file"; path?: string; name?: string };

export interface Globals {
  json: boolean;
  workspace: string;
  source: BackendSource;
}

export function readGlobals(args: ParsedArgs, io: CliIo, command: string): Globals {
  const chdir = stringOption(args, "chdir");
  const dirOpt = stringOption(args, "dir");
  if (chdir !== undefined && dirOpt !== undefined && chdir !== dirOpt) {
    throw new UsageError("Give the directory once: -chdir and --dir disagree.", command);
  }
  const dir = chdir ?? dirOpt;
  const backendConfig = listOption(args, "backend-config");
  const vars = listOption(args, "var");
  const varFiles = listOption(args, "var-file");
  const configPath = stringOption(args, "config");
  const name = stringOption(args, "backend");

  const terraformStyle = dir !== undefined || backendConfig.length > 0 || vars.length > 0 || varFiles.length > 0;
  if (terraformStyle && (configPath !== undefined || name !== undefined)) {
    throw new UsageError("Give the backend either as for terraform init (-chdir, -backend-config, -var, -var-file) or with --config/--backend, not both.", command);
  }
  const source: BackendSource = terraformStyle
    ? { kind: "terraform", dir, backendConfig, vars, varFiles }
    : { kind: "config-file", path: configPath, name };

  const workspace = stringOption(args, "workspace") ?? (io.env.TF_WORKSPACE || DEFAULT_WORKSPACE);
  return { json: booleanOption(args, "json"), workspace: checkedWorkspace(workspace, command), source };
}

/** A workspace name the tools would refuse is a command-line mistake: a usage error. */
function checkedWorkspace(name: string, command: string): string {
  try {
    return validateWorkspaceName(name);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new UsageError(e.message, command);
    throw e;
  }
}
