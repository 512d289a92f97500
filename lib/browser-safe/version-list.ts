/**
 * The Versions timeline's list as it travels to the browser, and how the browser pages it.
 * Pure (no AWS, no server-only) because both the page (server) and the timeline (client) use it.
 *
 * A history may hold thousands of versions: the list is sent column by column (ids, times, sizes)
 * instead of one object per version, so the page payload grows by a few dozen bytes per version.
 */
/** One version of an object, as ListObjectVersions lists it. */
export interface StateVersion {
  versionId: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
  size: number | null;
  lastModified: string;
  etag: string | null;
}

/** What the timeline shows of one version: its listing metadata (the ETag is not needed). */
export type TimelineVersion = Omit<StateVersion, "etag">;

export interface CompactVersionList {
  /** Newest first, as listed. */
  ids: string[];
  /** Last-modified times, epoch milliseconds. */
  times: number[];
  sizes: (number | null)[];
  /** Indexes of the delete markers. */
  markers: number[];
  /** Index of the current version; -1 when none is marked latest. */
  latest: number;
}

export function compactVersionList(versions: readonly StateVersion[]): CompactVersionList {
  const out: CompactVersionList = { ids: [], times: [], sizes: [], markers: [], latest: -1 };
  versions.forEach((v, i) => {
    out.ids.push(v.versionId);
    out.times.push(Date.parse(v.lastModified));
    out.sizes.push(v.size);
    if (v.isDeleteMarker) out.markers.push(i);
    if (v.isLatest) out.latest = i;
  });
  return out;
}

export function expandVersionList(list: CompactVersionList): TimelineVersion[] {
  const markers = new Set(list.markers);
  return list.ids.map((versionId, i) => ({
    versionId,
    isLatest: i === list.latest,
    isDeleteMarker: markers.has(i),
    size: list.sizes[i] ?? null,
    lastModified: new Date(list.times[i] ?? 0).toISOString(),
  }));
}

/** What the timeline needs to summarise one version: its id and the version it is compared with. */
export interface SummaryRequest {
  versionId: string;
  isDeleteMarker: boolean;
  /** The next older version that is not a delete marker; null for the oldest. */
  predecessorId: string | null;
  /** Object size, used to keep a page's total read volume bounded. */
  size: number | null;
}

/** Versions listed newest first → one request per version, each naming its predecessor. O(n). */
export function timelineRequests(versions: readonly Pick<StateVersion, "versionId" | "isDeleteMarker" | "size">[]): SummaryRequest[] {
  const out: SummaryRequest[] = new Array(versions.length);
  let olderReal: string | null = null;
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!;
    out[i] = { versionId: v.versionId, isDeleteMarker: v.isDeleteMarker, predecessorId: olderReal, size: v.size };
    if (!v.isDeleteMarker) olderReal = v.versionId;
  }
  return out;
}

export interface PageLimits {
  maxCount: number;
  /** Bytes of state to read for one page (its versions and their predecessors, roughly). */
  maxBytes: number;
}

export const DEFAULT_PAGE_LIMITS: PageLimits = { maxCount: 20, maxBytes: 96 * 1024 * 1024 };

/**
 * Splits the requests into pages loaded one after the other: at most `maxCount` versions and
 * about `maxBytes` of content per page (always at least one version), so that a page of 30 MB
 * states stays as responsive as a page of small ones.
 */
export function timelinePages(requests: readonly SummaryRequest[], limits: PageLimits = DEFAULT_PAGE_LIMITS): SummaryRequest[][] {
  const pages: SummaryRequest[][] = [];
  let page: SummaryRequest[] = [];
  let bytes = 0;
  for (const r of requests) {
    const size = r.size ?? 0;
    if (page.length > 0 && (page.length >= limits.maxCount || bytes + size > limits.maxBytes)) {
      pages.push(page);
      page = [];
      bytes = 0;
    }
    page.push(r);
    bytes += size;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
