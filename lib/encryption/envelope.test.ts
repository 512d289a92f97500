import { describe, expect, it } from "vitest";
import { readEnvelope, readEnvelopeBytes, writeEnvelope } from "./envelope";

const enc = (s: string) => new TextEncoder().encode(s);

describe("readEnvelopeBytes (the envelope without a JSON parse of its data)", () => {
  it("reads what tofu writes exactly as the JSON path does", () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));
    const bytes = writeEnvelope(7, "lin-eage", new Map([["key_provider.pbkdf2.main", Buffer.from('{"salt":"c2FsdA=="}')]]), data);
    const fast = readEnvelopeBytes(bytes);
    expect(fast).toEqual(readEnvelope(JSON.parse(new TextDecoder().decode(bytes))));
    expect(fast?.data.equals(data)).toBe(true);
  });

  it("leaves any other shape to the JSON path (undefined), and says null for JSON that is no envelope", () => {
    expect(readEnvelopeBytes(enc('{"serial":1,"encrypted_data": "QUJD","encryption_version":"v0"}'))).toBeUndefined();
    expect(readEnvelopeBytes(enc('{"serial":1,"encrypted_data":"QU\\/D","encryption_version":"v0"}'))).toBeUndefined();
    expect(readEnvelopeBytes(enc('{"serial":1,"encrypted_data":"QU!D","encryption_version":"v0"}'))).toBeUndefined();
    expect(readEnvelopeBytes(enc('{"meta":{"encrypted_data":"QUJD"},"encrypted_data":"QUJD","encryption_version":"v0"}'))).toBeUndefined();
    expect(readEnvelopeBytes(enc('{"x":{"encrypted_data":"QUJD"},"encryption_version":"v0"}'))).toBeUndefined();
    expect(readEnvelopeBytes(enc('{"version":4,"encrypted_data":"QUJD"}'))).toBeNull();
  });
});
