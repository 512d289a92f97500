import { describe, expect, it } from "vitest";
import { NO_REFERENCES } from "@/lib/config/expressions";
import { parseHcl } from "@/lib/config/hcl";
import { resolveEncryptionConfig } from "./config";
import { consumerEncryptionBlock } from "./remote-snippet";

const PASS = "producer-passphrase-0123456789";

async function config(hcl: string) {
  const { config, problems } = await resolveEncryptionConfig(await parseHcl("enc.hcl", hcl), NO_REFERENCES, "enc.hcl");
  expect(problems).toEqual([]);
  return config;
}

describe("consumerEncryptionBlock", () => {
  it("pbkdf2 + aes_gcm: the provider under the producer's meta key, the passphrase a sensitive variable, never its value", async () => {
    const c = await config(`key_provider "pbkdf2" "main" {\n  passphrase = "${PASS}"\n}\nmethod "aes_gcm" "main" {\n  keys = key_provider.pbkdf2.main\n}\nstate {\n  method = method.aes_gcm.main\n}\n`);
    const text = consumerEncryptionBlock(c, "payments", "us-east-1");
    expect(text).toBe(
      [
        "terraform {",
        "  encryption {",
        "    # The state data.terraform_remote_state.payments reads is encrypted with OpenTofu state encryption: these decrypt it.",
        "    # Merge them into your own encryption block (they add nothing to your own state's settings).",
        '    key_provider "pbkdf2" "payments_main" {',
        "      # A secret: set it in TF_VAR_payments_main_passphrase (the producer's passphrase), never in code.",
        "      passphrase               = var.payments_main_passphrase",
        '      encrypted_metadata_alias = "key_provider.pbkdf2.main"',
        "    }",
        '    method "aes_gcm" "payments_main" {',
        "      keys = key_provider.pbkdf2.payments_main",
        "    }",
        "    remote_state_data_sources {",
        '      remote_state_data_source "payments" {',
        "        method = method.aes_gcm.payments_main",
        "      }",
        "    }",
        "  }",
        "}",
        "",
        'variable "payments_main_passphrase" {',
        "  type      = string",
        "  sensitive = true",
        "}",
        "",
      ].join("\n"),
    );
    expect(text).not.toContain(PASS);
  });

  it("fallbacks nest in order; an alias is kept; aws_kms names its key and the backend's region; a chain points at the consumer's own provider", async () => {
    const c = await config(
      [
        `key_provider "aws_kms" "kms" {\n  kms_key_id = "alias/state"\n  key_spec = "AES_256"\n}`,
        `key_provider "pbkdf2" "chained" {\n  chain = key_provider.aws_kms.kms\n}`,
        `key_provider "pbkdf2" "old" {\n  passphrase = "${PASS}"\n  encrypted_metadata_alias = "legacy"\n}`,
        `method "aes_gcm" "new" {\n  keys = key_provider.pbkdf2.chained\n}`,
        `method "aes_gcm" "old" {\n  keys = key_provider.pbkdf2.old\n}`,
        `method "unencrypted" "plain" {}`,
        `state {\n  method = method.aes_gcm.new\n  fallback {\n    method = method.aes_gcm.old\n    fallback {\n      method = method.unencrypted.plain\n    }\n  }\n}`,
      ].join("\n"),
    );
    const text = consumerEncryptionBlock(c, "net", "eu-west-1")!;
    expect(text).toContain('    key_provider "aws_kms" "net_kms" {\n      kms_key_id               = "alias/state"\n      key_spec                 = "AES_256"\n      region                   = "eu-west-1"\n      encrypted_metadata_alias = "key_provider.aws_kms.kms"\n    }');
    expect(text).toContain("chain                    = key_provider.aws_kms.net_kms");
    expect(text).toContain('encrypted_metadata_alias = "legacy"');
    expect(text).toContain(
      '      remote_state_data_source "net" {\n        method = method.aes_gcm.net_new\n        fallback {\n          method = method.aes_gcm.net_old\n          fallback {\n            method = method.unencrypted.net_plain\n          }\n        }\n      }',
    );
    expect(text).toContain('variable "net_old_passphrase"');
    expect(text).not.toContain(PASS);
  });

  it("nothing for a backend whose state is not encrypted", async () => {
    expect(consumerEncryptionBlock(null, "x")).toBeNull();
    expect(consumerEncryptionBlock(await config(`method "unencrypted" "u" {}\nstate {\n  method = method.unencrypted.u\n}\n`), "x")).toBeNull();
  });
});
