import "server-only";
/**
 * KMS clients for OpenTofu's aws_kms key provider: the backend's region, credential chain, retries and role
 * assumption (lib/aws/clients), with the key provider's own region/profile/keys on top and a KMS endpoint from
 * the encryption settings or AWS_ENDPOINT_URL_KMS. Never logs or returns key material.
 */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import type { BackendDefinition, S3BackendOptions } from "@/lib/config/types";
import type { AwsKmsProvider } from "@/lib/encryption/config";
import type { KmsKeys } from "@/lib/encryption/keys";
import { clientConfigFor, credentialsFor, requestHandler } from "./clients";

type Env = Record<string, string | undefined>;

export interface KmsOverrides {
  region?: string;
  profile?: string;
  accessKey?: string;
  secretKey?: string;
  token?: string;
  endpoint?: string;
}

const MAX_CLIENTS = 32;
const clients = new Map<string, KMSClient>();

export function kmsClientFor(options: S3BackendOptions, o: KmsOverrides, env: Env = process.env): KMSClient {
  const merged: S3BackendOptions = { ...options };
  if (o.region) merged.region = o.region;
  if (o.profile) {
    merged.profile = o.profile;
    delete merged.access_key;
    delete merged.secret_key;
  }
  if (o.accessKey && o.secretKey) {
    merged.access_key = o.accessKey;
    merged.secret_key = o.secretKey;
    if (o.token) merged.token = o.token;
  }
  const plan = clientConfigFor(merged, env);
  const endpoint = o.endpoint || env.AWS_ENDPOINT_URL_KMS || env.AWS_ENDPOINT_URL || undefined;
  // Keyed by everything that shapes the client; credentials are hashed in by the plan's JSON only within this process.
  const key = JSON.stringify([plan, endpoint]);
  const hit = clients.get(key);
  if (hit) return hit;
  const client = new KMSClient({
    region: plan.region,
    credentials: credentialsFor(plan),
    maxAttempts: plan.maxAttempts,
    retryMode: plan.retryMode,
    useFipsEndpoint: plan.useFipsEndpoint,
    useDualstackEndpoint: plan.useDualstackEndpoint,
    requestHandler: requestHandler(),
    ...(endpoint ? { endpoint } : {}),
  });
  clients.set(key, client);
  if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
  return client;
}

/** The KMS client of each aws_kms key provider of a backend: its options under the provider's own overrides. */
export function kmsFactoryFor(def: BackendDefinition): (kp: AwsKmsProvider) => KmsKeys {
  return (kp) =>
    kmsKeys(kmsClientFor(def.options, {
      region: kp.region,
      profile: kp.profile,
      accessKey: kp.accessKey?.reveal(),
      secretKey: kp.secretKey?.reveal(),
      token: kp.token?.reveal(),
      endpoint: def.encryption?.kmsEndpoint,
    }));
}

/** The two calls of an aws_kms key provider over one client; SDK errors pass through for the caller to classify. */
function kmsKeys(client: KMSClient): KmsKeys {
  return {
    async decrypt({ keyId, ciphertextBlob, encryptionContext }) {
      const out = await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: ciphertextBlob, ...(encryptionContext ? { EncryptionContext: encryptionContext } : {}) }));
      return out.Plaintext;
    },
    async generateDataKey({ keyId, keySpec }) {
      const out = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: keySpec }));
      return { plaintext: out.Plaintext, ciphertextBlob: out.CiphertextBlob };
    },
  };
}
