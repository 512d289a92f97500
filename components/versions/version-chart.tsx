"use client";

import { useCallback, useState } from "react";
import { bucketPointIndex, chartBuckets, type ChartPoint } from "@/lib/browser-safe/chart-buckets";
import { shortVersionId } from "./short-version-id";

const H = 150;
/** Plot area inside the figure: a left gutter for the resource ticks, a bottom one for the dates. */
const LEFT = 44;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 22;
/** Width drawn before the figure is measured (server render). */
const INITIAL_W = 640;

const dateOf = (iso: string | undefined) => (iso ? new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(iso)) : "");

/**
 * Resource count (line) and changes per version (bars) for the versions summarised so far, oldest
 * on the left, with a resource axis (0, half, max), version dates along the bottom, and a tooltip for the
 * version under the pointer (or picked with the arrow keys). Inline SVG: a chart library would be far bigger
 * than these few shapes. The points are folded into one bucket per pixel column, so 5,000 versions draw as
 * cheaply as 600; the tooltip names the newest version of the column under the pointer.
 */
export function VersionChart({ points }: { points: readonly ChartPoint[] }) {
  const [width, setWidth] = useState(INITIAL_W);
  const [hover, setHover] = useState<number | null>(null);
  // A ref callback (not an effect): the figure only appears once two points are known.
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => entry && setWidth(Math.max(160, Math.round(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  if (points.length < 2) return null;
  const plotW = width - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const buckets = chartBuckets(points, plotW);
  const maxResources = Math.max(1, ...buckets.map((b) => b.max));
  const maxChanges = Math.max(1, ...buckets.map((b) => b.changes));
  const step = plotW / Math.max(1, buckets.length - 1);
  const x = (i: number) => LEFT + i * step;
  const y = (v: number) => TOP + plotH - (plotH * v) / maxResources;
  const barW = Math.max(1, Math.min(12, step * 0.6));
  const line = buckets
    .map((b, i) => {
      const xs = x(i).toFixed(1);
      const ys = b.min === b.max ? [b.first] : [b.first, b.max, b.min, b.last];
      return ys.map((v, j) => `${i === 0 && j === 0 ? "M" : "L"}${xs},${y(v).toFixed(1)}`).join(" ");
    })
    .join(" ");
  // Every bar in one path: two SVG nodes in all, however many versions are drawn.
  const bars = buckets
    .map((b, i) => {
      if (b.changes === 0) return "";
      const h = (plotH * b.changes) / maxChanges / 2;
      return `M${(x(i) - barW / 2).toFixed(1)},${(TOP + plotH - h).toFixed(1)}h${barW.toFixed(1)}v${h.toFixed(1)}h${(-barW).toFixed(1)}z`;
    })
    .join("");
  const yTicks = [...new Set([0, Math.round(maxResources / 2), maxResources])];
  const xTicks = [...new Set([0, Math.floor((buckets.length - 1) / 2), buckets.length - 1])];
  const pointOf = (bucket: number) => points[bucketPointIndex(bucket, buckets.length, points.length)]!;
  const bucketAt = (clientX: number, rect: DOMRect) => Math.max(0, Math.min(buckets.length - 1, Math.round(((clientX - rect.left) * (width / rect.width) - LEFT) / step)));
  const shown = hover === null ? null : pointOf(hover);

  return (
    <figure ref={ref} className="relative rounded-lg border border-slate-200 bg-white p-3" data-testid="version-chart" data-points={points.length}>
      <svg
        viewBox={`0 0 ${width} ${H}`}
        className="h-[150px] w-full outline-none focus-visible:ring-2 focus-visible:ring-sky-600"
        role="img"
        tabIndex={0}
        aria-label={`Instances over ${points.length} versions: from ${points[0]?.resources} to ${points[points.length - 1]?.resources}; bars show changes per version. Arrow keys step through the versions.`}
        onMouseMove={(e) => setHover(bucketAt(e.clientX, e.currentTarget.getBoundingClientRect()))}
        onMouseLeave={() => setHover(null)}
        onBlur={() => setHover(null)}
        onKeyDown={(e) => {
          if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
          e.preventDefault();
          setHover((h) => Math.max(0, Math.min(buckets.length - 1, (h ?? buckets.length - 1) + (e.key === "ArrowLeft" ? -1 : 1))));
        }}
        data-testid="version-chart-plot"
      >
        <g className="text-[10px]" data-testid="chart-y-axis">
          <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotH} className="stroke-slate-300" />
          {yTicks.map((t) => (
            <g key={t} data-testid="chart-y-tick">
              <line x1={LEFT - 4} x2={width - RIGHT} y1={y(t)} y2={y(t)} className={t === 0 ? "stroke-slate-300" : "stroke-slate-100"} />
              <text x={LEFT - 6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-slate-500">
                {t.toLocaleString("en")}
              </text>
            </g>
          ))}
        </g>
        <g className="text-[10px]" data-testid="chart-x-axis">
          {xTicks.map((i, k) => (
            <text key={i} x={x(i)} y={H - 6} textAnchor={k === 0 ? "start" : k === xTicks.length - 1 ? "end" : "middle"} className="fill-slate-500" data-testid="chart-x-tick">
              {dateOf(pointOf(i).at)}
            </text>
          ))}
        </g>
        <path d={bars} className="fill-amber-300" />
        <path d={line} fill="none" className="stroke-sky-700" strokeWidth={2} />
        {hover !== null && <line x1={x(hover)} x2={x(hover)} y1={TOP} y2={TOP + plotH} className="stroke-slate-400" strokeDasharray="3 3" />}
      </svg>
      {shown && hover !== null && (
        <div
          role="status"
          className="pointer-events-none absolute top-2 z-10 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs shadow-md"
          style={{ left: `min(calc(${((x(hover) / width) * 100).toFixed(2)}% + 0.75rem), calc(100% - 14rem))` }}
          data-testid="chart-tooltip"
          data-version-id={shown.versionId ?? ""}
        >
          {shown.versionId && <p className="font-mono">{shortVersionId(shown.versionId)}</p>}
          {shown.at && <p className="text-slate-600">{dateOf(shown.at)}</p>}
          <p>
            {shown.serial != null && <>serial {String(shown.serial)} · </>}
            {shown.resources.toLocaleString("en")} instances · {shown.changes.toLocaleString("en")} changed
          </p>
        </div>
      )}
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span><span aria-hidden className="mr-1 inline-block h-0.5 w-3 bg-sky-700 align-middle" />Resource instances (max {maxResources})</span>
        <span><span aria-hidden className="mr-1 inline-block size-2 bg-amber-300" />Changes per version (max {maxChanges})</span>
      </figcaption>
    </figure>
  );
}
