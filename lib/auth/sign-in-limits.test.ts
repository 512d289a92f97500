import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { parseAuthConfig } from "@/lib/auth/config";
import { HashSlots, HashSlotsBusyError } from "@/lib/auth/hash-slots";
import { verifyLocalUser } from "@/lib/auth/local-users";
import { sessionPastAbsoluteLifetime } from "@/lib/auth/session-age";
import { clientAddress, SignInGuard } from "@/lib/auth/sign-in-guard";

describe("auth config: sign-in limits and session lifetime", () => {
  it("defaults to 12 h absolute, 8 h idle and bounded attempts", () => {
    const auth = parseAuthConfig({});
    expect(auth.sessionAbsoluteMaxAgeSeconds).toBe(12 * 60 * 60);
    expect(auth.sessionMaxAgeSeconds).toBe(8 * 60 * 60);
    expect(auth.signInLimits).toEqual({
      perUser: { attempts: 10, windowSeconds: 900 },
      perAddress: { attempts: 50, windowSeconds: 900 },
      concurrentHashes: 2,
      queuedHashes: 32,
    });
  });

  it("takes a partial section and names a bad option", () => {
    expect(parseAuthConfig({ signInLimits: { perUser: { attempts: 3, windowSeconds: 2 } } }).signInLimits.perAddress.attempts).toBe(50);
    expect(() => parseAuthConfig({ signInLimits: { perUser: { attempts: 0, windowSeconds: 2 } } })).toThrow(/auth\.signInLimits\.perUser\.attempts/);
    expect(() => parseAuthConfig({ sessionAbsoluteMaxAgeSeconds: 10 })).toThrow(/auth\.sessionAbsoluteMaxAgeSeconds/);
  });
});

describe("SignInGuard", () => {
  const limits = parseAuthConfig({ signInLimits: { perUser: { attempts: 3, windowSeconds: 60 }, perAddress: { attempts: 5, windowSeconds: 60 } } }).signInLimits;

  it("refuses a user name past its limit from any address, and reports the lockout once", async () => {
    const guard = new SignInGuard(limits);
    for (let i = 0; i < 3; i++) expect(await guard.attempt("alice", `10.0.0.${i}`)).toEqual({ allowed: true });
    const locked = await guard.attempt("alice", "10.0.0.9");
    expect(locked).toMatchObject({ allowed: false, lockout: { limit: "user", key: "alice", attempts: 3, windowSeconds: 60 } });
    expect(locked.allowed === false && locked.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const again = await guard.attempt("alice", "10.0.0.10");
    expect(again.allowed).toBe(false);
    expect(again).not.toHaveProperty("lockout");
    // Others are not affected.
    expect(await guard.attempt("bob", "10.0.0.11")).toEqual({ allowed: true });
  });

  it("refuses an address past its limit whatever user names it tries", async () => {
    const guard = new SignInGuard(limits);
    for (let i = 0; i < 5; i++) expect((await guard.attempt(`user${i}`, "192.0.2.1")).allowed).toBe(true);
    expect(await guard.attempt("user5", "192.0.2.1")).toMatchObject({ allowed: false, lockout: { limit: "address", key: "192.0.2.1" } });
    expect((await guard.attempt("user6", "192.0.2.2")).allowed).toBe(true);
  });

  it("clears the user's count after a right password, not the address's", async () => {
    const guard = new SignInGuard(limits);
    for (let i = 0; i < 3; i++) await guard.attempt("carol", "198.51.100.1");
    await guard.signedIn("carol");
    expect((await guard.attempt("carol", "198.51.100.2")).allowed).toBe(true);
  });

  it("lets the window pass", async () => {
    const guard = new SignInGuard(parseAuthConfig({ signInLimits: { perUser: { attempts: 1, windowSeconds: 1 } } }).signInLimits);
    expect((await guard.attempt("dave", "a")).allowed).toBe(true);
    expect((await guard.attempt("dave", "a")).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await guard.attempt("dave", "a")).allowed).toBe(true);
  });

  it("counts the address the nearest hop wrote", () => {
    expect(clientAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress("1.2.3.4, 203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddress(null)).toBe("unknown");
    expect(clientAddress("x".repeat(100))).toBe("unknown");
  });
});

describe("HashSlots", () => {
  it("runs at most `concurrent` at once, queues up to `queued`, refuses beyond", async () => {
    const slots = new HashSlots(2, 1);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      new Promise<void>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const a = slots.run(work);
    const b = slots.run(work);
    const c = slots.run(work);
    await expect(slots.run(work)).rejects.toBeInstanceOf(HashSlotsBusyError);
    expect(slots.load).toEqual({ active: 2, waiting: 1 });
    releases.shift()!();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(slots.load).toEqual({ active: 2, waiting: 0 });
    while (releases.length > 0) releases.shift()!();
    await Promise.all([b, c]);
    expect(peak).toBe(2);
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });

  it("bounds verifyLocalUser's compares, unknown users included, and refuses long input before hashing", async () => {
    // Cost 10: a compare takes long enough that the second attempt arrives while the first holds the slot.
    const users = parseAuthConfig({ localUsers: [{ username: "alice", passwordHash: bcrypt.hashSync("right", 10) }] }).localUsers;
    expect(await verifyLocalUser(users, "nobody", "warms the dummy hash")).toBeNull();
    const slots = new HashSlots(1, 0);
    const first = verifyLocalUser(users, "alice", "wrong", slots);
    // An unknown user waits for a slot like a known one (its compare is against a dummy hash).
    await expect(verifyLocalUser(users, "nobody", "guess", slots)).rejects.toBeInstanceOf(HashSlotsBusyError);
    // Too long to be a password here: refused without waiting for a slot.
    expect(await verifyLocalUser(users, "alice", "x".repeat(1000), slots)).toBeNull();
    expect(await verifyLocalUser(users, "a".repeat(65), "right", slots)).toBeNull();
    expect(await first).toBeNull();
    expect((await verifyLocalUser(users, "alice", "right", slots))?.id).toBe("local:alice");
  });
});

describe("verifyLocalUser with the native binding", () => {
  it("accepts hashes from bcryptjs in every spelling the config allows ($2a$, $2b$, $2y$)", async () => {
    const hash = bcrypt.hashSync("pass phrase", 4);
    for (const prefix of ["$2a$", "$2b$", "$2y$"]) {
      const users = parseAuthConfig({ localUsers: [{ username: "erin", passwordHash: prefix + hash.slice(4) }] }).localUsers;
      expect((await verifyLocalUser(users, "erin", "pass phrase"))?.id, prefix).toBe("local:erin");
      expect(await verifyLocalUser(users, "erin", "pass phrase!"), prefix).toBeNull();
    }
  });
});

describe("sessionPastAbsoluteLifetime", () => {
  const now = Date.parse("2026-01-02T00:00:00Z");
  it("ends a session its lifetime after sign-in, however recently it was refreshed", () => {
    expect(sessionPastAbsoluteLifetime(now - 11 * 3600_000, 12 * 3600, now)).toBe(false);
    expect(sessionPastAbsoluteLifetime(now - 12 * 3600_000, 12 * 3600, now)).toBe(true);
    expect(sessionPastAbsoluteLifetime(now - 30 * 24 * 3600_000, 12 * 3600, now)).toBe(true);
  });
  it("treats a token without a sign-in time as ended", () => {
    expect(sessionPastAbsoluteLifetime(undefined, 12 * 3600, now)).toBe(true);
    expect(sessionPastAbsoluteLifetime("2026-01-01", 12 * 3600, now)).toBe(true);
    expect(sessionPastAbsoluteLifetime(Number.NaN, 12 * 3600, now)).toBe(true);
  });
});
