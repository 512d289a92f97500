import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { NO_REFERENCES, type Scope } from "@/lib/config/expressions";
import { parseHcl } from "@/lib/config/hcl";
import { mergeEncryptionBodies, resolveEncryptionConfig } from "./config";
import { Secret } from "./secret";

const PASS = "a-passphrase-of-20-chars";

async function resolve(hcl: string, scope: Scope = NO_REFERENCES) {
  return resolveEncryptionConfig(await parseHcl("enc.hcl", hcl), scope, "enc.hcl");
}

const pbkdf2 = (pass: string) => `key_provider "pbkdf2" "k" {\n  passphrase = "${pass}"\n}\nmethod "aes_gcm" "m" {\n  keys = key_provider.pbkdf2.k\n}\nstate {\n  method = method.aes_gcm.m\n}\n`;

describe("encryption configuration", () => {
  it("resolves providers, methods and the state target in order", async () => {
    const { config, problems } = await resolve(pbkdf2(PASS));
    expect(problems).toEqual([]);
    expect(config.state).toEqual({ methods: ["method.aes_gcm.m"], enforced: false });
    expect(config.keyProviders.get("key_provider.pbkdf2.k")).toMatchObject({ iterations: 600_000, hashFunction: "sha512", keyLength: 32, metaKey: "key_provider.pbkdf2.k" });
  });

  it("refuses a passphrase under 16 bytes, as tofu does, without quoting it", async () => {
    const { problems } = await resolve(pbkdf2("short-pass"));
    expect(problems.map((p) => p.message).join()).toMatch(/passphrase is too short/);
    expect(JSON.stringify(problems)).not.toContain("short-pass");
  });

  it("names unsupported providers and refuses unencrypted under enforced", async () => {
    const { problems } = await resolve(`key_provider "openbao" "o" {\n  key_name = "x"\n}\nmethod "unencrypted" "u" {}\nstate {\n  method = method.unencrypted.u\n  enforced = true\n}\n`);
    const text = problems.map((p) => p.message).join("\n");
    expect(text).toMatch(/openbao key provider is not supported/);
    expect(text).toMatch(/unencrypted method is forbidden because enforced/);
  });

  it("an override (TF_ENCRYPTION) replaces attributes of a provider by type and name, keeping the rest", async () => {
    const base = await parseHcl("a", pbkdf2(PASS));
    const over = await parseHcl("b", `key_provider "pbkdf2" "k" {\n  iterations = 300000\n}\n`);
    const { config, problems } = await resolveEncryptionConfig(mergeEncryptionBodies(base, over)!, NO_REFERENCES, "merged");
    expect(problems).toEqual([]);
    expect(config.keyProviders.get("key_provider.pbkdf2.k")).toMatchObject({ iterations: 300_000 });
  });

  it("keeps passphrases in Secrets that never print", async () => {
    const { config } = await resolve(pbkdf2(PASS));
    const kp = config.keyProviders.get("key_provider.pbkdf2.k");
    const printed = [JSON.stringify(Object.fromEntries(config.keyProviders)), inspect(config, { depth: 9 }), String(kp && "passphrase" in kp ? kp.passphrase : "")].join("\n");
    expect(printed).not.toContain(PASS);
    expect(kp && "passphrase" in kp && kp.passphrase instanceof Secret && kp.passphrase.reveal()).toBe(PASS);
  });
});
