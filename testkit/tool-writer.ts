/**
 * Plays terraform / tofu against a backend: writes state, locks and digests exactly as they do
 * (DESIGN.md), so tests, the demo and the benchmark see what real runs leave in S3 and DynamoDB.
 *
 * Deliberately independent of lib/backend/lock-ops.ts: it stands for the other party, so tests
 * compare Statehouse's lock handling against a separate implementation of the tools' protocol.
 */
import { createHash, randomBytes } from "node:crypto";
import { DeleteObjectCommand, PutObjectCommand, type ObjectCannedACL } from "@aws-sdk/client-s3";
import { DeleteItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { encryptionParamsForPut } from "@/lib/aws/clients";
import type { BackendContext } from "@/lib/backend/context";
import { digestIdFor, lockIdFor, lockKeyFor, stateKey } from "@/lib/backend/keys";
import { encodeLockInfo, newLockInfo } from "@/lib/gocompat/lockinfo";
import type { LockInfo } from "@/lib/backend/types";

export type ToolFlavour = "terraform" | "tofu";

export interface RunInfo {
  who?: string;
  operation?: string;
  version?: string;
  /** LockInfo.Created; defaults to now. */
  now?: Date;
}

export interface WriteResult {
  key: string;
  bytes: Uint8Array;
  versionId: string;
  etag: string;
  lock: LockInfo;
}

/** Go's encoder escapes these even inside JSON strings (HTML-safe by default); JS does not. */
const GO_HTML_ESCAPES: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/**
 * State bytes as each tool writes them: terraform `json.MarshalIndent(…, "", "  ")` + "\n",
 * tofu ≥ 1.8 compact `json.Marshal` + "\n" for remote state. These characters only occur inside
 * strings in JSON text, so replacing them in the output is exact.
 */
export function toolStateBytes(flavour: ToolFlavour, state: unknown): Uint8Array {
  const text = JSON.stringify(state, null, flavour === "terraform" ? 2 : undefined).replace(/[<>&\u2028\u2029]/g, (c) => GO_HTML_ESCAPES[c]!);
  return new TextEncoder().encode(text + "\n");
}

export class ToolWriter {
  constructor(
    readonly ctx: BackendContext,
    readonly flavour: ToolFlavour = "terraform",
  ) {}

  private get options() {
    return this.ctx.def.options;
  }

  private putParams() {
    const { ACL, ...encryption } = encryptionParamsForPut(this.options);
    return {
      ContentType: "application/json",
      ...(this.options.skip_s3_checksum ? {} : { ChecksumAlgorithm: "SHA256" as const }),
      ...encryption,
      ...(ACL ? { ACL: ACL as ObjectCannedACL } : {}),
    };
  }

  private lockInfo(key: string, run: RunInfo): LockInfo {
    return newLockInfo({
      operation: run.operation ?? "OperationTypeApply",
      who: run.who ?? "ci@runner-1",
      version: run.version ?? (this.flavour === "terraform" ? "1.10.3" : "1.9.1"),
      path: lockIdFor(this.options.bucket, key),
      now: run.now,
    });
  }

  /** Takes the configured locks in the tools' order: `.tflock` (If-None-Match: *) first, then DynamoDB. */
  async lock(workspace: string, run: RunInfo = {}, kinds?: { s3?: boolean; dynamodb?: boolean }): Promise<LockInfo> {
    const key = stateKey(this.options, workspace);
    const info = this.lockInfo(key, run);
    const body = encodeLockInfo(info);
    if (kinds?.s3 ?? this.options.use_lockfile === true) {
      await this.ctx.s3.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: lockKeyFor(key), Body: body, IfNoneMatch: "*", ...this.putParams() }));
    }
    const table = this.options.dynamodb_table;
    if ((kinds?.dynamodb ?? Boolean(table)) && table && this.ctx.ddb) {
      await this.ctx.ddb.send(
        new PutItemCommand({
          TableName: table,
          Item: { LockID: { S: lockIdFor(this.options.bucket, key) }, Info: { S: body } },
          ConditionExpression: "attribute_not_exists(LockID)",
        }),
      );
    }
    return info;
  }

  /** Releases both lock kinds as Tofu does: DynamoDB delete conditional on the exact Info, then the `.tflock`. */
  async unlock(workspace: string, info: LockInfo): Promise<void> {
    const key = stateKey(this.options, workspace);
    const table = this.options.dynamodb_table;
    if (table && this.ctx.ddb) {
      await this.ctx.ddb.send(
        new DeleteItemCommand({
          TableName: table,
          Key: { LockID: { S: lockIdFor(this.options.bucket, key) } },
          ConditionExpression: "Info = :info",
          ExpressionAttributeValues: { ":info": { S: encodeLockInfo(info) } },
        }),
      );
    }
    if (this.options.use_lockfile === true) await this.ctx.s3.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: lockKeyFor(key) }));
  }

  /** Writes the state object and its digest without locking (what happens inside a locked run). */
  async putState(workspace: string, state: unknown): Promise<Omit<WriteResult, "lock">> {
    const key = stateKey(this.options, workspace);
    const bytes = typeof state === "string" || state instanceof Uint8Array ? toBytes(state) : toolStateBytes(this.flavour, state);
    const res = await this.ctx.s3.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: bytes, ...this.putParams() }));
    await this.putDigest(key, createHash("md5").update(bytes).digest("hex"));
    return { key, bytes, versionId: res.VersionId ?? "null", etag: res.ETag ?? "" };
  }

  /** A full `terraform apply`: lock, write state, write digest, unlock. */
  async apply(workspace: string, state: unknown, run: RunInfo = {}): Promise<WriteResult> {
    const lock = await this.lock(workspace, run);
    try {
      return { ...(await this.putState(workspace, state)), lock };
    } finally {
      await this.unlock(workspace, lock);
    }
  }

  /** `terraform workspace delete`: the state object and the digest item, never the `.tflock`. */
  async deleteWorkspace(workspace: string): Promise<void> {
    const key = stateKey(this.options, workspace);
    await this.ctx.s3.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
    const table = this.options.dynamodb_table;
    if (table && this.ctx.ddb) {
      await this.ctx.ddb.send(new DeleteItemCommand({ TableName: table, Key: { LockID: { S: digestIdFor(this.options.bucket, key) } } }));
    }
  }

  /** Leaves a digest that matches no version: what an interrupted or out-of-band write leaves. */
  async corruptDigest(workspace: string): Promise<string> {
    const digest = randomBytes(16).toString("hex");
    await this.putDigest(stateKey(this.options, workspace), digest);
    return digest;
  }

  private async putDigest(key: string, digest: string): Promise<void> {
    const table = this.options.dynamodb_table;
    if (!table || !this.ctx.ddb) return;
    await this.ctx.ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: digestIdFor(this.options.bucket, key) }, Digest: { S: digest } } }));
  }
}

function toBytes(s: string | Uint8Array): Uint8Array {
  return typeof s === "string" ? new TextEncoder().encode(s) : s;
}
