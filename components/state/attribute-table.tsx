"use client";

import { useState } from "react";
import { cx } from "@/components/ui/cx";

/** The masked marker, as lib/state/mask.ts writes it (a string the browser may compare with). */
const SENSITIVE = "(sensitive value)";

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === "object" && v !== null;
}

function sizeWords(v: Record<string, unknown> | unknown[]): string {
  const n = Array.isArray(v) ? v.length : Object.keys(v).length;
  return Array.isArray(v) ? `[${n} item${n === 1 ? "" : "s"}]` : `{${n} key${n === 1 ? "" : "s"}}`;
}

function Leaf({ value }: { value: unknown }) {
  if (value === SENSITIVE) return <span className="rounded bg-amber-50 px-1 text-amber-900 italic ring-1 ring-amber-300 ring-inset" data-testid="attribute-sensitive">{SENSITIVE}</span>;
  if (value === null) return <span className="text-slate-400 italic">null</span>;
  if (typeof value === "string") return <span className="break-all whitespace-pre-wrap text-slate-900">{value === "" ? <span className="text-slate-400 italic">(empty string)</span> : value}</span>;
  if (typeof value === "bigint") return <span className="text-sky-900 tabular-nums">{value.toString()}</span>;
  return <span className="text-sky-900 tabular-nums">{String(value)}</span>;
}

/** A nested object or list: its size, one click away from its own table (rendered only when opened). */
function Nested({ value, path }: { value: Record<string, unknown> | unknown[]; path: string }) {
  const [open, setOpen] = useState(false);
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  if (empty) return <span className="text-slate-400">{Array.isArray(value) ? "[]" : "{}"}</span>;
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="attribute-nested" data-path={path}>
      <summary className="cursor-pointer text-xs text-sky-800 select-none hover:underline">{sizeWords(value)}</summary>
      {open && <AttributeTable value={value} path={path} nested />}
    </details>
  );
}

/**
 * An instance's attributes as a key/value table: scalars inline, nested objects and lists
 * expandable, sensitive values shown as the marker they already are (masked on the server).
 */
export function AttributeTable({ value, path = "", nested = false }: { value: unknown; path?: string; nested?: boolean }) {
  if (!isContainer(value)) return <Leaf value={value} />;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return (
    <table className={cx("w-full border-collapse text-xs", nested ? "mt-1 border-l-2 border-slate-200" : "")} data-testid={nested ? undefined : "attribute-table"}>
      {!nested && (
        <thead className="sr-only">
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
      )}
      <tbody>
        {entries.map(([k, v]) => {
          const p = path ? `${path}.${k}` : k;
          return (
            <tr key={k} className="border-b border-slate-100 align-top last:border-b-0" data-testid="attribute-row" data-key={p}>
              <th scope="row" className="w-1/4 max-w-[16rem] py-1 pr-3 pl-2 text-left font-mono font-normal break-all text-slate-600">
                {k}
              </th>
              <td className="py-1 pr-2 font-mono">{isContainer(v) ? <Nested value={v} path={p} /> : <Leaf value={v} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
