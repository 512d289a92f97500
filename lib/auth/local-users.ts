// The native binding hashes on libuv's thread pool: a compare no longer holds the request thread, as bcryptjs's did.
import bcrypt from "bcrypt";
import type { LocalUserConfig } from "./config";
import type { HashSlots } from "./hash-slots";
import type { SessionUser } from "./types";

// Longer inputs are refused before hashing: bcrypt only reads 72 bytes, and a long input must not cost CPU.
// Usernames are at most 64 characters by the config's rule; 256 leaves room for any pass phrase.
export const MAX_USERNAME = 64;
export const MAX_PASSWORD = 256;

// One throwaway hash per bcrypt cost, so that an unknown username costs the same compare as a known one.
const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash(crypto.randomUUID(), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

function costOf(hash: string): number {
  return Number(hash.slice(4, 6));
}

/**
 * Checks a username/password pair against the configured local users. Always runs one bcrypt
 * compare (against a dummy hash for unknown users) so response time does not reveal which
 * usernames exist. Returns null for any mismatch or malformed input. With `slots`, the compare
 * waits for a free hashing slot (and throws HashSlotsBusyError when none is to be had).
 */
export async function verifyLocalUser(
  users: readonly LocalUserConfig[],
  username: unknown,
  password: unknown,
  slots?: HashSlots,
): Promise<SessionUser | null> {
  if (typeof username !== "string" || typeof password !== "string") return null;
  if (username.length === 0 || username.length > MAX_USERNAME || password.length > MAX_PASSWORD || password.length === 0) return null;
  const user = users.find((u) => u.username === username);
  const hash = user?.passwordHash ?? (await dummyHash(users[0] ? costOf(users[0].passwordHash) : 10));
  // $2y$ (PHP's name) is the same algorithm as $2b$, which is the only spelling the binding accepts.
  const compare = () => bcrypt.compare(password, hash.replace(/^\$2y\$/, "$2b$"));
  const ok = await (slots ? slots.run(compare) : compare());
  if (!ok || !user) return null;
  return {
    id: `local:${user.username}`,
    name: user.name ?? user.username,
    ...(user.email ? { email: user.email } : {}),
    groups: user.groups ?? [],
    provider: "local",
  };
}
