/**
 * Digest mismatch warnings for `state show` and `workspaces`: terraform and tofu refuse a state
 * whose digest item does not match, so the CLI says so on stderr. Reads only; never repairs.
 */
import type { BackendContext } from "@/lib/domain/backends";
import type { WorkspaceSummary } from "@/lib/domain/workspaces";
import type { CommandContext } from "./command";

const PLAIN_MD5_ETAG = /^"?([0-9a-f]{32})"?$/;

function warn(ctx: CommandContext, workspace: string, explanation: string): void {
  ctx.io.stderr.write(`Warning: Digest MISMATCH for workspace "${workspace}": ${explanation}\nHint: terraform and tofu refuse this state until it matches; repair it with "statehouse repair-digest -w ${workspace}".\n`);
}

/** Warns when the digest of `key` does not match its current object; a failed check is a warning too, never an error. */
export async function warnDigestMismatch(ctx: CommandContext, backend: BackendContext, workspace: string, key: string): Promise<void> {
  try {
    const { readDigestStatus } = await import("@/lib/domain/locks");
    const d = await readDigestStatus(backend, key);
    if (d.status === "mismatch") warn(ctx, workspace, d.explanation);
  } catch (e) {
    ctx.io.stderr.write(`Warning: the digest of workspace "${workspace}" could not be checked: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

/**
 * Warns for every listed workspace whose digest does not match. The digests are read with BatchGetItem
 * (100 a call); the listing's ETag settles a plain-MD5 match, and only a suspected mismatch costs a HEAD
 * (and, for an ETag that is no MD5, a read) to confirm it.
 */
export async function warnDigestMismatches(ctx: CommandContext, backend: BackendContext, list: readonly WorkspaceSummary[]): Promise<void> {
  if (!backend.ddb || !backend.def.options.dynamodb_table) return;
  const { readDigests } = await import("@/lib/domain/locks");
  let digests: Map<string, string>;
  try {
    digests = await readDigests(backend, list.map((w) => w.key));
  } catch (e) {
    ctx.io.stderr.write(`Warning: the digests could not be checked: ${e instanceof Error ? e.message : String(e)}\n`);
    return;
  }
  for (const w of list) {
    const digest = digests.get(w.key);
    if (!digest) continue;
    const etag = w.etag ? PLAIN_MD5_ETAG.exec(w.etag)?.[1] : undefined;
    if (etag !== digest.toLowerCase()) await warnDigestMismatch(ctx, backend, w.name, w.key);
  }
}
