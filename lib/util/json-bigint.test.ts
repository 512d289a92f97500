import { describe, expect, it } from "vitest";
import { stringifyWithBigInt } from "./json-bigint";

describe("stringifyWithBigInt", () => {
  it("writes bigints as exact numbers and leaves look-alike strings alone", () => {
    const text = stringifyWithBigInt({ serial: 99999999999999999999n, note: "99999999999999999999", list: [1n, -2n] }, 2);
    expect(text).toContain('"serial": 99999999999999999999,');
    expect(text).toContain('"note": "99999999999999999999"');
    expect(JSON.parse(stringifyWithBigInt([1n, -2n]))).toEqual([1, -2]);
    expect(stringifyWithBigInt(undefined)).toBe("null");
  });
});
