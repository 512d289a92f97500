import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, nonceOfPolicy } from "./security-headers";

describe("nonceOfPolicy", () => {
  it("reads back the nonce the policy was made with", () => {
    const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
    expect(nonceOfPolicy(contentSecurityPolicy(nonce, { https: true, development: false }))).toBe(nonce);
    expect(nonceOfPolicy(contentSecurityPolicy(nonce, { https: false, development: true }))).toBe(nonce);
  });

  it("is null without a policy or a nonce in it", () => {
    expect(nonceOfPolicy(null)).toBeNull();
    expect(nonceOfPolicy("default-src 'self'; script-src 'self'")).toBeNull();
  });
});
