import { describe, expect, it } from "vitest";
import { encodeLockInfo, goJsonString, goTimeRFC3339Nano, newLockInfo, parseLockInfo } from "./lockinfo";

const EXAMPLE =
  '{"ID":"31ab505c-e46f-0f90-ce31-1f8a328f063a","Operation":"OperationTypeApply","Info":"","Who":"ci@runner-7","Version":"1.10.3","Created":"2026-06-11T21:45:42.296286Z","Path":"acme-state/env:/prod/network/terraform.tfstate"}';

describe("LockInfo encoding (Go json.Marshal)", () => {
  it("round-trips the DESIGN.md example byte for byte", () => {
    expect(encodeLockInfo(parseLockInfo(EXAMPLE))).toBe(EXAMPLE);
  });
  it("writes fields in Go order whatever the input order", () => {
    const shuffled = '{"Path":"p","Created":"c","Version":"v","Who":"w","Info":"i","Operation":"o","ID":"x"}';
    expect(encodeLockInfo(parseLockInfo(shuffled))).toBe('{"ID":"x","Operation":"o","Info":"i","Who":"w","Version":"v","Created":"c","Path":"p"}');
  });
  it("escapes like Go: HTML characters, controls, line separators, lone surrogates", () => {
    expect(goJsonString("a<b>&c")).toBe('"a\\u003cb\\u003e\\u0026c"');
    expect(goJsonString('q"\\\n\r\t\b\f\u0001\u001f')).toBe('"q\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f"');
    expect(goJsonString("\u2028\u2029")).toBe('"\\u2028\\u2029"');
    expect(goJsonString("é😀")).toBe('"é😀"');
    // Raw U+FFFD, not the escape: what Go's Marshal writes for the U+FFFD its Unmarshal gives back.
    expect(goJsonString("x\ud800y\udc00")).toBe('"x\ufffdy\ufffd"');
    expect(goJsonString("\u007f")).toBe('"\u007f"');
  });
  it("re-encodes to the same bytes after a Go-like parse (Tofu's DeleteItem condition), lone surrogates included", () => {
    for (const who of ["x\ud800y", "\udc00", "a\ud83d", "é😀\u2028<&>", "\ufffd"]) {
      const encoded = encodeLockInfo({ ID: "i", Operation: "o", Info: who, Who: who, Version: "v", Created: "c", Path: "p" });
      expect(encodeLockInfo(parseLockInfo(encoded))).toBe(encoded);
      expect(encodeLockInfo(parseLockInfo(new TextEncoder().encode(encoded)))).toBe(encoded);
    }
  });
  it("parses like Go: case-insensitive names, missing fields empty, bytes with invalid UTF-8", () => {
    expect(parseLockInfo('{"id":"x","who":"w"}')).toEqual({ ID: "x", Operation: "", Info: "", Who: "w", Version: "", Created: "", Path: "" });
    expect(parseLockInfo(new Uint8Array([0x7b, 0x22, 0x49, 0x44, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])).ID).toBe("\ufffd");
  });
  it("rejects bad input with a typed error", () => {
    for (const bad of ["", "not json", "[]", "null", '{"ID":5}']) expect(() => parseLockInfo(bad)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});

describe("newLockInfo", () => {
  it("formats Created as Go's RFC3339Nano in UTC with trailing zeros dropped", () => {
    expect(goTimeRFC3339Nano(new Date("2026-06-11T21:45:42.296Z"))).toBe("2026-06-11T21:45:42.296Z");
    expect(goTimeRFC3339Nano(new Date("2026-06-11T21:45:42.290Z"))).toBe("2026-06-11T21:45:42.29Z");
    expect(goTimeRFC3339Nano(new Date("2026-06-11T21:45:00.000Z"))).toBe("2026-06-11T21:45:00Z");
  });
  it("fills a UUID ID and the given fields", () => {
    const info = newLockInfo({ operation: "OperationTypeApply", who: "a@b", version: "1.10.3", path: "bkt/k", now: new Date("2026-01-02T03:04:05.100Z") });
    expect(info.ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(encodeLockInfo(info)).toBe(`{"ID":"${info.ID}","Operation":"OperationTypeApply","Info":"","Who":"a@b","Version":"1.10.3","Created":"2026-01-02T03:04:05.1Z","Path":"bkt/k"}`);
  });
});
