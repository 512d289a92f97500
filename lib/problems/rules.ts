/**
 * Problem detection rules: facts about one backend (gathered by lib/domain/problems.ts) in,
 * problems with a severity, a message and a fix out. Pure: no AWS, no clock except `now` given.
 * Messages never carry state contents, only names, keys, counts and lock holders.
 */
import { hclQuote } from "@/lib/state/address";

export const PROBLEM_CODES = [
  "DIGEST_MISMATCH",
  "STALE_LOCK",
  "ORPHAN_LOCK",
  "DELETED_WORKSPACE",
  "UNREADABLE_STATE",
  "VERSIONING_OFF",
  "NO_LOCKING",
  "NO_NONCURRENT_LIFECYCLE",
  "LINEAGE_CHANGED",
  "TOOL_VERSION_SPREAD",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const SEVERITIES = ["info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Problem {
  backend: string;
  /** Null for a problem of the backend as a whole. */
  workspace: string | null;
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** A command to run, or the dashboard action that fixes it. */
  fix: string;
}

export interface LockFact {
  workspace: string | null;
  kind: "dynamodb" | "s3";
  id: string;
  who: string;
  operationWords: string;
  created: string;
  ageMs: number | null;
  stale: boolean;
  orphan: boolean;
  orphanReason?: string;
  stateKey: string;
  location: string;
}

export interface BackendFacts {
  backend: string;
  bucket: string;
  table: string | null;
  lockfile: boolean;
  /** Null when it could not be read. */
  versioning: "Enabled" | "Suspended" | "Disabled" | null;
  /** Whether some enabled lifecycle rule expires noncurrent versions; null when unknown. */
  noncurrentRule: boolean | null;
  /** Noncurrent versions of this backend's state objects; null when not counted. */
  noncurrent: { count: number; bytes: number } | null;
  /** Workspaces whose digest item disagrees with the current object. */
  digestMismatches: { workspace: string; digest: string; actual: string }[];
  locks: LockFact[];
  orphanDigests: { stateKey: string; lockId: string }[];
  deleted: string[];
  unreadable: { workspace: string; reason: string }[];
  /** Terraform/OpenTofu version recorded in each readable state. */
  toolVersions: { workspace: string; version: string }[];
  /** The latest write changed the lineage (within the recent window). */
  lineageChanges: { workspace: string; from: string; to: string; at: string }[];
}

/** Days after which noncurrent state versions expire in the suggested rule; 100 newest are always kept. */
const SUGGESTED_NONCURRENT_DAYS = 90;
const SUGGESTED_KEEP_NEWER = 100;

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** "1.10.3" → "1", "0.12.31" → "0.12": before 1.0 every minor release was a breaking one. */
export function majorVersion(v: string): string | null {
  const m = /^v?(\d+)\.(\d+)/.exec(v);
  if (!m) return null;
  return m[1] === "0" ? `0.${m[2]}` : m[1]!;
}

export function formatAgeMs(ms: number): string {
  const m = Math.floor(ms / 60_000);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}

function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(1)} GiB`;
}

export function suggestedLifecycleRule(): object {
  return {
    Rules: [
      {
        ID: "statehouse-expire-noncurrent-state",
        Status: "Enabled",
        Filter: {},
        NoncurrentVersionExpiration: { NoncurrentDays: SUGGESTED_NONCURRENT_DAYS, NewerNoncurrentVersions: SUGGESTED_KEEP_NEWER },
      },
    ],
  };
}

export function detectProblems(f: BackendFacts): Problem[] {
  const out: Problem[] = [];
  const p = (workspace: string | null, code: ProblemCode, severity: Severity, message: string, fix: string) =>
    out.push({ backend: f.backend, workspace, code, severity, message, fix });
  const ws = (w: string) => `--backend ${shellQuote(f.backend)} -w ${shellQuote(w)}`;

  for (const d of f.digestMismatches) {
    p(d.workspace, "DIGEST_MISMATCH", "error", `The lock table holds digest ${d.digest} but the current state has MD5 ${d.actual}: terraform and tofu refuse to read this state.`, "Repair the digest on the workspace's Lock tab (admin), after checking that the current version is the one you want.");
  }
  // One lock taken in both places is one problem: the kinds are named together.
  const kindsOf = new Map<string, string[]>();
  for (const l of f.locks) if (!l.orphan && l.stale) kindsOf.set(`${l.workspace}\0${l.id}`, [...(kindsOf.get(`${l.workspace}\0${l.id}`) ?? []), l.kind]);
  const reported = new Set<string>();
  for (const l of f.locks) {
    if (l.orphan) {
      const fix =
        l.kind === "dynamodb"
          ? `aws dynamodb delete-item --table-name ${shellQuote(f.table ?? "")} --key ${shellQuote(JSON.stringify({ LockID: { S: `${f.bucket}/${l.stateKey}` } }))}`
          : `aws s3api delete-object --bucket ${shellQuote(f.bucket)} --key ${shellQuote(`${l.stateKey}.tflock`)}`;
      p(l.workspace, "ORPHAN_LOCK", "warning", `A ${l.kind === "s3" ? ".tflock object" : "DynamoDB lock item"} held by ${l.who} (${l.operationWords}) for ${l.stateKey}: ${l.orphanReason ?? "no workspace has this state"}.`, fix);
    } else if (l.stale && l.workspace !== null && !reported.has(`${l.workspace}\0${l.id}`)) {
      reported.add(`${l.workspace}\0${l.id}`);
      const age = l.ageMs === null ? "" : `${formatAgeMs(l.ageMs)} ago`;
      const kinds = kindsOf.get(`${l.workspace}\0${l.id}`)!.join(" and ");
      p(l.workspace, "STALE_LOCK", "warning", `Locked by ${l.who} for ${l.operationWords} ${age} (${kinds}): probably abandoned.`, `statehouse unlock ${ws(l.workspace)} ${shellQuote(l.id)}  (or Break lock on the Locks page, operator)`);
    }
  }
  for (const d of f.orphanDigests) {
    p(null, "ORPHAN_LOCK", "info", `A digest item (${d.lockId}) for ${d.stateKey}, which has no state.`, `aws dynamodb delete-item --table-name ${shellQuote(f.table ?? "")} --key ${shellQuote(JSON.stringify({ LockID: { S: d.lockId } }))}`);
  }
  for (const w of f.deleted) {
    p(w, "DELETED_WORKSPACE", "info", `The state of workspace ${hclQuote(w)} was deleted; its history is kept by versioning.`, `Recover it on the workspace's History tab (admin): restore its last version, or statehouse restore ${ws(w)} VERSION.`);
  }
  for (const u of f.unreadable) {
    p(u.workspace || null, "UNREADABLE_STATE", "error", `The state cannot be read: ${u.reason}`, u.workspace ? `Open the workspace's State tab for the details, then restore a readable version from the History tab.` : `Check the backend's configuration and access (Backends page, Check access).`);
  }
  if (f.versioning === "Disabled" || f.versioning === "Suspended") {
    p(null, "VERSIONING_OFF", "error", `Bucket versioning is ${f.versioning === "Disabled" ? "off" : "suspended"} on ${f.bucket}: an overwritten or deleted state cannot be recovered.`, `aws s3api put-bucket-versioning --bucket ${shellQuote(f.bucket)} --versioning-configuration Status=Enabled`);
  }
  if (!f.table && !f.lockfile) {
    p(null, "NO_LOCKING", "warning", "No locking is configured: two runs at once can overwrite each other's state.", 'Add use_lockfile = true to the backend "s3" block (Terraform 1.10+, OpenTofu 1.8+), or a dynamodb_table.');
  }
  if (f.noncurrentRule === false && f.noncurrent && f.noncurrent.count > 0) {
    p(
      null,
      "NO_NONCURRENT_LIFECYCLE",
      "info",
      `${f.noncurrent.count} noncurrent state versions (${bytesText(f.noncurrent.bytes)}) and no lifecycle rule expires them.`,
      `aws s3api put-bucket-lifecycle-configuration --bucket ${shellQuote(f.bucket)} --lifecycle-configuration ${shellQuote(JSON.stringify(suggestedLifecycleRule()))}  (replaces the bucket's lifecycle rules: merge with any you have)`,
    );
  }
  for (const c of f.lineageChanges) {
    p(c.workspace, "LINEAGE_CHANGED", "warning", `The latest write (${c.at}) changed the lineage from ${c.from} to ${c.to}: another configuration's state may have been pushed here.`, "Compare the two versions on the History tab; restore the previous version if the change was a mistake.");
  }
  const majors = new Map<string, string[]>();
  for (const t of f.toolVersions) {
    const m = majorVersion(t.version);
    if (m !== null) majors.set(m, [...(majors.get(m) ?? []), t.workspace]);
  }
  if (majors.size > 1) {
    const parts = [...majors.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, w]) => `${m}.x: ${w.length} workspace${w.length === 1 ? "" : "s"}`);
    p(null, "TOOL_VERSION_SPREAD", "info", `Workspaces of this backend are on different major tool versions (${parts.join("; ")}).`, "Upgrade the older workspaces' configurations to one major version and apply them.");
  }
  return out;
}

/** True when some problem is at or above `threshold`. */
export function atOrAbove(problems: readonly Problem[], threshold: Severity): boolean {
  const min = SEVERITIES.indexOf(threshold);
  return problems.some((p) => SEVERITIES.indexOf(p.severity) >= min);
}
