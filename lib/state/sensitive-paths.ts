/**
 * `sensitive_attributes` entries normalised into AttributePath.
 *
 * Forms seen in state: the cty path-step form written since Terraform 0.15
 * (`[{"type":"get_attr","value":"password"}, {"type":"index","value":{"value":0,"type":"number"}}]`),
 * index steps carrying a bare key (`{"type":"index","value":0}`), and plain step arrays (`["tags","secret"]`).
 * Anything not understood masks MORE, never less: the path is cut at the first unknown step
 * (an index into a set by element value, an unknown step type), and a path that is not an array
 * at all masks the whole object.
 */
import { isRecord } from "./shape";
import type { AttributePath } from "./types";

function isKey(v: unknown): v is string | number {
  return typeof v === "string" || typeof v === "number";
}

/** The key a step addresses, or undefined when it cannot be expressed as an AttributePath step. */
function stepKey(step: unknown): string | number | undefined {
  if (isKey(step)) return step;
  if (!isRecord(step)) return undefined;
  if (step.type === "get_attr") return typeof step.value === "string" ? step.value : undefined;
  if (step.type !== "index") return undefined;
  const key = step.value;
  if (isKey(key)) return key;
  if (isRecord(key) && isKey(key.value) && (key.type === "number" || key.type === "string")) return key.value;
  return undefined;
}

export function normalizeSensitivePath(raw: unknown): AttributePath {
  if (!Array.isArray(raw)) return [];
  const path: AttributePath = [];
  for (const step of raw) {
    const key = stepKey(step);
    if (key === undefined) break;
    path.push(key);
  }
  return path;
}

export function normalizeSensitivePaths(raw: unknown): AttributePath[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return [[]];
  return raw.map(normalizeSensitivePath);
}
