import { describe, expect, it } from "vitest";
import { isEncryptionProblem } from "@/lib/browser-safe/state-encryption";
import { NO_REFERENCES } from "@/lib/config/expressions";
import { parseHcl } from "@/lib/config/hcl";
import { resolveEncryptionConfig } from "@/lib/encryption/config";
import { encryptionMarkerOf, encryptionMarkerOfError, primarySealing } from "./encryption";

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

  it("a restore seals with the primary method and its provider chain; nothing when the primary writes plain", async () => {
    const hcl = `key_provider "aws_kms" "k" {\n  kms_key_id = "alias/x"\n  key_spec = "AES_256"\n}\nkey_provider "pbkdf2" "p" {\n  chain = key_provider.aws_kms.k\n}\nmethod "aes_gcm" "m" {\n  keys = key_provider.pbkdf2.p\n}\nmethod "unencrypted" "u" {}\n`;
    const setup = async (state: string) => ({ ...(await resolveEncryptionConfig(await parseHcl("e.hcl", hcl + state), NO_REFERENCES, "e.hcl")), source: "e.hcl" });
    expect(primarySealing(await setup(`state {\n  method = method.aes_gcm.m\n}\n`))).toEqual({ method: "method.aes_gcm.m", keyProviders: ["key_provider.pbkdf2.p", "key_provider.aws_kms.k"] });
    expect(primarySealing(await setup(`state {\n  method = method.unencrypted.u\n  fallback {\n    method = method.aes_gcm.m\n  }\n}\n`))).toBeNull();
    expect(primarySealing(undefined)).toBeNull();
  });
});
