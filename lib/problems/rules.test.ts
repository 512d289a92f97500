import { describe, expect, it } from "vitest";
import { atOrAbove, detectProblems, majorVersion, type BackendFacts, type LockFact } from "./rules";

const facts = (over: Partial<BackendFacts>): BackendFacts => ({
  backend: "b",
  bucket: "bkt",
  table: "t",
  lockfile: true,
  versioning: "Enabled",
  noncurrentRule: true,
  noncurrent: { count: 0, bytes: 0 },
  digestMismatches: [],
  locks: [],
  orphanDigests: [],
  deleted: [],
  unreadable: [],
  toolVersions: [],
  lineageChanges: [],
  ...over,
});

const lock = (over: Partial<LockFact>): LockFact => ({ workspace: "w", kind: "dynamodb", id: "id-1", who: "ci@x", operationWords: "apply", created: "", ageMs: 7_200_000, stale: true, orphan: false, stateKey: "env:/w/k", location: "", ...over });

describe("problem rules", () => {
  it("reports a healthy backend as having no problems", () => {
    expect(detectProblems(facts({ toolVersions: [{ workspace: "a", version: "1.5.7" }, { workspace: "b", version: "1.10.3" }] }))).toEqual([]);
  });
  it("reports one stale lock held in both places once, naming both kinds", () => {
    const ps = detectProblems(facts({ locks: [lock({}), lock({ kind: "s3" }), lock({ workspace: "v", id: "id-2", stale: false })] }));
    expect(ps.map((p) => [p.code, p.workspace, p.message])).toEqual([["STALE_LOCK", "w", "Locked by ci@x for apply 2 h ago (dynamodb and s3): probably abandoned."]]);
    expect(ps[0]!.fix).toBe("statehouse unlock --backend b -w w id-1  (or Break lock on the Locks page, operator)");
  });
  it("counts major versions the way the tools broke compatibility", () => {
    expect(["1.10.3", "1.5.7", "0.12.31", "0.15.5", "v2.0.0", "dev"].map(majorVersion)).toEqual(["1", "1", "0.12", "0.15", "2", null]);
  });
  it("compares severities for --fail-on", () => {
    const ps = detectProblems(facts({ table: null, lockfile: false }));
    expect(ps.map((p) => p.severity)).toEqual(["warning"]);
    expect([atOrAbove(ps, "info"), atOrAbove(ps, "warning"), atOrAbove(ps, "error")]).toEqual([true, true, false]);
  });
});
