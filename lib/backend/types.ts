import type { LockInfo } from "@/lib/gocompat/lockinfo";
import type { StateVersion } from "@/lib/browser-safe/version-list";
import type { WorkspaceRow } from "@/lib/browser-safe/workspace-rows";

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

/** A listed workspace: what the workspaces table shows of it (lib/browser-safe/workspace-rows.ts) and its state key. */
export interface WorkspaceSummary extends WorkspaceRow {
  key: string;
}

export type VersioningState = "Enabled" | "Suspended" | "Disabled";
