/**
 * A bound on the password hashing running at once (a small semaphore with a bounded queue).
 * bcryptjs is pure JavaScript on the request thread: unbounded, a flood of sign-ins takes the CPU from every other request.
 */

/** Thrown when every slot is busy and the queue is full: the caller answers "busy, try again". */
export class HashSlotsBusyError extends Error {
  constructor() {
    super("SignInBusy");
    this.name = "HashSlotsBusyError";
  }
}

export class HashSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrent: number,
    private readonly queued: number,
  ) {}

  /** Runs `work` when a slot is free; rejects at once with HashSlotsBusyError when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrent) {
      if (this.waiting.length >= this.queued) throw new HashSlotsBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so `active` stays counted for it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** How many run or wait now (for tests and the benchmark). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }
}
