import { describe, expect, it } from "vitest";
import { isEncryptionProblem } from "@/lib/browser-safe/state-encryption";
import { encryptionMarkerOf, encryptionMarkerOfError } from "./encryption";

describe("encryption markers", () => {
  it("markers come from a read's result or from the refusal's envelope facts; other errors give none", () => {
    expect(encryptionMarkerOf({ kind: "encrypted", serial: 3n, lineage: "l", encryptionVersion: "v0", metaKeys: ["key_provider.pbkdf2.main"], size: 10 })).toEqual({
      decrypted: false,
      keyProviders: ["key_provider.pbkdf2.main"],
      method: null,
      fallback: false,
      problem: "NO_SETTINGS",
    });
    const refused = { code: "DECRYPTION_FAILED" as const, message: "m", details: { envelope: { metaKeys: ["key_provider.pbkdf2.main"], serial: 3 } } };
    expect(encryptionMarkerOfError(refused)).toMatchObject({ decrypted: false, problem: "DECRYPTION_FAILED", keyProviders: ["key_provider.pbkdf2.main"] });
    expect(encryptionMarkerOfError({ code: "ACCESS_DENIED", message: "m" })).toBeNull();
    expect(isEncryptionProblem("ENCRYPTION_MISMATCH")).toBe(true);
    expect(isEncryptionProblem("NO_SETTINGS")).toBe(false);
  });
});
