import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

describe("LruCache", () => {
  it("evicts the least recently used entry beyond maxEntries", () => {
    const c = new LruCache<string, number>({ maxEntries: 2 });
    c.set("a", 1).set("b", 2);
    expect(c.get("a")).toBe(1); // a is now most recent
    c.set("c", 3);
    expect(c.has("b")).toBe(false);
    expect(c.get("a")).toBe(1);
    expect(c.get("c")).toBe(3);
    expect(c.size).toBe(2);
  });

  it("bounds the total weight and evicts oldest first", () => {
    const c = new LruCache<string, string>({ maxEntries: 100, maxBytes: 10, sizeOf: (v) => v.length });
    c.set("a", "xxxx").set("b", "yyyy");
    expect(c.bytes).toBe(8);
    c.set("c", "zzzz");
    expect(c.has("a")).toBe(false);
    expect(c.bytes).toBe(8);
  });

  it("does not keep an entry heavier than the whole budget, and drops the stale one it replaces", () => {
    const c = new LruCache<string, string>({ maxEntries: 10, maxBytes: 5, sizeOf: (v) => v.length });
    c.set("a", "abc");
    c.set("a", "too long value");
    expect(c.has("a")).toBe(false);
    expect(c.bytes).toBe(0);
  });

  it("replacing an entry updates its weight", () => {
    const c = new LruCache<string, string>({ maxEntries: 10, maxBytes: 100, sizeOf: (v) => v.length });
    c.set("a", "abc");
    c.set("a", "abcdef");
    expect(c.bytes).toBe(6);
    c.delete("a");
    expect(c.bytes).toBe(0);
  });

  it("rejects a zero bound", () => {
    expect(() => new LruCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
