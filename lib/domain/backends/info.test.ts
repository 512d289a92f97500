import { describe, expect, it } from "vitest";
import { lockingWarning, lockMode, lockModeLabel, versioningWarning } from "./info";

describe("backend info", () => {
  it("names the lock mode", () => {
    expect(lockMode({})).toBe("none");
    expect(lockMode({ dynamodb_table: "t" })).toBe("dynamodb");
    expect(lockMode({ use_lockfile: true })).toBe("lockfile");
    expect(lockMode({ dynamodb_table: "t", use_lockfile: true })).toBe("both");
    expect(lockModeLabel({ dynamodb_table: "locks" })).toBe("DynamoDB table locks");
  });
  it("warns about missing versioning and locking", () => {
    expect(versioningWarning("Enabled")).toBeNull();
    expect(versioningWarning("Disabled")).toMatch(/off.*recovery is impossible/);
    expect(versioningWarning("Suspended")).toMatch(/suspended.*recovery is impossible/);
    expect(lockingWarning({ dynamodb_table: "t" })).toBeNull();
    expect(lockingWarning({ use_lockfile: true })).toBeNull();
    expect(lockingWarning({})).toMatch(/No lock table and no lockfile/);
  });
});
