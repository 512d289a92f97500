import { describe, expect, it } from "vitest";
import { encryptionWords, typeOfAddress } from "./state-encryption";

describe("encryption words", () => {
  it("names the key provider chain and the method by type, and says whether it was decrypted", () => {
    expect(encryptionWords({ decrypted: true, keyProviders: ["key_provider.pbkdf2.main"], method: "method.aes_gcm.main", fallback: false, problem: null })).toBe("encrypted with pbkdf2 / aes_gcm, decrypted");
    expect(encryptionWords({ decrypted: true, keyProviders: ["key_provider.pbkdf2.p", "key_provider.aws_kms.k"], method: "method.aes_gcm.old", fallback: true, problem: null })).toBe(
      "encrypted with pbkdf2 ← aws_kms / aes_gcm, decrypted (by a fallback method)",
    );
    expect(encryptionWords({ decrypted: false, keyProviders: ["legacy-key"], method: null, fallback: false, problem: "KMS_DENIED" })).toBe("encrypted with legacy-key, not decrypted: KMS refused the key");
    expect(typeOfAddress("key_provider.aws_kms.main")).toBe("aws_kms");
  });
});
