import { describe, expect, it } from "vitest";
import { StatehouseError } from "@/lib/errors";
import { encode, fixtureBytes } from "./__fixtures__/load";
import { readLineage, readSerial, restoredSerial, withSerial } from "./serial";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("serial", () => {
  it("replaces only the top-level serial in the indented Terraform form", () => {
    const before = fixtureBytes("v4-full.tfstate");
    const after = withSerial(before, 43n);
    expect(text(after)).toBe(text(before).replace('"serial": 42,', '"serial": 43,'));
    expect(readSerial(after)).toBe(43n);
  });

  it("keeps numbers beyond 2^53 and look-alike strings byte for byte in the compact OpenTofu form", () => {
    const before = fixtureBytes("v4-compact-tofu.tfstate");
    const after = withSerial(before, 1000n);
    const expected = text(before).replace('"serial":7,', '"serial":1000,');
    expect(text(after)).toBe(expected);
    expect(text(after)).toContain("9223372036854775807,");
    expect(text(after)).toContain('"max":18446744073709551615');
    expect(text(after)).toContain('"note":"serial: 99, \\"serial\\":100"');
  });

  it("ignores nested serial members and takes the last duplicate, as JSON decoders do", () => {
    const b = encode('{"outputs":{"serial":{"value":1}},"serial":5,"x":[{"serial":9}],"serial":6}\n');
    expect(readSerial(b)).toBe(6n);
    expect(text(withSerial(b, 7n))).toBe('{"outputs":{"serial":{"value":1}},"serial":5,"x":[{"serial":9}],"serial":7}\n');
  });

  it("handles a byte order mark and multi-byte text", () => {
    const b = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('{"lineage":"ü-€","serial":  3 }')]);
    expect(readSerial(b)).toBe(3n);
    expect(readLineage(b)).toBe("ü-€");
    const out = withSerial(b, 12n);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(out.subarray(3))).toBe('{"lineage":"ü-€","serial":  12 }');
  });

  it("errors when there is no top-level serial, the JSON is broken or the serial is bad", () => {
    expect(() => withSerial(encode('{"outputs":{"serial":1}}'), 2n)).toThrow(StatehouseError);
    expect(() => readSerial(encode('{"serial":1'))).toThrow(/not valid JSON/);
    expect(() => readSerial(encode("[1]"))).toThrow(StatehouseError);
    expect(() => readSerial(encode('{"serial":"1"}'))).toThrow(/non-negative integer/);
    expect(() => withSerial(encode('{"serial":1}'), -1n)).toThrow(StatehouseError);
  });

  it("reads serials beyond 2^53 exactly, and writes them back exactly", () => {
    const b = encode('{"version":4,"serial":99999999999999999999,"lineage":"x"}');
    expect(readSerial(b)).toBe(99999999999999999999n);
    expect(text(withSerial(b, 100000000000000000000n))).toBe('{"version":4,"serial":100000000000000000000,"lineage":"x"}');
  });

  it("reads the lineage, including from an encrypted envelope", () => {
    expect(readLineage(fixtureBytes("v4-full.tfstate"))).toBe("6d2f9c1e-8a3b-4c5d-9e0f-112233445566");
    expect(readLineage(fixtureBytes("encrypted-tofu.tfstate"))).toBe("0f0f0f0f-1111-2222-3333-444455556666");
    expect(readSerial(fixtureBytes("encrypted-tofu.tfstate"))).toBe(3n);
    expect(readLineage(encode('{"serial":1}'))).toBeNull();
  });
});

describe("restoredSerial", () => {
  it("goes one above the current serial, never below the chosen content's", () => {
    expect(restoredSerial(12n, 11n)).toBe(13n);
    expect(restoredSerial(3n, 7n)).toBe(8n);
    expect(restoredSerial(null, 5n)).toBe(6n);
  });

  it("stays exact beyond 2^53, where a double would round and move the serial backwards", () => {
    expect(restoredSerial(99999999999999999999n, 5n)).toBe(100000000000000000000n);
    expect(restoredSerial(9007199254740993n, 9007199254740992n)).toBe(9007199254740994n);
  });
});
