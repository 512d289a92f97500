/**
 * Reading Terraform configuration files into Terraform's JSON form, where blocks are
 * objects (or arrays of objects) and every string is a template (`${…}` interpolates,
 * `$${` and `%%{` are literal). `@cdktf/hcl2json` produces exactly that form from native
 * syntax, so both `.tf` and `.tf.json` (and both tfvars forms) go through one evaluator.
 */
import { ConfigError } from "@/lib/errors";
import { jsonSyntaxProblem } from "@/lib/state/json-scan";

export type HclBody = Record<string, unknown>;

export function isPlainObject(v: unknown): v is HclBody {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses native HCL syntax. Syntax errors become a ConfigError naming file and line. */
export async function parseHcl(filename: string, text: string): Promise<HclBody> {
  // Loaded on first use: hcl2json instantiates a 1.7 MB WebAssembly module when imported, which
  // would slow the start of every command, also those given JSON or literal options.
  const { parse } = await import("@cdktf/hcl2json");
  try {
    return await parse(filename, text);
  } catch (e) {
    const detail = (e instanceof Error ? e.message : String(e)).replace(/^parse config: \[(.*)\]$/s, "$1");
    throw new ConfigError([{ message: `invalid HCL: ${detail}`, source: filename }]);
  }
}

/**
 * Where and why JSON.parse refused `text`, without its words: V8's own message quotes the text
 * around the error, and these files hold secrets (secret_key, sse_customer_key, token).
 */
function jsonSyntaxReason(text: string): string {
  return jsonSyntaxProblem(new TextEncoder().encode(text))?.reason ?? "the text could not be decoded";
}

/** Parses the JSON form of a configuration or tfvars file; it must hold an object. */
export function parseJsonConfig(filename: string, text: string): HclBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError([{ message: `invalid JSON: ${jsonSyntaxReason(text)}`, source: filename }]);
  }
  if (!isPlainObject(value)) throw new ConfigError([{ message: "must contain a JSON object", source: filename }]);
  return value;
}

/** Parses a file by its extension: `.json` → JSON form, anything else → native HCL. */
export function parseConfigFile(filename: string, text: string): Promise<HclBody> {
  return filename.endsWith(".json") ? Promise.resolve(parseJsonConfig(filename, text)) : parseHcl(filename, text);
}

/** Parses one HCL expression (as `-backend-config=name=<expr>` takes it for lists, maps and objects). */
export async function parseHclExpression(source: string, text: string): Promise<unknown> {
  const body = await parseHcl(source, `value = ${text}\n`);
  const keys = Object.keys(body);
  // Anything beyond one expression (a newline and another attribute) is not a single value.
  if (keys.length !== 1 || keys[0] !== "value") throw new ConfigError([{ message: "must be a single HCL expression", source }]);
  return body.value;
}

/**
 * The bodies of a block type: JSON form allows one object or an array of objects,
 * hcl2json always gives an array.
 */
export function blockBodies(value: unknown): HclBody[] {
  if (Array.isArray(value)) return value.filter(isPlainObject);
  return isPlainObject(value) ? [value] : [];
}

/** Labelled blocks (`variable "x" {}`, `backend "s3" {}`) as [label, body] pairs; `//` comment keys skipped. */
export function labeledBlocks(value: unknown): [string, HclBody][] {
  const out: [string, HclBody][] = [];
  for (const body of blockBodies(value)) {
    for (const [label, inner] of Object.entries(body)) {
      if (label === "//") continue;
      for (const b of blockBodies(inner)) out.push([label, b]);
    }
  }
  return out;
}

/** Turns a literal value into template form, so literal text is never interpolated. */
export function literalToTemplate(value: unknown): unknown {
  // Function replacements: in a replacement string "$$" would mean a single "$".
  if (typeof value === "string") return value.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
  if (Array.isArray(value)) return value.map(literalToTemplate);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalToTemplate(v)]));
  return value;
}
