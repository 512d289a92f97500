"use client";

import { useCallback, useState } from "react";
import { chartBuckets, type ChartPoint } from "@/lib/browser-safe/chart-buckets";

const H = 120;
const PAD = 8;
/** Width drawn before the figure is measured (server render). */
const INITIAL_W = 640;

/**
 * Resource count (line) and changes per version (bars) for the versions summarised so far, oldest
 * on the left. Inline SVG: a chart library would be far bigger than these few shapes. The points
 * are folded into one bucket per pixel column, so 5,000 versions draw as cheaply as 600.
 */
export function VersionChart({ points }: { points: readonly ChartPoint[] }) {
  const [width, setWidth] = useState(INITIAL_W);
  // A ref callback (not an effect): the figure only appears once two points are known.
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => entry && setWidth(Math.max(100, Math.round(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  if (points.length < 2) return null;
  const buckets = chartBuckets(points, width - 2 * PAD);
  const maxResources = Math.max(1, ...buckets.map((b) => b.max));
  const maxChanges = Math.max(1, ...buckets.map((b) => b.changes));
  const step = (width - 2 * PAD) / Math.max(1, buckets.length - 1);
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => H - PAD - ((H - 2 * PAD) * v) / maxResources;
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
      const h = ((H - 2 * PAD) * b.changes) / maxChanges / 2;
      return `M${(x(i) - barW / 2).toFixed(1)},${(H - PAD - h).toFixed(1)}h${barW.toFixed(1)}v${h.toFixed(1)}h${(-barW).toFixed(1)}z`;
    })
    .join("");
  return (
    <figure ref={ref} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="version-chart" data-points={points.length}>
      <svg viewBox={`0 0 ${width} ${H}`} preserveAspectRatio="none" className="h-28 w-full" role="img" aria-label={`Instances over ${points.length} versions: from ${points[0]?.resources} to ${points[points.length - 1]?.resources}; bars show changes per version`}>
        <path d={bars} className="fill-amber-300" />
        <path d={line} fill="none" className="stroke-sky-700" strokeWidth={2} vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span><span aria-hidden className="mr-1 inline-block h-0.5 w-3 bg-sky-700 align-middle" />Resource instances (max {maxResources})</span>
        <span><span aria-hidden className="mr-1 inline-block size-2 bg-amber-300" />Changes per version (max {maxChanges})</span>
      </figcaption>
    </figure>
  );
}
