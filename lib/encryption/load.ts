/**
 * A backend's encryption setup, gathered as tofu gathers it: the Terraform directory's `terraform { encryption {} }`
 * blocks, overridden by a TF_ENCRYPTION-style environment variable (HCL or JSON), evaluated with the directory's
 * variables (TF_VAR_* from the environment, tfvars, var files) and locals. Problems are kept, not thrown, so a
 * backend whose passphrase is missing still lists; values never appear in them.
 */
import path from "node:path";
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { parseHcl, parseJsonConfig, type HclBody } from "@/lib/config/hcl";
import { readTerraformDir, type TerraformDir } from "@/lib/config/terraform-dir";
import { backendScope, collectVariableValues } from "@/lib/config/variables";
import { mergeEncryptionBodies, resolveEncryptionConfig } from "./config";
import type { EncryptionSetup } from "./state-crypt";

type Env = Record<string, string | undefined>;

export interface EncryptionSource {
  /** Terraform directory holding the encryption block (usually the backend's own). */
  dir?: string;
  /** Name of the environment variable holding TF_ENCRYPTION-style configuration. */
  envVar?: string;
  varFiles?: string[];
  vars?: Record<string, unknown>;
  /** KMS endpoint for aws_kms key providers; default AWS_ENDPOINT_URL_KMS. */
  kmsEndpoint?: string;
  cwd: string;
  env: Env;
}

export type LoadedEncryptionSetup = EncryptionSetup;

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Undefined when neither the directory nor the environment configures encryption. */
export async function loadEncryptionSetup(src: EncryptionSource): Promise<LoadedEncryptionSetup | undefined> {
  const problems: ConfigProblem[] = [];
  const sources: string[] = [];
  let dir: TerraformDir | null = null;
  let body: HclBody | null = null;
  const kmsEndpoint = src.kmsEndpoint || src.env.AWS_ENDPOINT_URL_KMS || undefined;
  try {
    if (src.dir) {
      dir = await readTerraformDir(path.resolve(/*turbopackIgnore: true*/ src.cwd, src.dir), { backendRequired: false });
      for (const block of dir.encryption) {
        body = mergeEncryptionBodies(body, block.body);
        sources.push(block.file);
      }
    }
    const text = src.envVar ? src.env[src.envVar]?.trim() : undefined;
    if (src.envVar && text) {
      const envBody = text.startsWith("{") ? parseJsonConfig(src.envVar, text) : await parseHcl(src.envVar, text);
      body = mergeEncryptionBodies(body, envBody);
      sources.push(`environment variable ${src.envVar}`);
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  if (!body) {
    if (problems.length === 0) return undefined;
    return { config: null, problems, source: sources.join(" + ") || "encryption settings", ...(kmsEndpoint ? { kmsEndpoint } : {}) };
  }
  const source = sources.join(" + ");
  try {
    const values = await collectVariableValues(dir, { varFiles: (src.varFiles ?? []).map((f) => path.resolve(/*turbopackIgnore: true*/ src.cwd, f)), vars: src.vars ?? {}, env: src.env });
    const resolved = await resolveEncryptionConfig(body, backendScope(dir, values), source);
    return { config: resolved.config, problems: [...problems, ...resolved.problems], source, ...(kmsEndpoint ? { kmsEndpoint } : {}) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { config: null, problems: [...problems, ...e.problems], source, ...(kmsEndpoint ? { kmsEndpoint } : {}) };
  }
}
