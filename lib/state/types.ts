/** cty type JSON as written in state: "string" | ["list","string"] | ["object",{...}] ... */
export type CtyType = string | [string, unknown] | [string, unknown, unknown];

export interface OutputValue {
  name: string;
  value: unknown;
  type: CtyType;
  sensitive: boolean;
  /** OpenTofu-only deprecation message. */
  deprecated?: string;
}

/** A path into an attribute value, as in `sensitive_attributes`: ["password"], ["tags","secret"], ["list",0]. */
export type AttributePath = (string | number)[];

export interface ResourceInstance {
  /** Full address: module.a["x"].aws_instance.web[0] */
  address: string;
  indexKey?: number | string;
  status?: "tainted";
  /** 8 hex chars when this is a deposed object. */
  deposed?: string;
  schemaVersion?: number;
  attributes: Record<string, unknown> | null;
  /** True when `attributes` is the legacy flatmap (`attributes_flat`: string values, keys like "tags.%"); no schema is known to expand it. */
  attributesFlat?: boolean;
  sensitiveAttributes: AttributePath[];
  dependencies?: string[];
  createBeforeDestroy?: boolean;
}

export interface ResourceRecord {
  /** Resource address without instance key: module.a.aws_instance.web, data.aws_ami.x */
  address: string;
  /** Module address, "" for root: module.a, module.a["k"].module.b */
  module: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  provider: string;
  instances: ResourceInstance[];
}

export interface ParsedState {
  /** Format version of the file (4, or 3/2/1 for legacy). */
  version: number;
  terraformVersion: string | null;
  /** Exact: serials are Go uint64s, beyond what a double holds. */
  serial: bigint;
  lineage: string;
  outputs: Record<string, OutputValue>;
  resources: ResourceRecord[];
  checkResults: unknown;
  /** Byte size of the raw object. */
  size: number;
}

/** Every outcome of reading an object as state: never a crash. */
export type StateReadResult =
  /** `encryption`: set when the object was an OpenTofu-encrypted state that this server decrypted. */
  | { kind: "state"; state: ParsedState; encryption?: StateEncryptionInfo }
  | { kind: "empty"; size: number }
  /** `metaKeys`: the envelope's key provider addresses (or encrypted_metadata_alias), in clear text. */
  | { kind: "encrypted"; serial: bigint | null; lineage: string | null; encryptionVersion: string | null; metaKeys: string[]; size: number }
  /** `position`: byte offset of the JSON syntax error, when the object is not JSON at all. */
  | { kind: "corrupt"; message: string; size: number; position?: number }
  | { kind: "future"; version: number; size: number }
  | { kind: "not-state"; message: string; size: number };

/** How an OpenTofu-encrypted state was decrypted (addresses only, never keys). */
export interface StateEncryptionInfo {
  method: string;
  keyProviders: string[];
  /** A fallback method decrypted it, not the primary one. */
  fallback: boolean;
  encryptionVersion: string;
}
