import "server-only";
/**
 * Restoring a prior version by copying it forward as the new current version (DESIGN.md
 * "Restoring a prior version"): lock as the tools do, re-read the current object under the lock,
 * write the chosen bytes with serial = current + 1 and If-Match on the current ETag, write the
 * digest, release the lock. No version is ever deleted, so every step can fail safely:
 * - before the put: nothing changed;
 * - the put itself: If-Match/If-None-Match guarantee it either replaced exactly the object we read
 *   or did nothing; a lost answer is resolved by looking for our own write (restore-id metadata);
 * - the digest after the put: the new version stands, and the error says the digest is stale and how to repair it;
 * - the release: the error names the lock ID to break.
 */
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sseCustomerParams, usesCustomerKey } from "@/lib/aws/clients";
import { mapAwsError, s3Arn } from "@/lib/aws/errors";
import { LineageMismatchError, NotFoundError, PreconditionFailedError, StatehouseError, StateUnreadableError } from "@/lib/errors";
import { parseState } from "@/lib/state/parse";
import { readLineage, readSerial, restoredSerial, withSerial } from "@/lib/state/serial";
import type { BackendContext } from "./context";
import { md5Hex, writeDigest } from "./digest";
import { digestIdFor, lockIdFor, stateKey, validateWorkspaceName } from "./keys";
import { isConditionFailure, objectPutParams, RESTORE_OPERATION, STATEHOUSE_LOCK_VERSION, withLocks } from "./locks/protocol";
import { newLockInfo } from "@/lib/gocompat/lockinfo";
import { openedForRestore, sealForBackend } from "./restore-encryption";
import { readObject, type StateObject } from "./versions";

export interface RestoreRequest {
  workspace: string;
  /** The version to bring back (an S3 version ID, or "null"). */
  versionId: string;
  /** Who asks, `user@host` style: goes into LockInfo.Who and the object metadata. */
  who: string;
  /** Needed when the chosen version has another lineage than the current state. */
  confirmLineageChange?: boolean;
  /** The current version the user saw; the restore is refused if it is no longer current. */
  expectedCurrentVersionId?: string;
  /** LockInfo.Version. */
  toolVersion?: string;
}

export interface RestoreResult {
  newVersionId: string;
  serial: bigint;
  restoredFrom: string;
  /** Null when the workspace had no current object (a deleted workspace brought back). */
  previousVersionId: string | null;
  /** The digest written, or null when the backend has no dynamodb_table. */
  digest: string | null;
  /** The ID of the lock held during the restore (already released). */
  lockId: string;
}

/** Object metadata (S3 lowercases the names) recording what a restore wrote. */
export const RESTORED_FROM_META = "statehouse-restored-from";
export const RESTORED_BY_META = "statehouse-restored-by";
/** The lock ID of the restore: recognises our own write when the answer to the put was lost. */
export const RESTORE_ID_META = "statehouse-restore-id";

/** S3 metadata travels in HTTP headers: printable ASCII only. Lone surrogates become U+FFFD, as in LockInfo (encodeURIComponent throws on them). */
function headerSafe(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : encodeURIComponent(s.replace(/\p{Cs}/gu, "\ufffd"));
}

/** Only a plain, readable state is restored: anything else would be written back blind. */
function assertRestorable(obj: StateObject, versionId: string): { serial: bigint; lineage: string | null } {
  const r = parseState(obj.bytes);
  const refuse = (why: string) =>
    new StateUnreadableError(`Version ${versionId} cannot be restored: ${why}`, { versionId, kind: r.kind });
  switch (r.kind) {
    case "state":
      return { serial: readSerial(obj.bytes), lineage: readLineage(obj.bytes) };
    case "encrypted":
      throw refuse("it is an OpenTofu encrypted state and this backend has no encryption settings to decrypt it with. Give the backend tofu's encryption configuration, or restore it with tofu (`tofu state push`).");
    case "empty":
      throw refuse("it holds no state (empty object).");
    case "corrupt":
      throw refuse(`it is not valid JSON (${r.message}).`);
    case "future":
      throw refuse(`it is state format version ${r.version}, newer than Statehouse understands.`);
    case "not-state":
      throw refuse(`it is not a Terraform state (${r.message}).`);
  }
}

/** The current object, or null when there is none (never written, or its latest version is a delete marker). */
export async function readCurrentObject(ctx: BackendContext, key: string): Promise<StateObject | null> {
  try {
    return await readObject(ctx, key);
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}

/** A value the current object may not give (corrupt current state): the restore must still be able to replace it. */
function tryRead<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** After a failed put: the version our own put created, if it landed (the SDK's retry then saw its precondition fail). */
async function ownWrite(ctx: BackendContext, key: string, restoreId: string): Promise<string | null> {
  try {
    const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: ctx.def.options.bucket, Key: key, ...sseCustomerParams(ctx.def.options) }));
    return head.Metadata?.[RESTORE_ID_META] === restoreId ? (head.VersionId ?? "null") : null;
  } catch {
    return null;
  }
}

async function putRestored(ctx: BackendContext, key: string, body: Uint8Array, current: StateObject | null, req: RestoreRequest, restoreId: string): Promise<string> {
  const { bucket } = ctx.def.options;
  try {
    const out = await ctx.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ...(current ? { IfMatch: current.etag } : { IfNoneMatch: "*" }),
        ...objectPutParams(ctx.def.options),
        Metadata: { [RESTORED_FROM_META]: req.versionId, [RESTORED_BY_META]: headerSafe(req.who), [RESTORE_ID_META]: restoreId },
      }),
    );
    return out.VersionId ?? "null";
  } catch (err) {
    const landed = await ownWrite(ctx, key, restoreId);
    if (landed !== null) return landed;
    if (isConditionFailure(err)) {
      throw new PreconditionFailedError(
        current
          ? `The state changed while restoring (its ETag is no longer ${current.etag}); nothing was written.`
          : "A state object appeared while restoring the deleted workspace; nothing was written.",
        { key, expectedEtag: current?.etag ?? null },
      );
    }
    throw mapAwsError(err, { action: "s3:PutObject", resource: s3Arn(bucket, key), bucket, sseCustomerKey: usesCustomerKey(ctx.def.options) });
  }
}

function staleDigestError(ctx: BackendContext, key: string, result: Omit<RestoreResult, "digest">, digest: string, cause: unknown): StatehouseError {
  const { bucket, dynamodb_table } = ctx.def.options;
  const digestId = digestIdFor(bucket, key);
  const why = cause instanceof Error ? cause.message : String(cause);
  return new StatehouseError(
    "UPSTREAM",
    `Version ${result.restoredFrom} was restored as the new current version ${result.newVersionId} (serial ${result.serial}), but the digest could not be written (${why}). ` +
      `The digest is now stale: terraform and tofu will refuse to read this state ("state data in S3 does not have the expected content") until it is repaired.`,
    {
      hint: `Repair the digest (Lock tab → Repair digest, as an admin), or set Digest = "${digest}" on the item LockID = "${digestId}" in table ${dynamodb_table}.`,
      details: { ...result, digestStale: true, expectedDigest: digest, digestLockId: digestId },
      cause,
    },
  );
}

/** Copies `versionId` forward as the new current version of `workspace`. See the module comment for the failure guarantees. */
export async function restoreVersion(ctx: BackendContext, req: RestoreRequest): Promise<RestoreResult> {
  validateWorkspaceName(req.workspace);
  const key = stateKey(ctx.def.options, req.workspace);
  // A version is immutable, so it is read (and refused if unfit) before taking the lock: the lock is held briefly.
  // An OpenTofu-encrypted version is decrypted first (and sealed again below), so it is checked like any other.
  const { object: chosen } = await openedForRestore(ctx, await readObject(ctx, key, req.versionId));
  const source = assertRestorable(chosen, req.versionId);
  const info = newLockInfo({
    operation: RESTORE_OPERATION,
    who: req.who,
    version: req.toolVersion ?? STATEHOUSE_LOCK_VERSION,
    path: lockIdFor(ctx.def.options.bucket, key),
    info: `Statehouse restore of version ${req.versionId}`,
  });

  return withLocks(
    ctx,
    key,
    info,
    async () => {
      const current = await readCurrentObject(ctx, key);
      // The user confirmed replacing a version they saw: not a state written since, nor undoing a delete made since.
      if (req.expectedCurrentVersionId !== undefined && current?.versionId !== req.expectedCurrentVersionId) {
        throw new PreconditionFailedError(
          current
            ? `The current version is now ${current.versionId}, not ${req.expectedCurrentVersionId}; nothing was written.`
            : `The workspace was deleted since version ${req.expectedCurrentVersionId} was seen as current; nothing was written.`,
          { expected: req.expectedCurrentVersionId, actual: current?.versionId ?? null },
        );
      }
      const currentLineage = current ? tryRead(() => readLineage(current.bytes)) : null;
      if (currentLineage !== null && currentLineage !== source.lineage && req.confirmLineageChange !== true) {
        throw new LineageMismatchError(currentLineage, source.lineage ?? "(none)");
      }
      const currentSerial = current ? tryRead(() => readSerial(current.bytes)) : null;
      const serial = restoredSerial(currentSerial, source.serial);
      const body = await sealForBackend(ctx, withSerial(chosen.bytes, serial));
      const newVersionId = await putRestored(ctx, key, body, current, req, info.ID);
      const result = { newVersionId, serial, restoredFrom: req.versionId, previousVersionId: current?.versionId ?? null, lockId: info.ID };
      if (!ctx.ddb || !ctx.def.options.dynamodb_table) return { ...result, digest: null };
      try {
        return { ...result, digest: await writeDigest(ctx, key, body) };
      } catch (err) {
        throw staleDigestError(ctx, key, result, md5Hex(body), err);
      }
    },
    (r) => `Version ${r.restoredFrom} was restored as the new current version ${r.newVersionId} (serial ${r.serial})`,
  );
}
