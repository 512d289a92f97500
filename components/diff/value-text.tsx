import { diffWordsWithSpace } from "diff";
import { Fragment, type ReactNode } from "react";
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

const VALUE_CLASS = "font-mono text-xs break-words whitespace-pre-wrap";

function valueJson(value: unknown): string {
  return JSON.stringify(value, null, typeof value === "object" && value !== null ? 2 : undefined) ?? "null";
}

/**
 * Text with line-break opportunities after the separators of ids, ARNs, paths and URLs (`/ : - _ . , =`),
 * so a long value wraps between its parts; a part longer than the column still breaks (overflow-wrap).
 */
export function Breakable({ text }: { text: string }): ReactNode {
  const parts = text.split(/(?<=[/:\-_.,=&?])/);
  if (parts.length === 1) return text;
  return parts.map((p, i) => (
    <Fragment key={i}>
      {p}
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ));
}

/** A value of a diff: JSON, with the sensitive marker shown as such rather than as a string. */
export function ValueText({ value, present = true }: { value: unknown; present?: boolean }) {
  if (!present) return <span className="text-slate-400 italic">(absent)</span>;
  if (value === SENSITIVE_MARKER) return <span className="text-violet-700 italic" data-testid="sensitive-value">(sensitive value)</span>;
  return (
    <span className={VALUE_CLASS}>
      <Breakable text={valueJson(value)} />
    </span>
  );
}

/** Above this many characters on either side, a word diff costs more than it shows: both values are shown whole. */
const WORD_DIFF_MAX = 20_000;

/**
 * A changed value as an inline word diff: the before side marks what was removed, the after side what was
 * added, the rest as it was. Added/removed/sensitive values and very long ones fall back to ValueText.
 */
export function ChangedValue({ side, before, after, present }: { side: "before" | "after"; before: unknown; after: unknown; present: boolean }) {
  const value = side === "before" ? before : after;
  if (!present || before === SENSITIVE_MARKER || after === SENSITIVE_MARKER) return <ValueText value={value} present={present} />;
  const a = valueJson(before);
  const b = valueJson(after);
  if (a.length + b.length > WORD_DIFF_MAX) return <ValueText value={value} />;
  const parts = diffWordsWithSpace(a, b);
  return (
    <span className={VALUE_CLASS} data-testid={`changed-value-${side}`}>
      {parts.map((p, i) => {
        if (side === "before" && p.added) return null;
        if (side === "after" && p.removed) return null;
        if (p.removed)
          return (
            <del key={i} className="rounded-sm bg-red-100 text-red-900 no-underline" data-testid="value-removed">
              <Breakable text={p.value} />
            </del>
          );
        if (p.added)
          return (
            <ins key={i} className="rounded-sm bg-emerald-100 text-emerald-900 no-underline" data-testid="value-added">
              <Breakable text={p.value} />
            </ins>
          );
        return <Breakable key={i} text={p.value} />;
      })}
    </span>
  );
}
