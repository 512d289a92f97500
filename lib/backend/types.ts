import type { LockInfo } from "@/lib/gocompat/lockinfo";
import type { StateVersion } from "@/lib/browser-safe/version-list";

// Defined where their pure users live (the Go encoding, the browser's version list); one name for all layers.
export type { LockInfo, StateVersion };

export type { LockKind } from "@/lib/browser-safe/lock-kinds";
import type { LockKind } from "@/lib/browser-safe/lock-kinds";

export interface LockRecord {
  kind: LockKind;
  /** Where it lives: "<table>: LockID=<bucket>/<key>" or "s3://bucket/<key>.tflock" */
  location: string;
  /** Parsed info, or null when the body could not be parsed. */
  info: LockInfo | null;
  /** Raw Info string / object body, for exact comparisons. */
  raw: string;
  /** Problem parsing the info, if any. */
  parseError?: string;
  /** For s3 locks: ETag and LastModified of the .tflock object. */
  etag?: string;
  lastModified?: string;
}

export type DigestStatus =
  | { status: "no-table" }
  | { status: "absent" }
  | { status: "match"; digest: string }
  | { status: "mismatch"; digest: string; actual: string | null; explanation: string }
  | { status: "malformed"; digest: string };

export interface LockStatus {
  locks: LockRecord[];
  digest: DigestStatus;
}

export interface WorkspaceSummary {
  name: string;
  key: string;
  /** Absent when the object does not exist (default with no state yet) or is a delete marker. */
  size: number | null;
  lastModified: string | null;
  etag: string | null;
  /** Current version is a delete marker: a deleted workspace that versioning can bring back. */
  deleted: boolean;
  exists: boolean;
  locked: boolean;
  lockHolders: { kind: LockKind; id: string; who: string; created: string; operation: string }[];
}

export type VersioningState = "Enabled" | "Suspended" | "Disabled";
