/**
 * The document `terraform output -json` prints: name → { sensitive, type, value }, with sensitive
 * values in clear (as terraform does), Go's MarshalIndent layout and a final newline.
 */
import type { OutputValue } from "@/lib/state/types";
import { goMarshalIndent } from "./go-json";

export function terraformOutputJson(outputs: Readonly<Record<string, OutputValue>>): string {
  const doc: Record<string, { sensitive: boolean; type: unknown; value: unknown }> = {};
  // Field order is irrelevant here: goMarshalIndent sorts keys, and sensitive < type < value
  // is also the order of terraform's struct fields.
  for (const [name, o] of Object.entries(outputs)) doc[name] = { sensitive: o.sensitive, type: o.type, value: o.value };
  return goMarshalIndent(doc) + "\n";
}
