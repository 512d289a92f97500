import { describe, expect, it } from "vitest";
import { bucketPointIndex, chartBuckets, type ChartPoint } from "@/lib/browser-safe/chart-buckets";

describe("chartBuckets", () => {
  it("keeps one bucket per point when they fit", () => {
    const pts: ChartPoint[] = [
      { resources: 3, changes: 0 },
      { resources: 5, changes: 2 },
    ];
    expect(chartBuckets(pts, 600)).toEqual([
      { first: 3, min: 3, max: 3, last: 3, changes: 0 },
      { first: 5, min: 5, max: 5, last: 5, changes: 2 },
    ]);
  });

  it("folds 5,000 points into the pixel columns, keeping spikes and the tallest bar", () => {
    const pts: ChartPoint[] = Array.from({ length: 5000 }, () => ({ resources: 100, changes: 1 }));
    pts[2501] = { resources: 900, changes: 40 };
    pts[4999] = { resources: 7, changes: 1 };
    const b = chartBuckets(pts, 500);
    expect(b).toHaveLength(500);
    expect(Math.max(...b.map((x) => x.max))).toBe(900);
    expect(Math.max(...b.map((x) => x.changes))).toBe(40);
    expect(b[b.length - 1]).toMatchObject({ min: 7, last: 7, max: 100 });
  });

  it("draws nothing from nothing", () => {
    expect(chartBuckets([], 500)).toEqual([]);
  });
});

describe("bucketPointIndex", () => {
  it("names the newest point of the bucket under the pointer, one point per bucket when they fit", () => {
    expect([0, 1, 2].map((b) => bucketPointIndex(b, 3, 3))).toEqual([0, 1, 2]);
    // 10 points in 4 columns: buckets [0,2) [2,5) [5,7) [7,10).
    const points = Array.from({ length: 10 }, (_, i) => ({ resources: i, changes: 0 }));
    expect(chartBuckets(points, 4).map((b) => b.last)).toEqual([1, 4, 6, 9]);
    expect([0, 1, 2, 3].map((b) => bucketPointIndex(b, 4, 10))).toEqual([1, 4, 6, 9]);
  });
});
