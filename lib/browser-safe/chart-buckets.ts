/** One version on the chart: its resource count and how many instances it changed. */
export interface ChartPoint {
  resources: number;
  changes: number;
  /** For the axis and the tooltip: which version, when, its serial. */
  versionId?: string;
  at?: string;
  serial?: number | string | null;
}

/** The index of the point a bucket stands for in the tooltip: its newest. */
export function bucketPointIndex(bucket: number, buckets: number, points: number): number {
  const count = Math.max(1, Math.min(points, buckets));
  return Math.max(0, Math.min(points - 1, Math.floor(((bucket + 1) * points) / count) - 1));
}

/** The points falling on one pixel column: enough to draw the line's full extent and the tallest bar. */
export interface ChartBucket {
  first: number;
  min: number;
  max: number;
  last: number;
  changes: number;
}

/**
 * Points (oldest first) → at most `columns` buckets of consecutive points. Min and max keep every
 * spike of the line visible however many versions share a pixel, and the drawing stays O(width)
 * whether the history holds 20 versions or 5,000.
 */
export function chartBuckets(points: readonly ChartPoint[], columns: number): ChartBucket[] {
  const n = points.length;
  const count = Math.max(1, Math.min(n, Math.floor(columns)));
  const out: ChartBucket[] = [];
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * n) / count);
    const to = Math.floor(((b + 1) * n) / count);
    let bucket: ChartBucket | null = null;
    for (let i = from; i < to; i++) {
      const p = points[i]!;
      if (!bucket) bucket = { first: p.resources, min: p.resources, max: p.resources, last: p.resources, changes: p.changes };
      else {
        bucket.min = Math.min(bucket.min, p.resources);
        bucket.max = Math.max(bucket.max, p.resources);
        bucket.last = p.resources;
        bucket.changes = Math.max(bucket.changes, p.changes);
      }
    }
    if (bucket) out.push(bucket);
  }
  return out;
}
