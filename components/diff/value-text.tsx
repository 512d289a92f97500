import { SENSITIVE_MARKER } from "@/lib/state/mask";
import type { AttributePath } from "@/lib/state/types";

/** `tags["Name"]`, `ingress[0].cidr_blocks[1]`: attribute paths as Terraform prints them. */
export function formatPath(path: AttributePath): string {
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) out += out ? `.${step}` : step;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out || "(whole object)";
}

/** A value of a diff: JSON, with the sensitive marker shown as such rather than as a string. */
export function ValueText({ value, present = true }: { value: unknown; present?: boolean }) {
  if (!present) return <span className="text-slate-400 italic">(absent)</span>;
  if (value === SENSITIVE_MARKER) return <span className="text-violet-700 italic" data-testid="sensitive-value">(sensitive value)</span>;
  const text = JSON.stringify(value, null, typeof value === "object" && value !== null ? 2 : undefined) ?? "null";
  return <span className="font-mono text-xs break-all whitespace-pre-wrap">{text}</span>;
}
