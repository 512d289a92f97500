/**
 * Opens the backend the global options select: a Terraform-style configuration (as given to
 * `terraform init`) or a named backend of the Statehouse config file. In a Terraform directory
 * with no config file around, `statehouse workspaces` just works, like `terraform workspace list`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseAuditConfig, type AuditConfig } from "@/lib/audit/config";
import { openBackend, type BackendContext } from "@/lib/domain/backends";
import { resolveBackendConfig } from "@/lib/config/load-backend-config";
import { loadStatehouseConfig } from "@/lib/config/statehouse-config";
import { loadEncryptionSetup } from "@/lib/encryption/load";
import type { BackendDefinition } from "@/lib/config/types";
import { NotFoundError } from "@/lib/errors";
import { UsageError } from "./args";
import type { BackendSource } from "./globals";
import type { CliIo } from "./io";

const DEFAULT_CONFIG = "statehouse.config.json";

export interface SelectedBackend {
  backend: BackendContext;
  /** The `audit` section of the Statehouse config the backend came from; {} for a backend given as for terraform init. */
  audit: AuditConfig;
}

export async function openSelectedBackend(source: BackendSource, io: CliIo): Promise<SelectedBackend> {
  const { def, audit } = await selectDefinition(source, io);
  return { backend: openBackend(def), audit };
}

async function selectDefinition(source: BackendSource, io: CliIo): Promise<{ def: BackendDefinition; audit: AuditConfig }> {
  const cwd = io.cwd ?? process.cwd();
  if (source.kind === "config-file") {
    const explicit = source.path ?? io.env.STATEHOUSE_CONFIG;
    const file = path.resolve(cwd, explicit ?? DEFAULT_CONFIG);
    if (explicit !== undefined || source.name !== undefined || existsSync(file)) return fromConfigFile(file, source.name);
    return { def: await fromTerraform({ kind: "terraform", dir: cwd, backendConfig: [], vars: [], varFiles: [] }, io), audit: {} };
  }
  return { def: await fromTerraform(source, io), audit: {} };
}

async function fromConfigFile(file: string, name: string | undefined): Promise<{ def: BackendDefinition; audit: AuditConfig }> {
  const config = await loadStatehouseConfig(file);
  // Validated before any command runs, so that a write is never followed by an audit config error.
  return { def: pickBackend(config.backends, file, name), audit: parseAuditConfig(config.audit) };
}

function pickBackend(backends: readonly BackendDefinition[], file: string, name: string | undefined): BackendDefinition {
  const names = backends.map((b) => b.name);
  if (name !== undefined) {
    const def = backends.find((b) => b.name === name);
    if (!def) throw new NotFoundError(`No backend named "${name}" in ${file}. Backends: ${names.join(", ") || "(none)"}.`, { backend: name });
    return def;
  }
  if (backends.length === 1) return backends[0]!;
  throw new UsageError(backends.length === 0 ? `${file} defines no backends.` : `Choose a backend with --backend NAME: ${names.join(", ")}.`);
}

async function fromTerraform(source: Extract<BackendSource, { kind: "terraform" }>, io: CliIo): Promise<BackendDefinition> {
  const cwd = io.cwd ?? process.cwd();
  // Like terraform, the working directory holds the backend block unless only -backend-config items say it all.
  const dir = source.dir ?? (source.backendConfig.length === 0 ? cwd : undefined);
  const resolved = await resolveBackendConfig({ dir, backendConfig: source.backendConfig, vars: parseVars(source.vars), varFiles: source.varFiles, cwd });
  for (const w of resolved.warnings) io.stderr.write(`Warning: ${w.option ? `${w.option}: ` : ""}${w.message}\n`);
  // The directory's encryption block and TF_ENCRYPTION, exactly what tofu would use here.
  const encryption = await loadEncryptionSetup({ dir, envVar: "TF_ENCRYPTION", varFiles: source.varFiles, vars: parseVars(source.vars), cwd, env: io.env });
  return { name: "cli", options: resolved.options, source: resolved.source, ...(encryption ? { encryption } : {}) };
}

/** `-var 'name=value'` items; the value is a string, as terraform takes it for a string variable. */
function parseVars(items: readonly string[]): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`-var "${item}": expected NAME=VALUE.`);
    vars[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return vars;
}
