import { describe, expect, it } from "vitest";
import { configuredLockKinds, LOCK_KIND_VALUES, lockingWarning, lockKindFacts, lockModeLabel } from "./lock-kinds";

describe("lock kinds", () => {
  // Formerly the LockMode vocabulary ("none" | "dynamodb" | "lockfile" | "both"): now the configured kinds themselves.
  it("names the kinds a backend takes, in the tools' order", () => {
    expect(configuredLockKinds({})).toEqual([]);
    expect(configuredLockKinds({ dynamodb_table: "t" })).toEqual(["dynamodb"]);
    expect(configuredLockKinds({ use_lockfile: true })).toEqual(["s3"]);
    expect(configuredLockKinds({ dynamodb_table: "t", use_lockfile: true })).toEqual(["s3", "dynamodb"]);
    expect(LOCK_KIND_VALUES).toEqual(["s3", "dynamodb"]);
  });

  it("words the lock mode as the backend card shows it", () => {
    expect(lockModeLabel({ dynamodb_table: "locks" })).toBe("DynamoDB table locks");
    expect(lockModeLabel({ use_lockfile: true })).toBe("S3 lockfile (.tflock)");
    expect(lockModeLabel({ dynamodb_table: "locks", use_lockfile: true })).toBe("DynamoDB table locks + S3 lockfile");
    expect(lockModeLabel({})).toBe("none");
    expect(lockKindFacts("dynamodb").title).toBe("DynamoDB lock item");
  });

  it("warns about missing locking", () => {
    expect(lockingWarning({ dynamodb_table: "t" })).toBeNull();
    expect(lockingWarning({ use_lockfile: true })).toBeNull();
    expect(lockingWarning({})).toMatch(/No lock table and no lockfile/);
  });
});
