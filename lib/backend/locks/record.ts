/** A lock's LockInfo as read, kept even when it cannot be parsed (an unreadable lock still blocks). */
import type { LockInfo } from "@/lib/backend/types";
import { parseLockInfo } from "@/lib/gocompat/lockinfo";

export function parsedLockInfo(raw: string): { info: LockInfo | null; parseError?: string } {
  try {
    return { info: parseLockInfo(raw) };
  } catch (e) {
    return { info: null, parseError: (e as Error).message };
  }
}
