import { describe, expect, it } from "vitest";
import { backendWarnings, lockMode, lockModeLabel } from "./backend-info";

describe("backend info", () => {
  it("names the lock mode", () => {
    expect(lockMode({})).toBe("none");
    expect(lockMode({ dynamodb_table: "t" })).toBe("dynamodb");
    expect(lockMode({ use_lockfile: true })).toBe("lockfile");
    expect(lockMode({ dynamodb_table: "t", use_lockfile: true })).toBe("both");
    expect(lockModeLabel({ dynamodb_table: "locks" })).toBe("DynamoDB table locks");
  });
  it("warns about missing versioning and locking", () => {
    expect(backendWarnings({ dynamodb_table: "t" }, "Enabled")).toEqual([]);
    expect(backendWarnings({ dynamodb_table: "t" }, "Disabled")[0]).toMatch(/recovery is impossible/);
    expect(backendWarnings({ use_lockfile: true }, "Suspended")[0]).toMatch(/suspended.*recovery is impossible/);
    expect(backendWarnings({})).toEqual([expect.stringMatching(/No lock table and no lockfile/)]);
  });
});
