/**
 * What to say about a state object that is not a readable state: each StateReadResult kind gets
 * its own message, so "empty", "encrypted" and "broken" are never confused.
 */
import { StateUnreadableError } from "@/lib/errors";
import { formatBytes } from "@/lib/browser-safe/format";
import type { ParsedState, StateReadResult } from "@/lib/state/types";

export function describeResult(r: StateReadResult): string {
  switch (r.kind) {
    case "state":
      return `State format ${r.state.version}, serial ${r.state.serial}.`;
    case "empty":
      return `The state is empty (${formatBytes(r.size)}): there are no resources or outputs.`;
    case "encrypted":
      return `The state is encrypted with OpenTofu state encryption (encryption version ${r.encryptionVersion ?? "unknown"}, serial ${r.serial ?? "unknown"}, lineage ${r.lineage ?? "unknown"}); its content cannot be shown without the key.`;
    case "corrupt":
      return `The state object is not valid JSON: ${r.message}`;
    case "future":
      return `The state has format version ${r.version}, newer than this Statehouse understands (4).`;
    case "not-state":
      return `The object is not a Terraform state: ${r.message}`;
  }
}

/** The parsed state, or a StateUnreadableError saying what `what` ("version X") holds instead. */
export function requireState(r: StateReadResult, what: string): ParsedState {
  if (r.kind === "state") return r.state;
  throw new StateUnreadableError(`Cannot read ${what}. ${describeResult(r)}`, { kind: r.kind });
}
