/**
 * Every cache of the process and its bounds, in one place, so the memory a replica may spend on
 * caching is read here (docs/ARCHITECTURE.md "Caches"). Numbers only: each owner adds its sizeOf.
 */
const MiB = 1024 * 1024;

export const CACHE_POLICIES = {
  /**
   * Parsed states by bucket/key/version ID (or ETag without versioning): immutable content. Bounded by bytes; the
   * count only caps bookkeeping (the current states of a 2,000-workspace backend browsed at random all fit).
   */
  stateParses: { name: "state parses", maxEntries: 5_000, maxBytes: 512 * MiB },
  /** Per-workspace facts of the workspaces table (serial, resources), validated by the object's ETag. */
  workspaceDetails: { name: "workspace details", maxEntries: 50_000 },
  /** Version timeline summaries by (object, version, predecessor): immutable. */
  versionSummaries: { name: "version summaries", maxEntries: 50_000 },
  /**
   * Version histories per state key for the Versions, Diff and Restore pages, validated on every load by
   * HeadObject of the newest and oldest entries (lib/domain/versions/list-cache.ts); weighed per version.
   */
  versionLists: { name: "version lists", maxEntries: 1_000, maxBytes: 64 * MiB },
  /** Structural diffs of immutable version pairs. */
  structuralDiffs: { name: "structural diffs", maxEntries: 64, maxBytes: 64 * MiB },
  /** Side-by-side text diffs of immutable version pairs. */
  textDiffs: { name: "text diffs", maxEntries: 64, maxBytes: 64 * MiB },
  /** Workspace listings per backend; freshness by age inside each entry (lib/domain/workspaces/listing-cache.ts). */
  workspaceListings: { name: "workspace listings", maxEntries: 256, maxBytes: 64 * MiB },
  /** The live half of those listings, shared with the estate passes (search, locks, changes, dependencies). */
  liveListings: { name: "live listings", maxEntries: 256, maxBytes: 64 * MiB },
  /** The problems pass's version history per backend, patched key by key between full listings (lib/domain/problems/memo.ts). */
  versionHistories: { name: "version histories", maxEntries: 256, maxBytes: 64 * MiB },
  /** The lineage of a stored state version, by bucket/key/version ID: immutable. */
  previousLineages: { name: "previous lineages", maxEntries: 50_000 },
  /** Each backend's bucket versioning and lifecycle answers, for the problems pass. */
  bucketSettings: { name: "bucket settings", maxEntries: 256, ttlMs: 60_000 },
  /** Each bucket's versioning status, shown by the Versions tab on every load (lib/domain/versions/bucket-versioning.ts). */
  bucketVersioning: { name: "bucket versioning", maxEntries: 1_000, ttlMs: 10_000 },
  /** "Sign out everywhere" times per user: other replicas honour a new one within the TTL. */
  sessionRevocations: { name: "session revocations", maxEntries: 10_000, ttlMs: 30_000 },
  /** terraform_remote_state sources of each current state by bucket/key, validated by the object's ETag (lib/domain/dependencies.ts). */
  remoteStateRefs: { name: "remote state references", maxEntries: 50_000 },
  /** Built estate dependency graphs by set of backends: one build serves every page for 15 s. */
  dependencyGraphs: { name: "dependency graphs", maxEntries: 8, ttlMs: 15_000 },
  /** Versions read by instance histories (lib/domain/history.ts), by bucket/key/version ID: immutable content, weighed by state bytes. */
  historySnapshots: { name: "history snapshots", maxEntries: 20_000, maxBytes: 256 * MiB },
  /** Opened backends (AWS clients, their sockets and credential caches) by name + options. */
  openBackends: { name: "open backends", maxEntries: 64 },
} as const;
