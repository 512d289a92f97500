/**
 * Decrypting an OpenTofu state envelope while it downloads: the small head (serial, lineage, meta) gives the key,
 * then each chunk of `encrypted_data` is base64-decoded and fed to AES-GCM as it arrives, the last 16 bytes held
 * back as the tag. A 40 MB envelope is then opened in the time its bytes take to arrive, not after.
 *
 * An optimisation only, never a second verdict: anything this does not expect (another key order, a method that
 * needs a fallback, a wrong key, a bad tag, odd base64) makes `finish` return null, and the caller decrypts the
 * whole bytes the ordinary way, whose errors are the ones users see. Pure apart from node:crypto.
 */
import { createDecipheriv, type DecipherGCM } from "node:crypto";
import { isRecord } from "@/lib/state/shape";
import { ENCRYPTION_VERSION, readEnvelope } from "./envelope";

const NONCE = 12;
const TAG = 16;
/** The head (everything before the data) holds a few key providers' metadata: far less than this. */
const MAX_HEAD = 1 << 20;
const SLICE = 16 << 10;
const DATA_MEMBER = Buffer.from('"encrypted_data":"');
const DATA_NAME = Buffer.from('"encrypted_data"');

/** The key one method would decrypt with, and what to report when it does. */
export interface StreamKey<Info> {
  key: Buffer;
  aad?: Buffer;
  info: Info;
}

export interface StreamOpened<Info> {
  plaintext: Buffer;
  info: Info;
  serial: number | null;
  lineage: string;
  metaKeys: string[];
  encryptionVersion: string;
}

type Phase = "head" | "key" | "data" | "tail" | "failed";

export class EnvelopeStream<Info> {
  private phase: Phase = "head";
  private head: Buffer = Buffer.alloc(0); // the envelope so far, until the data begins
  private headText = "";
  private tailParts: Buffer[] = [];
  private chosen: StreamKey<Info> | null = null;
  private decipher: DecipherGCM | null = null;
  private carry = ""; // base64 characters not yet a whole group of four
  private scratch = Buffer.allocUnsafe((SLICE / 4) * 3 + 3);
  private held: Buffer = Buffer.alloc(0); // decoded bytes not yet given to the cipher: the nonce, then the last 16
  private out: Buffer = Buffer.alloc(0);
  private written = 0;
  private facts: { serial: number | null; lineage: string; metaKeys: string[] } = { serial: null, lineage: "", metaKeys: [] };

  /** `capacity`: the object's size; the plaintext is at most three quarters of it. */
  constructor(
    private readonly keyFor: (meta: Map<string, Buffer>) => Promise<StreamKey<Info> | null>,
    private readonly capacity: number,
  ) {}

  /** Takes the next chunk of the object. Never throws: a surprise ends the streaming (see finish). */
  async push(chunk: Uint8Array): Promise<void> {
    if (this.phase === "failed") return;
    try {
      let rest = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (this.phase === "head") {
        rest = this.takeHead(rest) ?? Buffer.alloc(0);
        if ((this.phase as Phase) === "key") {
          await this.chooseKey();
          if ((this.phase as Phase) !== "data") return;
        }
      }
      if (this.phase === "data") rest = this.takeData(rest);
      if (this.phase === "tail" && rest.length) this.tailParts.push(Buffer.from(rest));
    } catch {
      this.fail();
    }
  }

  /** The plaintext, when the whole envelope streamed through and its tag checked; null otherwise. */
  finish(): StreamOpened<Info> | null {
    if (this.phase !== "tail" || !this.decipher || !this.chosen || this.held.length !== TAG) return null;
    try {
      const tail = Buffer.concat(this.tailParts).toString("utf8");
      if (tail.includes(DATA_NAME.toString())) return null;
      const doc: unknown = JSON.parse(`${this.headText}"${tail}`);
      if (!isRecord(doc) || doc.encrypted_data !== "" || doc.encryption_version !== ENCRYPTION_VERSION) return null;
      this.decipher.setAuthTag(this.held);
      const last = this.decipher.final();
      if (last.length) this.write(last);
    } catch {
      return null; // a wrong key or altered data: the ordinary path says which
    }
    return { plaintext: this.out.subarray(0, this.written), info: this.chosen.info, ...this.facts, encryptionVersion: ENCRYPTION_VERSION };
  }

  private fail(): void {
    this.phase = "failed";
    this.head = Buffer.alloc(0);
    this.tailParts = [];
    this.out = Buffer.alloc(0);
  }

  /** Collects the head up to the opening quote of the data; returns what follows it once found. */
  private takeHead(chunk: Buffer): Buffer | null {
    const before = this.head.length;
    // A copy either way: the caller may reuse the chunk's memory.
    const all = (this.head = Buffer.concat([this.head, chunk]));
    const at = all.indexOf(DATA_MEMBER, Math.max(0, before - DATA_MEMBER.length));
    if (at < 0) {
      if (all.length > MAX_HEAD) this.fail();
      return null;
    }
    const start = at + DATA_MEMBER.length;
    if (all.lastIndexOf(DATA_NAME, at - 1) >= 0) {
      this.fail();
      return null;
    }
    this.headText = all.toString("utf8", 0, start);
    this.head = Buffer.alloc(0);
    this.phase = "key";
    return all.subarray(start);
  }

  private async chooseKey(): Promise<void> {
    // The head closed as if the data were empty: a small JSON document with everything but the data.
    const doc: unknown = JSON.parse(`${this.headText}"}`);
    if (!isRecord(doc) || doc.encrypted_data !== "") return this.fail();
    const envelope = readEnvelope({ ...doc, encryption_version: ENCRYPTION_VERSION, encrypted_data: null });
    if (!envelope) return this.fail();
    this.facts = { serial: envelope.serial, lineage: envelope.lineage, metaKeys: [...envelope.meta.keys()] };
    this.chosen = await this.keyFor(envelope.meta);
    if (!this.chosen) return this.fail();
    this.phase = "data";
  }

  /**
   * Decodes the data part of a chunk in small slices through one scratch buffer (large temporary strings and buffers
   * cost more in fresh memory than the decoding itself); returns what follows the closing quote.
   */
  private takeData(chunk: Buffer): Buffer {
    const end = chunk.indexOf(0x22);
    const last = end >= 0;
    const stop = last ? end : chunk.length;
    for (let p = 0; p < stop; p += SLICE) {
      const q = Math.min(stop, p + SLICE);
      this.decode(this.carry + chunk.toString("latin1", p, q), last && q === stop);
    }
    if (!last) return Buffer.alloc(0);
    if (this.carry) this.decode(this.carry, true); // the closing quote came alone: the held-over characters end it
    this.phase = "tail";
    return chunk.subarray(end + 1);
  }

  /** Decodes whole groups of four (all of `text` when it is the `final` piece) into the cipher. */
  private decode(text: string, final: boolean): void {
    let whole = final ? text.length : text.length - (text.length % 4);
    if (whole % 4 !== 0) throw new Error("base64 length");
    // A padded group ends the data: it waits for the closing quote, so padding is only ever read as final.
    if (!final && whole > 0 && text.charCodeAt(whole - 1) === 0x3d) whole -= 4;
    this.carry = whole === text.length ? "" : text.slice(whole);
    if (whole === 0) return;
    const groups = whole === text.length ? text : text.slice(0, whole);
    const padding = final ? (groups.endsWith("==") ? 2 : groups.endsWith("=") ? 1 : 0) : 0;
    const n = this.scratch.write(groups, 0, "base64");
    // Node skips characters outside the alphabet, and stops at padding: a short result means either.
    if (n !== (whole / 4) * 3 - padding) throw new Error("not base64");
    this.decrypt(this.scratch.subarray(0, n));
  }

  private decrypt(bytes: Buffer): void {
    if (!this.decipher) {
      const b = this.held.length ? Buffer.concat([this.held, bytes]) : bytes;
      if (b.length < NONCE + TAG) {
        this.held = Buffer.from(b);
        return;
      }
      const { key, aad } = this.chosen!;
      const alg = key.length === 16 ? "aes-128-gcm" : key.length === 24 ? "aes-192-gcm" : key.length === 32 ? "aes-256-gcm" : null;
      if (!alg) throw new Error("key length");
      this.decipher = createDecipheriv(alg, key, b.subarray(0, NONCE), { authTagLength: TAG });
      if (aad && aad.length > 0) this.decipher.setAAD(aad);
      this.out = Buffer.allocUnsafe(Math.ceil((this.capacity * 3) / 4));
      this.held = Buffer.alloc(0);
      bytes = b.subarray(NONCE);
    }
    if (bytes.length < TAG) {
      const b = Buffer.concat([this.held, bytes]);
      this.held = Buffer.from(b.subarray(b.length - TAG));
      if (b.length > TAG) this.write(this.decipher.update(b.subarray(0, b.length - TAG)));
      return;
    }
    // Everything held is ciphertext now; the newest 16 bytes may be the tag.
    if (this.held.length) this.write(this.decipher.update(this.held));
    this.write(this.decipher.update(bytes.subarray(0, bytes.length - TAG)));
    this.held = Buffer.from(bytes.subarray(bytes.length - TAG));
  }

  private write(bytes: Buffer): void {
    if (this.written + bytes.length > this.out.length) throw new Error("larger than the object");
    bytes.copy(this.out, this.written);
    this.written += bytes.length;
  }
}
