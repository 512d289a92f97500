/**
 * The registry of lock kinds. Adding a kind = its descriptor file beside this one (plus its facts
 * in lib/browser-safe/lock-kinds.ts) and one line here; everything else reads from this list.
 */
import "server-only";
import type { BackendContext } from "@/lib/backend/context";
import type { LockKind } from "@/lib/browser-safe/lock-kinds";
import { dynamodbLock } from "./dynamodb";
import type { LockKindDescriptor } from "./kind";
import { s3LockfileLock } from "./s3-lockfile";

/** In the tools' taking order: the `.tflock` object first, then the DynamoDB item. */
export const LOCK_KINDS: readonly LockKindDescriptor[] = [s3LockfileLock, dynamodbLock];

export function lockKind(kind: LockKind): LockKindDescriptor {
  const d = LOCK_KINDS.find((k) => k.kind === kind);
  if (!d) throw new RangeError(`unknown lock kind ${kind}`);
  return d;
}

/** The descriptors of the kinds the backend takes, in the tools' taking order. */
export function configuredKinds(ctx: BackendContext): LockKindDescriptor[] {
  return LOCK_KINDS.filter((k) => k.isConfigured(ctx.def.options));
}
