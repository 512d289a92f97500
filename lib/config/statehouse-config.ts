/**
 * The Statehouse config file: its `backends` are checked here and each resolved from its
 * directory, -backend-config items, variables and inline options (paths relative to the
 * file). `auth`, `roles` and `audit` are passed through to their own modules.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { parseGoDurationSeconds } from "@/lib/gocompat/duration";
import { parseJsonConfig } from "./hcl";
import { parseByteSize } from "./byte-size";
import { ENV_NAME, loadEncryptionSetup } from "@/lib/encryption/load";
import { resolveBackendConfig } from "./load-backend-config";
import type { BackendDefinition, StatehouseConfig } from "./types";

const BACKEND_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

const backendEntry = z.strictObject({
  name: z.string().regex(BACKEND_NAME, "must be 1 to 63 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"),
  description: z.string().optional(),
  dir: z.string().min(1).optional(),
  backend_config: z.array(z.string()).optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
  var_files: z.array(z.string()).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Age past which a held lock is shown as probably abandoned (Go duration, default "1h"). */
  stale_lock_after: z.string().optional(),
  /** Largest state Statehouse reads for this backend (bytes, or "512MiB"); default STATEHOUSE_MAX_STATE_SIZE or 512 MiB. */
  max_state_size: z.union([z.string(), z.number()]).optional(),
  /** OpenTofu state encryption: names of places holding it, never passphrases or keys themselves. */
  encryption: z
    .strictObject({
      dir: z.string().min(1).optional(),
      env: z.string().regex(ENV_NAME, "must be an environment variable name").optional(),
      var_files: z.array(z.string()).optional(),
      kms_endpoint: z.string().url().optional(),
    })
    .optional(),
});

const configFile = z.strictObject({
  $schema: z.string().optional(),
  backends: z.array(backendEntry),
  auth: z.unknown().optional(),
  roles: z.unknown().optional(),
  audit: z.unknown().optional(),
});

function issuePath(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

/** Validates a parsed config file; `baseDir` anchors its relative paths. */
export async function parseStatehouseConfig(json: unknown, baseDir: string, filePath = path.join(baseDir, "statehouse.config.json")): Promise<StatehouseConfig> {
  const parsed = configFile.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ option: issuePath(i.path) || undefined, message: i.message, source: filePath })));
  }
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const [i, b] of parsed.data.backends.entries()) {
    if (seen.has(b.name)) problems.push({ option: `backends[${i}].name`, message: `the backend name "${b.name}" is used twice`, source: filePath });
    seen.add(b.name);
  }
  const backends: BackendDefinition[] = [];
  // One at a time: the HCL parser is a single WASM instance.
  for (const b of parsed.data.backends) {
    try {
      const r = await resolveBackendConfig({ dir: b.dir, backendConfig: b.backend_config, json: b.options, vars: b.vars, varFiles: b.var_files, cwd: baseDir });
      const staleLockAfterSeconds = b.stale_lock_after === undefined ? undefined : parseGoDurationSeconds(b.stale_lock_after, "stale_lock_after");
      const maxStateBytes = b.max_state_size === undefined ? undefined : parseByteSize(b.max_state_size, "max_state_size");
      const e = b.encryption;
      // Like tofu, the backend's own directory carries the encryption block unless another is named.
      const encryption = await loadEncryptionSetup({
        dir: e?.dir ?? b.dir,
        envVar: e?.env,
        varFiles: e?.var_files ?? b.var_files,
        vars: b.vars,
        kmsEndpoint: e?.kms_endpoint,
        cwd: baseDir,
        env: process.env,
      });
      backends.push({
        name: b.name,
        ...(b.description === undefined ? {} : { description: b.description }),
        options: r.options,
        source: r.source,
        ...(r.warnings.length ? { warnings: r.warnings } : {}),
        ...(staleLockAfterSeconds === undefined ? {} : { staleLockAfterSeconds }),
        ...(maxStateBytes === undefined ? {} : { maxStateBytes }),
        ...(encryption ? { encryption } : {}),
      });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems.map((p) => ({ ...p, option: `backend "${b.name}"${p.option ? `: ${p.option}` : ""}` })));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const d = parsed.data;
  return { path: filePath, backends, auth: d.auth, roles: d.roles, audit: d.audit };
}

export async function loadStatehouseConfig(file: string = process.env.STATEHOUSE_CONFIG ?? "./statehouse.config.json"): Promise<StatehouseConfig> {
  const abs = path.resolve(/*turbopackIgnore: true*/ file);
  let text: string;
  try {
    text = await readFile(abs, "utf8");
  } catch (e) {
    throw new ConfigError([{ message: `cannot read the Statehouse config file ${abs}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }], {
      hint: "Create it, or point STATEHOUSE_CONFIG at it.",
    });
  }
  return parseStatehouseConfig(parseJsonConfig(abs, text), path.dirname(abs), abs);
}
