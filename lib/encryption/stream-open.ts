/**
 * Decrypting an OpenTofu state envelope while it downloads: the small head (serial, lineage, meta) gives the key,
 * then each chunk of `encrypted_data` goes to a worker thread that base64-decodes and decrypts it as it arrives
 * (decrypt-worker.ts). A 40 MB envelope is then opened in the time its bytes take to arrive, not after.
 *
 * An optimisation only, never a second verdict: anything this does not expect (another key order, a method that
 * needs a fallback, a wrong key, a bad tag, odd base64, no worker) makes `finish` answer null, and the caller
 * decrypts the whole bytes the ordinary way, whose errors are the ones users see.
 */
import { isRecord } from "@/lib/state/shape";
import { startDecryptJob, type DecryptJob } from "./decrypt-worker";
import { ENCRYPTION_VERSION, readEnvelope } from "./envelope";

/** The head (everything before the data) holds a few key providers' metadata: far less than this. */
const MAX_HEAD = 1 << 20;
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
  private job: DecryptJob | null = null;
  private ending: Promise<Buffer | null> | null = null; // the job's answer, once the data's closing quote came
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

  /**
   * The plaintext, when the whole envelope streamed through and its tag checked; null otherwise. Call it once the
   * read ends, or failed: it also releases the job.
   */
  async finish(): Promise<StreamOpened<Info> | null> {
    if (this.phase !== "tail" || !this.ending || !this.chosen) {
      this.fail();
      return null;
    }
    try {
      const tail = Buffer.concat(this.tailParts).toString("utf8");
      if (tail.includes(DATA_NAME.toString())) return null;
      const doc: unknown = JSON.parse(`${this.headText}"${tail}`);
      if (!isRecord(doc) || doc.encrypted_data !== "" || doc.encryption_version !== ENCRYPTION_VERSION) return null;
    } catch {
      return null;
    }
    // No plaintext: a wrong key or altered data, which the ordinary path names.
    const plaintext = await this.ending;
    return plaintext && { plaintext, info: this.chosen.info, ...this.facts, encryptionVersion: ENCRYPTION_VERSION };
  }

  private fail(): void {
    this.phase = "failed";
    this.head = Buffer.alloc(0);
    this.tailParts = [];
    this.job?.drop();
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
    this.job = this.chosen && startDecryptJob(this.chosen.key, this.chosen.aad, this.capacity);
    if (!this.job) return this.fail();
    this.phase = "data";
  }

  /** Hands the data part of a chunk to the decrypting job; returns what follows the closing quote. */
  private takeData(chunk: Buffer): Buffer {
    const end = chunk.indexOf(0x22);
    this.job!.push(end >= 0 ? chunk.subarray(0, end) : chunk);
    if (end < 0) return Buffer.alloc(0);
    this.ending = this.job!.end();
    this.phase = "tail";
    return chunk.subarray(end + 1);
  }
}
