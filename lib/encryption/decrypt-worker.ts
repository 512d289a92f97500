/**
 * The second half of decrypting a state while it downloads (stream-open.ts), on a worker thread: base64 to bytes,
 * then AES-GCM, the last 16 bytes held back as the tag. The thread receiving the object only copies the data's
 * characters across, so a 40 MB envelope costs its download and little more.
 *
 * One worker per process, started on first use, shared by every read in flight (each a job with its own number),
 * and holding nothing between jobs. Every failure (no worker, a worker that dies, odd base64, a wrong key, a bad
 * tag) answers null: the caller then decrypts the whole bytes the ordinary way, whose errors are the ones users see.
 */
import { Worker } from "node:worker_threads";

/** What the receiving thread copies across at once: a few hundred messages for a big state, not thousands. */
const BATCH = 1 << 20;

/** Messages to the worker; plain data, so they cross by structured clone (the batches by transfer). */
type ToWorker =
  | { t: "open"; id: number; key: Uint8Array; aad: Uint8Array | null; capacity: number }
  | { t: "data"; id: number; b: Uint8Array }
  | { t: "end"; id: number }
  | { t: "drop"; id: number };

type FromWorker = { id: number; ok: true; plaintext: ArrayBuffer; length: number } | { id: number; ok: false };

/**
 * The worker's whole program. It runs from its source text (`new Worker(…, { eval: true })`), so it must use
 * nothing from this module: its modules come from process.getBuiltinModule, which no bundler rewrites.
 */
function workerProgram(): void {
  const { parentPort } = process.getBuiltinModule("node:worker_threads");
  const { createDecipheriv } = process.getBuiltinModule("node:crypto");
  const NONCE = 12;
  const TAG = 16;
  // Decoded in small slices through one scratch buffer: fresh large strings and buffers cost more in page faults
  // than the decoding itself.
  const SLICE = 16 << 10;
  const scratch = Buffer.allocUnsafe((SLICE / 4) * 3 + 3);
  interface Job {
    key: Buffer;
    aad: Buffer | null;
    decipher: import("node:crypto").DecipherGCM | null;
    carry: string; // base64 characters not yet a whole group of four
    held: Buffer; // decoded bytes not yet given to the cipher: the nonce, then the newest 16 (maybe the tag)
    out: ArrayBuffer;
    written: number;
    failed: boolean;
  }
  const jobs = new Map<number, Job>();

  const write = (job: Job, bytes: Buffer): void => {
    if (job.written + bytes.length > job.out.byteLength) throw new Error("larger than the object");
    new Uint8Array(job.out, job.written, bytes.length).set(bytes);
    job.written += bytes.length;
  };

  /** `bytes` may be the scratch buffer: whatever is kept is copied. */
  const decrypt = (job: Job, bytes: Buffer): void => {
    if (!job.decipher || bytes.length < TAG) {
      const b = Buffer.concat([job.held, bytes]);
      if (job.decipher) {
        if (b.length > TAG) write(job, job.decipher.update(b.subarray(0, b.length - TAG)));
        job.held = b.subarray(Math.max(0, b.length - TAG));
        return;
      }
      if (b.length < NONCE + TAG) {
        job.held = b;
        return;
      }
      const n = job.key.length;
      const alg = n === 16 ? "aes-128-gcm" : n === 24 ? "aes-192-gcm" : n === 32 ? "aes-256-gcm" : null;
      if (!alg) throw new Error("key length");
      const decipher = createDecipheriv(alg, job.key, b.subarray(0, NONCE), { authTagLength: TAG });
      if (job.aad && job.aad.length > 0) decipher.setAAD(job.aad);
      job.decipher = decipher;
      job.held = Buffer.alloc(0);
      return decrypt(job, b.subarray(NONCE));
    }
    // Everything held is ciphertext now; the newest 16 bytes may be the tag.
    if (job.held.length) write(job, job.decipher.update(job.held));
    write(job, job.decipher.update(bytes.subarray(0, bytes.length - TAG)));
    job.held = Buffer.from(bytes.subarray(bytes.length - TAG));
  };

  /** Decodes whole groups of four (all of `text` when it is the `final` piece) into the cipher. */
  const decode = (job: Job, text: string, final: boolean): void => {
    let whole = final ? text.length : text.length - (text.length % 4);
    if (whole % 4 !== 0) throw new Error("base64 length");
    // A padded group ends the data: it waits for the end, so padding is only ever read as final.
    if (!final && whole > 0 && text.charCodeAt(whole - 1) === 0x3d) whole -= 4;
    job.carry = whole === text.length ? "" : text.slice(whole);
    if (whole === 0) return;
    const groups = whole === text.length ? text : text.slice(0, whole);
    const padding = final ? (groups.endsWith("==") ? 2 : groups.endsWith("=") ? 1 : 0) : 0;
    const n = scratch.write(groups, 0, "base64");
    // Node skips characters outside the alphabet, and stops at padding: a short result means either.
    if (n !== (whole / 4) * 3 - padding) throw new Error("not base64");
    decrypt(job, scratch.subarray(0, n));
  };

  const answer = (id: number, job: Job | undefined): void => {
    jobs.delete(id);
    if (!job || job.failed) return parentPort!.postMessage({ id, ok: false });
    try {
      if (job.carry) decode(job, job.carry, true);
      if (!job.decipher || job.held.length !== TAG) throw new Error("no tag");
      job.decipher.setAuthTag(job.held);
      const last = job.decipher.final();
      if (last.length) write(job, last);
    } catch {
      return parentPort!.postMessage({ id, ok: false });
    }
    parentPort!.postMessage({ id, ok: true, plaintext: job.out, length: job.written }, [job.out]);
  };

  parentPort!.on("message", (m: ToWorker) => {
    const job = jobs.get(m.id);
    switch (m.t) {
      case "open":
        jobs.set(m.id, {
          key: Buffer.from(m.key),
          aad: m.aad ? Buffer.from(m.aad) : null,
          decipher: null,
          carry: "",
          held: Buffer.alloc(0),
          out: new ArrayBuffer(Math.ceil((m.capacity * 3) / 4)),
          written: 0,
          failed: false,
        });
        return;
      case "data":
        if (!job || job.failed) return;
        try {
          const b = Buffer.from(m.b.buffer, m.b.byteOffset, m.b.byteLength);
          for (let p = 0; p < b.length; p += SLICE) decode(job, job.carry + b.toString("latin1", p, Math.min(b.length, p + SLICE)), false);
        } catch {
          job.failed = true;
          job.out = new ArrayBuffer(0);
        }
        return;
      case "end":
        return answer(m.id, job);
      case "drop":
        jobs.delete(m.id);
        return;
    }
  });
}

// Compilers that keep function names (tsx, vitest) wrap named inner functions in a `__name` helper of their own
// module; the worker's copy of the program gets a do-nothing one.
const SOURCE = `"use strict";\nvar __name = (f) => f;\n(${workerProgram.toString()})();\n`;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (plaintext: Buffer | null) => void>();

function settle(id: number, plaintext: Buffer | null): void {
  const done = waiting.get(id);
  if (!done) return;
  waiting.delete(id);
  if (waiting.size === 0) worker?.unref();
  done(plaintext);
}

function started(): Worker | null {
  if (worker) return worker;
  try {
    const w = new Worker(SOURCE, { eval: true, name: "statehouse-decrypt" });
    w.on("message", (m: FromWorker) => settle(m.id, m.ok ? Buffer.from(m.plaintext, 0, m.length) : null));
    const lost = () => {
      if (worker !== w) return;
      worker = null;
      for (const id of [...waiting.keys()]) settle(id, null);
    };
    w.on("error", lost);
    w.on("exit", lost);
    // Idle, it must not keep a command-line run alive; a job waiting for its answer refs it (end below).
    w.unref();
    return (worker = w);
  } catch {
    return null;
  }
}

/** One envelope's data on its way through the worker. */
export interface DecryptJob {
  /** Base64 characters of `encrypted_data`, in order; copied, so the caller may reuse the memory. */
  push(characters: Uint8Array): void;
  /** The plaintext once the tag checks; null on any failure. */
  end(): Promise<Buffer | null>;
  /** Forgets the job (a read that failed or gave up midway). */
  drop(): void;
}

/** Starts a job for data sealed with `key` (and `aad`) in an object of `capacity` bytes; null when no worker runs. */
export function startDecryptJob(key: Buffer, aad: Buffer | undefined, capacity: number): DecryptJob | null {
  const w = started();
  if (!w) return null;
  const id = nextId++;
  const post = (m: ToWorker, transfer: ArrayBuffer[] = []) => {
    if (worker === w) w.postMessage(m, transfer);
  };
  post({ t: "open", id, key: new Uint8Array(key), aad: aad ? new Uint8Array(aad) : null, capacity });
  const size = Math.max(1, Math.min(BATCH, capacity));
  let batch = new Uint8Array(size);
  let filled = 0;
  const flush = () => {
    if (filled === 0) return;
    const b = filled === size ? batch : batch.slice(0, filled);
    post({ t: "data", id, b }, [b.buffer as ArrayBuffer]);
    filled = 0;
    if (b === batch) batch = new Uint8Array(size);
  };
  let ended = false;
  return {
    push(characters) {
      for (let p = 0; p < characters.length; ) {
        const n = Math.min(characters.length - p, size - filled);
        batch.set(characters.subarray(p, p + n), filled);
        filled += n;
        p += n;
        if (filled === size) flush();
      }
    },
    end() {
      ended = true;
      flush();
      if (worker !== w) return Promise.resolve(null);
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        w.ref();
        post({ t: "end", id });
      });
    },
    drop() {
      if (!ended) post({ t: "drop", id });
      ended = true;
    },
  };
}

/** Ends the worker, as if it had died: jobs in flight answer null, and the next job starts a new one. */
export async function stopDecryptWorker(): Promise<void> {
  const w = worker;
  if (!w) return;
  await w.terminate();
}
