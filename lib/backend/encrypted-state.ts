import "server-only";
/**
 * The read hook for OpenTofu-encrypted states: the bytes a state read should parse (decrypted with the backend's
 * encryption setup when the object is an envelope), and how they were decrypted. Plain states pass through;
 * an envelope on a backend without encryption settings also passes through (parse reports it as "encrypted").
 */
import { kmsFactoryFor } from "@/lib/aws/kms";
import type { BackendContext } from "@/lib/backend/context";
import { checkInnerFields, decryptStateBytes, firstStateKey, type EncryptionInfo } from "@/lib/encryption/state-crypt";
import { EnvelopeStream } from "@/lib/encryption/stream-open";
import { readStateObject, type StateObject } from "@/lib/backend/versions";
import { countEncryptedRead } from "@/lib/observability/metrics";
import { parseState } from "@/lib/state/parse";
import type { StateReadResult } from "@/lib/state/types";

export function kmsFactory(ctx: BackendContext): ReturnType<typeof kmsFactoryFor> {
  return kmsFactoryFor(ctx.def);
}

/** Cheap test before any JSON parse of a big state: an envelope names encryption_version. */
function mayBeEnvelope(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("\"encryption_version\"");
}

export async function openStateBytes(ctx: BackendContext, bytes: Uint8Array): Promise<{ bytes: Uint8Array; encryption?: EncryptionInfo }> {
  if (!ctx.def.encryption || !mayBeEnvelope(bytes)) return { bytes };
  const opened = await decryptStateBytes(ctx.def.encryption, bytes, kmsFactory(ctx));
  return opened ? { bytes: opened.plaintext, encryption: opened.info } : { bytes };
}

/** parseState of the decrypted bytes, saying how they were decrypted. Throws the StateEncryptionError of a failed decryption. */
export async function parseStoredState(ctx: BackendContext, bytes: Uint8Array): Promise<StateReadResult> {
  if (!ctx.def.encryption || !mayBeEnvelope(bytes)) return parseState(bytes);
  // The plaintext is parsed once: the envelope's clear serial and lineage are checked against the parse.
  const opened = await decryptStateBytes(ctx.def.encryption, bytes, kmsFactory(ctx), { deferInnerCheck: true });
  if (!opened) return parseState(bytes);
  const result = parseState(opened.plaintext);
  if (result.kind !== "state") {
    // Not a readable state inside: tofu's own check says what is wrong (not JSON, or a mismatch).
    await decryptStateBytes(ctx.def.encryption, bytes, kmsFactory(ctx));
    return result;
  }
  checkInnerFields(opened.envelope, { serial: result.state.serial, lineage: result.state.lineage });
  return { ...result, encryption: opened.info };
}

/**
 * Reads a workspace's state (current or at `versionId`) and parses it. On a backend with encryption settings an
 * envelope is decrypted while it downloads; when that cannot be done on the fly, or fails, the whole bytes go
 * through parseStoredState, so the result and every error are the same either way.
 */
export async function readStoredState(ctx: BackendContext, workspace: string, versionId?: string): Promise<{ object: StateObject; result: StateReadResult }> {
  const setup = ctx.def.encryption;
  if (!setup) {
    const object = await readStateObject(ctx, workspace, versionId);
    return { object, result: parseState(object.bytes) };
  }
  // A holder, not a `let`: the stream is created inside the read's callback.
  const streaming: { stream?: EnvelopeStream<EncryptionInfo> } = {};
  let object: StateObject;
  try {
    object = await readStateObject(ctx, workspace, versionId, {
      onChunk: (chunk, size) => {
        streaming.stream ??= new EnvelopeStream((meta) => firstStateKey(setup, meta, kmsFactory(ctx)), size);
        return streaming.stream.push(chunk);
      },
    });
  } catch (e) {
    await streaming.stream?.finish(); // releases the worker's job
    throw e;
  }
  const opened = await streaming.stream?.finish();
  if (opened) {
    const result = parseState(opened.plaintext);
    if (result.kind === "state") {
      checkInnerFields({ metaKeys: opened.metaKeys, serial: opened.serial, lineage: opened.lineage, encryptionVersion: opened.encryptionVersion }, { serial: result.state.serial, lineage: result.state.lineage });
      countEncryptedRead("streamed");
      return { object, result: { ...result, encryption: opened.info } };
    }
  }
  const result = await parseStoredState(ctx, object.bytes);
  if (result.kind === "state" && result.encryption) countEncryptedRead("whole");
  return { object, result };
}
