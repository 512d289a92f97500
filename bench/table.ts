/** The results as an aligned text table: figure, Statehouse (min / median / max), baseline, ratio, target. */
import type { Figure } from "./stats";

export interface Row {
  what: string;
  value: Figure | null;
  unit: "ms" | "MB";
  baseline?: Figure | null;
  baselineLabel?: string;
  ratio?: number | null;
  target?: string;
}

function fmt(f: Figure | null | undefined, unit: Row["unit"]): string {
  if (!f) return "—";
  const n = (x: number) => (unit === "MB" ? (x / 1048576).toFixed(0) : x < 10 ? x.toFixed(2) : x.toFixed(0));
  return `${n(f.min)} / ${n(f.median)} / ${n(f.max)} ${unit}`;
}

export function renderTable(rows: Row[]): string {
  const header = ["figure", "Statehouse (min / median / max)", "baseline (min / median / max)", "ratio", "target"];
  const cells = rows.map((r) => [
    r.what,
    fmt(r.value, r.unit),
    r.baseline === undefined ? "" : `${fmt(r.baseline, r.unit)}${r.baselineLabel ? ` ${r.baselineLabel}` : ""}`,
    r.ratio === undefined || r.ratio === null ? "" : `${r.ratio.toFixed(2)}×`,
    r.target ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(" │ ").trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("─┼─"), ...cells.map(line)].join("\n");
}
