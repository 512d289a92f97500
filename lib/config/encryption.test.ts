import { describe, expect, it } from "vitest";
import { encryptionLabel, usesCustomerKey } from "./encryption";

const KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk=";

describe("usesCustomerKey", () => {
  it("needs both encrypt = true and the key, as terraform and tofu do", () => {
    expect(usesCustomerKey({ encrypt: true, sse_customer_key: KEY })).toBe(true);
    expect(usesCustomerKey({ sse_customer_key: KEY })).toBe(false);
    expect(usesCustomerKey({ encrypt: false, sse_customer_key: KEY })).toBe(false);
    expect(usesCustomerKey({ encrypt: true })).toBe(false);
  });
});

describe("encryptionLabel", () => {
  it("names the encryption really used", () => {
    expect(encryptionLabel({ encrypt: true, sse_customer_key: KEY })).toBe("SSE-C (customer key)");
    expect(encryptionLabel({ encrypt: true, kms_key_id: "alias/state" })).toBe("SSE-KMS (alias/state)");
    expect(encryptionLabel({ encrypt: true })).toBe("SSE-S3 (AES256)");
    expect(encryptionLabel({})).toBe("bucket default");
  });

  it("does not claim SSE-C or KMS when encrypt is not true", () => {
    expect(encryptionLabel({ sse_customer_key: KEY })).toMatch(/^bucket default/);
    expect(encryptionLabel({ kms_key_id: "alias/state" })).toMatch(/^bucket default/);
    expect(encryptionLabel({ sse_customer_key: KEY })).toContain("ignored");
  });
});
