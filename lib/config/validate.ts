/**
 * Validation of evaluated s3 backend options: types (with the conversions Terraform
 * applies, e.g. "true" → true from `-backend-config encrypt=true`), legacy names mapped
 * to current ones, unknown names reported, and the backend's own rules. Every problem
 * names its option; all of them are collected.
 */
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { parseGoDurationSeconds } from "@/lib/gocompat/duration";
import { unknownNameMessage } from "./did-you-mean";
import { isPlainObject } from "./hcl";
import { ALL_OPTION_NAMES, LEGACY_OPTIONS, OPTION_TYPES, type OptionType } from "./options";
import type { S3BackendOptions } from "./types";

export interface CheckContext {
  /** Where each option was set (file, `-backend-config`, inline), for the problem's `source`. */
  sources?: ReadonlyMap<string, string>;
  /** Options that could not be evaluated (already reported): not checked further. */
  unevaluated?: ReadonlySet<string>;
}

export interface CheckResult {
  /** Null when there are problems. */
  options: S3BackendOptions | null;
  problems: ConfigProblem[];
  /** Deprecated options that were mapped to their current form. */
  warnings: ConfigProblem[];
}

const INVALID = Symbol("invalid");
type Converted = unknown | typeof INVALID;

class Checker {
  readonly problems: ConfigProblem[] = [];
  readonly warnings: ConfigProblem[] = [];
  constructor(private readonly ctx: CheckContext) {}

  report(option: string, message: string): typeof INVALID {
    const source = this.ctx.sources?.get(option.split(".")[0] ?? option);
    this.problems.push(source ? { option, message, source } : { option, message });
    return INVALID;
  }

  convert(option: string, value: unknown, type: OptionType): Converted {
    // hcl2json writes a block as a list of objects. The s3 backend's schema (terraform's and tofu's
    // backend.go) has attributes only, endpoints and assume_role* included, so a block is refused as HCL refuses it.
    // For a list option the same JSON more likely is `[{…}]` written as a value: its elements are reported instead.
    if (type.kind !== "list" && isBlockForm(value)) {
      const name = option.split(".").pop() ?? option;
      return this.report(option, `Blocks of type "${name}" are not expected here. Did you mean to define argument "${name}"? If so, use the equals sign to assign it a value.`);
    }
    switch (type.kind) {
      case "string":
        return toStringValue(value) ?? this.report(option, `must be a string, not ${describe(value)}`);
      case "bool":
        if (typeof value === "boolean") return value;
        if (value === "true" || value === "false") return value === "true";
        return this.report(option, `must be a boolean (true or false), not ${describe(value)}`);
      case "number":
        if (typeof value === "number" && Number.isFinite(value)) return value;
        if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
        return this.report(option, `must be a number, not ${describe(value)}`);
      case "list": {
        if (!Array.isArray(value)) return this.report(option, `must be a list of strings, not ${describe(value)}`);
        const items = value.map(toStringValue);
        return items.every((s) => s !== undefined) ? items : this.report(option, "must be a list of strings; some elements are not strings");
      }
      case "map": {
        if (!isPlainObject(value)) return this.report(option, `must be a map of strings, not ${describe(value)}`);
        const entries = Object.entries(value).map(([k, v]) => [k, toStringValue(v)] as const);
        return entries.every(([, v]) => v !== undefined) ? Object.fromEntries(entries) : this.report(option, "must be a map of strings; some values are not strings");
      }
      case "object": {
        const body = value;
        if (!isPlainObject(body)) return this.report(option, `must be an object ({ ${Object.keys(type.attributes).slice(0, 3).join(" = …, ")} = … }), not ${describe(value)}`);
        const out: Record<string, unknown> = {};
        let ok = true;
        for (const [attr, v] of Object.entries(body)) {
          const attrType = type.attributes[attr];
          if (!Object.hasOwn(type.attributes, attr) || !attrType) {
            this.report(`${option}.${attr}`, unknownNameMessage(`attribute of ${option}`, attr, Object.keys(type.attributes)));
            ok = false;
            continue;
          }
          if (v === null || v === undefined) continue;
          const c = this.convert(`${option}.${attr}`, v, attrType);
          if (c === INVALID) ok = false;
          else out[attr] = c;
        }
        for (const r of type.required) {
          if (body[r] === null || body[r] === undefined) {
            this.report(`${option}.${r}`, "is required");
            ok = false;
          }
        }
        return ok ? out : INVALID;
      }
    }
  }
}

/** A list whose elements are all objects: how hcl2json renders `name { … }` blocks. */
function isBlockForm(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

function toStringValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isPlainObject(value)) return "an object";
  return typeof value === "string" ? "a string" : `${typeof value} ${JSON.stringify(value)}`;
}

export function checkBackendOptions(input: Record<string, unknown>, ctx: CheckContext = {}): CheckResult {
  const c = new Checker(ctx);
  const out: Record<string, unknown> = {};
  const isSet = (name: string) => input[name] !== undefined && input[name] !== null;
  const skipped = (name: string) => ctx.unevaluated?.has(name) ?? false;

  for (const [name, value] of Object.entries(input)) {
    if (value === null || value === undefined || skipped(name)) continue;
    const type = OPTION_TYPES[name];
    if (Object.hasOwn(OPTION_TYPES, name) && type) {
      const v = c.convert(name, value, type);
      if (v !== INVALID) out[name] = v;
    } else if (!Object.hasOwn(LEGACY_OPTIONS, name)) {
      c.report(name, unknownNameMessage("option", name, ALL_OPTION_NAMES));
    }
  }
  // Legacy names after the current ones, so a clash with the current form can be told.
  for (const [name, legacy] of Object.entries(LEGACY_OPTIONS)) {
    if (!isSet(name) || skipped(name)) continue;
    const v = c.convert(name, input[name], legacy.type);
    if (v === INVALID) continue;
    const [top, child] = legacy.target;
    const current = child ? `${top}.${child}` : top;
    const parent = out[top];
    const taken = child ? isPlainObject(parent) && parent[child] !== undefined : isSet(top);
    if (taken) {
      c.report(name, `cannot be set together with "${current}" (it is the deprecated form of it)`);
      continue;
    }
    c.warnings.push({ option: name, message: `is deprecated; use "${current}"` });
    const mapped = legacy.convert ? legacy.convert(v) : v;
    if (child) out[top] = { ...(isPlainObject(parent) ? parent : {}), [child]: mapped };
    else out[top] = mapped;
  }
  // Legacy assume-role options without role_arn leave an assume_role lacking its required attribute.
  if (isPlainObject(out.assume_role) && out.assume_role.role_arn === undefined) {
    c.report("assume_role.role_arn", "is required (the deprecated top-level assume-role options need role_arn)");
    delete out.assume_role;
  }

  checkRules(c, out, { isSet, skipped });
  if (c.problems.length > 0) return { options: null, problems: c.problems, warnings: c.warnings };
  return { options: out as S3BackendOptions, problems: [], warnings: c.warnings };
}

/** Throws one ConfigError listing every problem. */
export function validateBackendOptions(input: Record<string, unknown>, ctx?: CheckContext): { options: S3BackendOptions; warnings: ConfigProblem[] } {
  const r = checkBackendOptions(input, ctx);
  if (!r.options) throw new ConfigError(r.problems);
  return { options: r.options, warnings: r.warnings };
}

const KMS_KEY = /^(arn:[a-z0-9-]+:kms:[a-z0-9-]*:\d{12}:(key|alias)\/.+|alias\/[a-zA-Z0-9/_-]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})$/;
const ARN = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:.+$/;

function checkRules(c: Checker, out: Record<string, unknown>, { isSet, skipped }: { isSet: (n: string) => boolean; skipped: (n: string) => boolean }): void {
  const str = (name: string) => (typeof out[name] === "string" ? (out[name] as string) : undefined);

  for (const name of ["bucket", "key"]) if (!isSet(name) && !skipped(name)) c.report(name, "is required");
  const bucket = str("bucket");
  if (bucket === "") c.report("bucket", "must not be empty");

  const key = str("key");
  if (key !== undefined) {
    if (key === "") c.report("key", "must not be empty");
    else if (key.length > 1024) c.report("key", "must be at most 1024 characters");
    if (key.startsWith("/") || key.endsWith("/")) c.report("key", 'must not start or end with "/"');
    if (key.includes("//")) c.report("key", 'must not contain "//"');
  }

  const prefix = str("workspace_key_prefix");
  if (prefix !== undefined) {
    if (prefix.length > 1024) c.report("workspace_key_prefix", "must be at most 1024 characters");
    if (prefix.startsWith("/") || prefix.endsWith("/")) c.report("workspace_key_prefix", 'must not start or end with "/"');
  } else if (!skipped("workspace_key_prefix")) {
    out.workspace_key_prefix = "env:";
  }

  const kms = str("kms_key_id");
  const ssec = str("sse_customer_key");
  if (kms !== undefined && ssec !== undefined) c.report("kms_key_id", 'cannot be set together with "sse_customer_key"');
  if (kms !== undefined && !KMS_KEY.test(kms)) c.report("kms_key_id", 'must be a KMS key ID, key ARN, alias name ("alias/…") or alias ARN');
  if (ssec !== undefined) {
    // Never echo the key itself: it is a secret.
    if (ssec.length !== 44) c.report("sse_customer_key", `must be 44 characters (a base64-encoded 32-byte key), not ${ssec.length}`);
    else if (!/^[A-Za-z0-9+/]{43}=$/.test(ssec) || Buffer.from(ssec, "base64").length !== 32) c.report("sse_customer_key", "must be the base64 encoding of a 32-byte key");
    // The tools use the key only together with encrypt; without it their objects are plain.
    if (out.encrypt !== true) c.warnings.push({ option: "sse_customer_key", message: "is not used unless encrypt = true (terraform and tofu then read and write plain objects)" });
  }

  if (str("region") === "") c.report("region", "must not be empty when set");

  const retries = out.max_retries;
  if (typeof retries === "number" && (!Number.isInteger(retries) || retries < 0)) c.report("max_retries", "must be a whole number, 0 or more");
  oneOf(c, "retry_mode", str("retry_mode"), ["standard", "adaptive"]);
  oneOf(c, "ec2_metadata_service_endpoint_mode", str("ec2_metadata_service_endpoint_mode"), ["IPv4", "IPv6"]);
  if (isSet("allowed_account_ids") && isSet("forbidden_account_ids")) c.report("allowed_account_ids", 'cannot be set together with "forbidden_account_ids"');

  if (isPlainObject(out.endpoints)) {
    for (const [name, url] of Object.entries(out.endpoints)) if (typeof url === "string" && !isHttpUrl(url)) c.report(`endpoints.${name}`, "must be a URL starting with http:// or https://");
  }
  for (const role of ["assume_role", "assume_role_with_web_identity"]) {
    const r = out[role];
    if (!isPlainObject(r)) continue;
    if (typeof r.role_arn === "string" && !ARN.test(r.role_arn)) c.report(`${role}.role_arn`, "must be an ARN (arn:aws:iam::<account>:role/<name>)");
    if (Array.isArray(r.policy_arns)) for (const a of r.policy_arns) if (typeof a === "string" && !ARN.test(a)) c.report(`${role}.policy_arns`, `"${a}" is not an ARN`);
    if (typeof r.duration === "string") {
      try {
        const seconds = parseGoDurationSeconds(r.duration, `${role}.duration`);
        if (seconds < 900 || seconds > 43200) c.report(`${role}.duration`, "must be between 15m and 12h");
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        for (const p of e.problems) c.report(`${role}.duration`, p.message);
      }
    }
  }
}

function oneOf(c: Checker, option: string, value: string | undefined, allowed: string[]): void {
  if (value !== undefined && !allowed.includes(value)) c.report(option, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, not "${value}"`);
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}
