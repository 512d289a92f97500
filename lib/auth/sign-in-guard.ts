/**
 * Sign-in attempt limits per user name and per client address, kept in this process's memory.
 * It never hashes and never sees a password; it only counts attempts and says when to refuse.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { SignInLimits } from "./config";

/** Which limit refused an attempt, and what the lockout audit event names. */
export interface Lockout {
  limit: "user" | "address";
  /** The user name or the client address that hit the limit. */
  key: string;
  attempts: number;
  windowSeconds: number;
}

export type SignInVerdict =
  | { allowed: true }
  | {
      allowed: false;
      retryAfterSeconds: number;
      /** Set on the first refused attempt of a window only, so that a flood records one lockout, not one per attempt. */
      lockout?: Lockout;
    };

export class SignInGuard {
  private readonly perUser: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(readonly limits: SignInLimits) {
    this.perUser = new RateLimiterMemory({ keyPrefix: "user", points: limits.perUser.attempts, duration: limits.perUser.windowSeconds });
    this.perAddress = new RateLimiterMemory({ keyPrefix: "addr", points: limits.perAddress.attempts, duration: limits.perAddress.windowSeconds });
  }

  /**
   * Counts one attempt against both limits (every attempt counts, right or wrong, so that a guess
   * rate is bounded however it is spread) and says whether it may go on to the password check.
   */
  async attempt(username: string, address: string): Promise<SignInVerdict> {
    const [user, addr] = await Promise.all([consume(this.perUser, username), consume(this.perAddress, address)]);
    const refused = [
      { res: addr, limit: "address" as const, key: address, spec: this.limits.perAddress },
      { res: user, limit: "user" as const, key: username, spec: this.limits.perUser },
    ].filter((r) => !r.res.allowed);
    if (refused.length === 0) return { allowed: true };
    const retryAfterSeconds = Math.max(...refused.map((r) => Math.ceil(r.res.msBeforeNext / 1000)), 1);
    // The attempt just past the limit is the one that locks out; later ones in the window are only counted.
    const first = refused.find((r) => r.res.consumed === r.spec.attempts + 1);
    return {
      allowed: false,
      retryAfterSeconds,
      ...(first ? { lockout: { limit: first.limit, key: first.key, attempts: first.spec.attempts, windowSeconds: first.spec.windowSeconds } } : {}),
    };
  }

  /** A right password clears the user's count (not the address's: one good account must not unlock guessing at others). */
  async signedIn(username: string): Promise<void> {
    await this.perUser.delete(username);
  }
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<{ allowed: boolean; consumed: number; msBeforeNext: number }> {
  try {
    const res = await limiter.consume(key);
    return { allowed: true, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
  } catch (err) {
    // rate-limiter-flexible rejects with a RateLimiterRes when the key is over its points; anything else is a bug.
    if (!(err instanceof RateLimiterRes)) throw err;
    return { allowed: false, consumed: err.consumedPoints, msBeforeNext: err.msBeforeNext };
  }
}

/**
 * The client address the per-address limit counts: the last X-Forwarded-For entry, which is the one
 * the nearest hop wrote (Next's server sets it to the socket's address when a request has none; a
 * reverse proxy appends the address it saw). Earlier entries are the client's own claim and ignored.
 */
export function clientAddress(forwardedFor: string | null): string {
  const last = forwardedFor?.split(",").at(-1)?.trim();
  return last && last.length <= 64 ? last : "unknown";
}
