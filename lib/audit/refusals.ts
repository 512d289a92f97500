/**
 * Bounds the audit writes of refused attempts: per user, action and target, the first refusal in a
 * window is recorded as it happens, the rest are counted and recorded as one event with `count`.
 * It never drops a refusal from the counts, and never holds more than `maxTracked` keys in memory.
 */
import type { AuditEventInput } from "./event";

export type RefusalRecorder = (event: AuditEventInput) => Promise<unknown>;

interface Tracked {
  /** The refusal that opened the window; the aggregated event repeats its who, target and error. */
  first: AuditEventInput;
  openedAt: number;
  /** Refusals after the first one in this window, not yet recorded. */
  counted: number;
  since?: string;
  timer?: ReturnType<typeof setTimeout>;
}

export interface RefusalAggregatorOptions {
  windowMs: number;
  maxTracked: number;
  now?: () => number;
}

function keyOf(e: AuditEventInput): string {
  return JSON.stringify([e.who.id, e.action, e.backend, e.workspace ?? null, e.target]);
}

export class RefusalAggregator {
  private readonly tracked = new Map<string, Tracked>();
  private readonly now: () => number;

  constructor(
    private readonly record: RefusalRecorder,
    private readonly options: RefusalAggregatorOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Takes one refusal: records it when it opens a window, else counts it. Resolves when any write it caused is done. */
  async refused(event: AuditEventInput): Promise<void> {
    const key = keyOf(event);
    const entry = this.tracked.get(key);
    if (entry && this.now() - entry.openedAt < this.options.windowMs) {
      entry.counted++;
      entry.since ??= new Date(this.now()).toISOString();
      // One timer per window with something to report, so the count is written even if no refusal follows.
      entry.timer ??= unref(setTimeout(() => void this.flush(key), Math.max(0, entry.openedAt + this.options.windowMs - this.now())));
      return;
    }
    const writes: Promise<unknown>[] = [];
    if (entry) writes.push(this.flush(key));
    else if (this.tracked.size >= this.options.maxTracked) writes.push(this.flush(this.tracked.keys().next().value!));
    this.tracked.set(key, { first: event, openedAt: this.now(), counted: 0 });
    writes.push(this.record(event));
    await Promise.all(writes);
  }

  /** Writes the counted refusals of a key as one event and forgets the key. */
  private async flush(key: string): Promise<void> {
    const entry = this.tracked.get(key);
    if (!entry) return;
    this.tracked.delete(key);
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.counted === 0) return;
    await this.record({ ...entry.first, count: entry.counted, ...(entry.since ? { since: entry.since } : {}) });
  }

  /** Writes every pending count now (tests; a server shutting down). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.tracked.keys()].map((k) => this.flush(k)));
  }

  get size(): number {
    return this.tracked.size;
  }
}

function unref<T extends ReturnType<typeof setTimeout>>(timer: T): T {
  // A pending count must not keep a CLI or a test process alive.
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
