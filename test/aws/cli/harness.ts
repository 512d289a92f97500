/**
 * Runs the CLI in-process with captured output, against a backend on the local moto server.
 */
import type { S3BackendOptions } from "@/lib/config/types";
import type { CliIo } from "@/lib/cli/io";
import { run } from "@/lib/cli/run";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], opts: { env?: Record<string, string>; cwd?: string; answer?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
    ask: opts.answer === undefined ? undefined : async () => opts.answer!,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** The backend as `-backend-config=KEY=VALUE` items, the way `terraform init` is given it. */
export function backendConfigArgs(o: S3BackendOptions): string[] {
  const items = [
    `bucket=${o.bucket}`,
    `key=${o.key}`,
    `region=${o.region}`,
    `access_key=${o.access_key}`,
    `secret_key=${o.secret_key}`,
    "use_path_style=true",
    `endpoints={ s3 = "${o.endpoints?.s3}", dynamodb = "${o.endpoints?.dynamodb}" }`,
    ...(o.dynamodb_table ? [`dynamodb_table=${o.dynamodb_table}`] : []),
    ...(o.use_lockfile ? ["use_lockfile=true"] : []),
  ];
  return items.map((i) => `-backend-config=${i}`);
}
