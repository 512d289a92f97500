/**
 * Real OpenTofu for tests (built by scripts/build-tofu.sh into .tools/): writes Terraform directories whose s3
 * backend points at the local moto, and runs tofu in them. Only for tests; passphrases here are test values.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { TEST_REGION } from "./moto";

const run = promisify(execFile);

export const TOFU_VERSION = "1.12.6";
export const TOFU_BIN = path.resolve(__dirname, "..", ".tools", `tofu-${TOFU_VERSION}`, "tofu");

export function tofuAvailable(): boolean {
  return existsSync(TOFU_BIN);
}

export interface TofuDir {
  dir: string;
  /** Runs tofu with the moto credentials and endpoints in its environment; rejects with tofu's stderr on failure. */
  tofu(args: string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  /** Rewrites main.tf (a new encryption block or new outputs), keeping the backend. */
  write(encryptionBlock: string, body: string): Promise<void>;
}

export async function tofuDir(opts: { endpoint: string; bucket: string; key: string }): Promise<TofuDir> {
  const dir = await mkdtemp(path.join(tmpdir(), "statehouse-tofu-"));
  await mkdir(path.join(dir, ".plugins"), { recursive: true });
  const backend = `
  backend "s3" {
    bucket                      = "${opts.bucket}"
    key                         = "${opts.key}"
    region                      = "${TEST_REGION}"
    endpoints                   = { s3 = "${opts.endpoint}" }
    use_path_style              = true
    skip_credentials_validation = true
    skip_requesting_account_id  = true
    skip_metadata_api_check     = true
    skip_region_validation      = true
    skip_s3_checksum            = true
    access_key                  = "testing"
    secret_key                  = "testing"
  }`;
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dir,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: TEST_REGION,
    AWS_ENDPOINT_URL_KMS: opts.endpoint,
    AWS_EC2_METADATA_DISABLED: "true",
  };
  return {
    dir,
    async tofu(args, env = {}) {
      try {
        return await run(TOFU_BIN, ["-chdir=" + dir, ...args], { env: { ...baseEnv, ...env } as NodeJS.ProcessEnv, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      } catch (e) {
        const err = e as { stderr?: string; stdout?: string; message: string };
        throw new Error(`tofu ${args.join(" ")} failed: ${err.stderr || err.stdout || err.message}`);
      }
    },
    async write(encryptionBlock, body) {
      await writeFile(path.join(dir, "main.tf"), `terraform {${backend}\n${encryptionBlock}\n}\n\n${body}\n`);
    },
  };
}

/** A small configuration with a resource and outputs of several types (one sensitive), changing with `n`. */
export function outputsBody(n: number): string {
  return `
variable "passphrase" {
  type      = string
  sensitive = true
  default   = null
}

resource "terraform_data" "thing" {
  input = "generation-${n}"
}

output "name" {
  value = "app-${n}"
}

output "numbers" {
  value = [1, 2.5, ${n}]
}

output "nested" {
  value = { region = "eu-west-1", replicas = ${n}, tags = { team = "platform" } }
}

output "secret" {
  value     = "s3cr3t-${n}"
  sensitive = true
}
`;
}
