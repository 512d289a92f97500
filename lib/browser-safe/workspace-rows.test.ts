import { describe, expect, it } from "vitest";
import { decodeWorkspaceRows, encodeWorkspaceRows, type WorkspaceRow } from "./workspace-rows";

const rows: WorkspaceRow[] = [
  { name: "default", size: 1234, lastModified: "2026-12-01T10:00:00.000Z", etag: '"abc"', deleted: false, exists: true, locked: false, lockHolders: [] },
  { name: "gone", size: null, lastModified: null, etag: null, deleted: true, exists: false, locked: false, lockHolders: [] },
  {
    name: "busy/\u00e9\"x",
    size: 0,
    lastModified: "2026-11-30T23:59:59.000Z",
    etag: '"def-2"',
    deleted: false,
    exists: true,
    locked: true,
    lockHolders: [{ kind: "dynamodb", id: "6f1c", who: "ci@runner", created: "2026-11-30T01:02:03.456789Z", operation: "OperationTypeApply" }],
  },
  { name: "fresh", size: null, lastModified: null, etag: null, deleted: false, exists: false, locked: false, lockHolders: [] },
];

describe("workspace rows as columns", () => {
  it("round-trips every field of every row, lock holders included", () => {
    expect(decodeWorkspaceRows(encodeWorkspaceRows(rows))).toEqual(rows);
  });

  it("is much smaller than the rows as objects", () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...rows[0]!, name: `ws-${String(i).padStart(4, "0")}`, etag: `"${"0123456789abcdef".repeat(2)}"` }));
    expect(encodeWorkspaceRows(many).length).toBeLessThan(JSON.stringify(many).length * 0.6);
    expect(decodeWorkspaceRows(encodeWorkspaceRows([]))).toEqual([]);
  });
});
