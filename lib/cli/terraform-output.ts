/**
 * The document `terraform output -json` prints: name → { sensitive, type, value }, with sensitive
 * values in clear (as terraform does), Go's MarshalIndent layout and a final newline.
 */
import { bomLength, findTopLevelMember } from "@/lib/state/json-scan";
import type { ParsedState } from "@/lib/state/types";
import { goMarshalIndent } from "@/lib/gocompat/json";
import { parseLossless } from "./lossless-json";

const decoder = new TextDecoder();

/**
 * `state` is the parse of `bytes`, or null for no state. Values come from the raw bytes of a
 * format-4 state so that numbers keep every digit; legacy formats store no exact types anyway.
 */
export function terraformOutputJson(state: ParsedState | null, bytes: Uint8Array): string {
  if (!state) return "{}\n";
  const exact = state.version === 4 ? exactOutputs(bytes) : null;
  const doc: Record<string, { sensitive: boolean; type: unknown; value: unknown }> = {};
  // Key order is irrelevant here: goMarshalIndent sorts keys, and sensitive < type < value is also
  // the order of terraform's struct fields.
  for (const [name, o] of Object.entries(state.outputs)) {
    const raw = exact?.[name];
    doc[name] = { sensitive: o.sensitive, type: o.type, value: raw && "value" in raw ? raw.value : o.value };
  }
  return goMarshalIndent(doc) + "\n";
}

function exactOutputs(bytes: Uint8Array): Record<string, Record<string, unknown>> | null {
  const body = bytes.subarray(bomLength(bytes));
  const span = findTopLevelMember(body, "outputs");
  if (!span) return null;
  const parsed = parseLossless(decoder.decode(body.subarray(span.start, span.end)));
  return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, Record<string, unknown>>) : null;
}
