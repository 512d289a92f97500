import { describe, expect, it } from "vitest";
import { Cache } from "./cache";

describe("Cache", () => {
  it("evicts the least recently used entry beyond maxEntries", () => {
    const c = new Cache<string, number>({ name: "t", maxEntries: 2 });
    c.set("a", 1).set("b", 2);
    expect(c.get("a")).toBe(1); // a is now most recent
    c.set("c", 3);
    expect(c.has("b")).toBe(false);
    expect(c.get("a")).toBe(1);
    expect(c.get("c")).toBe(3);
    expect(c.size).toBe(2);
  });

  it("bounds the total weight and evicts oldest first", () => {
    const c = new Cache<string, string>({ name: "t", maxEntries: 100, maxBytes: 10, sizeOf: (v) => v.length });
    c.set("a", "xxxx").set("b", "yyyy");
    expect(c.bytes).toBe(8);
    c.set("c", "zzzz");
    expect(c.has("a")).toBe(false);
    expect(c.bytes).toBe(8);
  });

  it("does not keep an entry heavier than the whole budget, and drops the stale one it replaces", () => {
    const c = new Cache<string, string>({ name: "t", maxEntries: 10, maxBytes: 5, sizeOf: (v) => v.length });
    c.set("a", "abc");
    c.set("a", "too long value");
    expect(c.has("a")).toBe(false);
    expect(c.bytes).toBe(0);
  });

  it("replacing an entry updates its weight", () => {
    const c = new Cache<string, string>({ name: "t", maxEntries: 10, maxBytes: 100, sizeOf: (v) => v.length });
    c.set("a", "abc");
    c.set("a", "abcdef");
    expect(c.bytes).toBe(6);
    c.delete("a");
    expect(c.bytes).toBe(0);
  });

  it("rejects a zero bound, and a byte bound without a weight", () => {
    expect(() => new Cache({ name: "t", maxEntries: 0 })).toThrow(RangeError);
    expect(() => new Cache({ name: "t", maxEntries: 1, maxBytes: 10 })).toThrow(RangeError);
  });

  it("answers only for the validator the entry was computed from, and drops a stale one", () => {
    const c = new Cache<string, string>({ name: "t", maxEntries: 10 });
    c.set("ws", "details at etag 1", '"etag1"');
    expect(c.get("ws", '"etag1"')).toBe("details at etag 1");
    expect(c.get("ws", '"etag2"')).toBeUndefined();
    expect(c.has("ws")).toBe(false);
  });

  it("never answers with an entry older than its TTL", () => {
    let now = 1_000;
    const c = new Cache<string, string>({ name: "t", maxEntries: 10, ttlMs: 20, now: () => now });
    c.set("a", "x");
    now += 19;
    expect(c.get("a")).toBe("x");
    now += 2;
    expect(c.get("a")).toBeUndefined();
  });
});
