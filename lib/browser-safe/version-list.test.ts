import { describe, expect, it } from "vitest";
import type { StateVersion } from "@/lib/backend/types";
import { compactVersionList, expandVersionList, timelinePages, timelineRequests } from "./version-list";

function version(id: string, opts: Partial<StateVersion> = {}): StateVersion {
  return { versionId: id, isLatest: false, isDeleteMarker: false, size: 100, lastModified: "2026-01-01T00:00:00.000Z", etag: `"${id}"`, ...opts };
}

describe("compact version list", () => {
  const versions = [
    version("d2", { isDeleteMarker: true, size: null, isLatest: true, lastModified: "2026-03-04T05:06:07.089Z" }),
    version("v2", { size: 31_457_280 }),
    version("v1", { size: 0, lastModified: "2025-12-31T23:59:59.000Z" }),
  ];

  it("round-trips everything the timeline shows (not the ETag)", () => {
    const back = expandVersionList(compactVersionList(versions));
    expect(back).toEqual(versions.map((v) => ({ versionId: v.versionId, isLatest: v.isLatest, isDeleteMarker: v.isDeleteMarker, size: v.size, lastModified: v.lastModified })));
  });

  it("sends one column per field, not one object per version", () => {
    const c = compactVersionList(versions);
    expect(c).toEqual({ ids: ["d2", "v2", "v1"], times: [Date.parse("2026-03-04T05:06:07.089Z"), Date.parse("2026-01-01T00:00:00.000Z"), Date.parse("2025-12-31T23:59:59.000Z")], sizes: [null, 31_457_280, 0], markers: [0], latest: 0 });
    // 5,000 versions with 32-character S3 ids stay well under 60 bytes each.
    const many = Array.from({ length: 5000 }, (_, i) => version(`${"x".repeat(26)}${String(i).padStart(6, "0")}`, { size: 123_456 }));
    expect(JSON.stringify(compactVersionList(many)).length / 5000).toBeLessThan(60);
  });
});

describe("timelineRequests", () => {
  it("names the next older real version as predecessor, skipping delete markers", () => {
    const reqs = timelineRequests([version("d2", { isDeleteMarker: true, size: null }), version("v3"), version("d1", { isDeleteMarker: true, size: null }), version("v2"), version("v1")]);
    expect(reqs.map((r) => [r.versionId, r.predecessorId])).toEqual([
      ["d2", "v3"],
      ["v3", "v2"],
      ["d1", "v2"],
      ["v2", "v1"],
      ["v1", null],
    ]);
  });
});

describe("timelinePages", () => {
  const reqs = timelineRequests(Array.from({ length: 45 }, (_, i) => version(`v${i}`, { size: 10 })));
  it("cuts pages by count", () => {
    expect(timelinePages(reqs, { maxCount: 20, maxBytes: 1e9 }).map((p) => p.length)).toEqual([20, 20, 5]);
  });
  it("cuts pages by bytes but always keeps at least one version", () => {
    expect(timelinePages(reqs.slice(0, 5), { maxCount: 20, maxBytes: 25 }).map((p) => p.length)).toEqual([2, 2, 1]);
    expect(timelinePages(reqs.slice(0, 2), { maxCount: 20, maxBytes: 1 }).map((p) => p.length)).toEqual([1, 1]);
  });
});
