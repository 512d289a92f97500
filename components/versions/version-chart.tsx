import type { VersionSummary } from "@/lib/service/versions-timeline";

const W = 640;
const H = 120;
const PAD = 8;

/**
 * Resource count (line) and changes per version (bars) for the versions loaded so far, oldest on
 * the left. Inline SVG: a chart library would be far bigger than these few shapes.
 */
export function VersionChart({ summaries }: { summaries: readonly VersionSummary[] }) {
  const points = summaries.filter((s) => s.resources !== null).reverse();
  if (points.length < 2) return null;
  const maxResources = Math.max(1, ...points.map((s) => s.resources ?? 0));
  const changeOf = (s: VersionSummary) => (s.changes ? s.changes.added + s.changes.removed + s.changes.changed : 0);
  const maxChanges = Math.max(1, ...points.map(changeOf));
  const step = (W - 2 * PAD) / (points.length - 1);
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => H - PAD - ((H - 2 * PAD) * v) / maxResources;
  const barW = Math.max(1, Math.min(12, step * 0.6));
  const line = points.map((s, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(s.resources ?? 0).toFixed(1)}`).join(" ");
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3" data-testid="version-chart">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 w-full" role="img" aria-label={`Resources over the last ${points.length} versions: from ${points[0]?.resources} to ${points[points.length - 1]?.resources}; bars show changes per version`}>
        {points.map((s, i) => {
          const c = changeOf(s);
          if (c === 0) return null;
          const h = ((H - 2 * PAD) * c) / maxChanges / 2;
          return <rect key={s.versionId} x={x(i) - barW / 2} y={H - PAD - h} width={barW} height={h} className="fill-amber-300" />;
        })}
        <path d={line} fill="none" className="stroke-sky-700" strokeWidth={2} vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span><span aria-hidden className="mr-1 inline-block h-0.5 w-3 bg-sky-700 align-middle" />Resource instances (max {maxResources})</span>
        <span><span aria-hidden className="mr-1 inline-block size-2 bg-amber-300" />Changes per version (max {maxChanges})</span>
      </figcaption>
    </figure>
  );
}
