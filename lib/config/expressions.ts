/**
 * Evaluation of values in Terraform's JSON form (see hcl.ts) the way a backend block
 * is evaluated by OpenTofu ≥ 1.8: literals, string templates and `var.*` / `local.*`
 * references. Anything else (function calls, resources, operators, directives) is an
 * error naming the expression. Templates are parsed by HCL's own parser (via hcl2json).
 */
import type { TFExpressionSyntaxTree as AST } from "@cdktf/hcl2json";
import { ConfigError } from "@/lib/errors";
import { isPlainObject } from "./hcl";

export interface Scope {
  /** The value of `var.<name>` or `local.<name>`; throws a ConfigError when it has none. */
  lookup(root: "var" | "local", name: string): Promise<unknown>;
}

/** A scope for places where Terraform allows no references (variable defaults, tfvars). */
export const NO_REFERENCES: Scope = {
  lookup(root, name) {
    return Promise.reject(problem(`${root}.${name}: references are not allowed here, only literal values`));
  },
};

function problem(message: string): ConfigError {
  return new ConfigError([{ message }]);
}

/** Evaluates a value (strings as templates, recursively through lists and objects). */
export async function evaluate(value: unknown, scope: Scope, file: string): Promise<unknown> {
  if (typeof value === "string") return evaluateTemplate(value, scope, file);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) out.push(await evaluate(v, scope, file));
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluate(v, scope, file);
    return out;
  }
  return value;
}

async function evaluateTemplate(template: string, scope: Scope, file: string): Promise<unknown> {
  // Only `${` and `%{` (or their escapes) make a string more than its own text.
  if (!template.includes("${") && !template.includes("%{")) return template;
  // A heredoc holds the JSON-form template as it is: no quote or backslash escaping.
  let delimiter = "STATEHOUSE_EOT";
  while (template.includes(delimiter)) delimiter += "_";
  // Loaded on first use, as in hcl.ts: literal values never need HCL's parser.
  const { getExpressionAst } = await import("@cdktf/hcl2json");
  let ast: AST.ExpressionType | null;
  try {
    ast = await getExpressionAst(file, `<<${delimiter}\n${template}\n${delimiter}\n`);
  } catch (e) {
    throw problem(`invalid template "${template}": ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!ast || ast.type !== "template") throw problem(`invalid template "${template}"`);
  const parts: (string | AST.ExpressionType)[] = ast.children.map((c) => (isStringLiteral(c) ? decodeLiteral(c.meta.value, false) : c));
  // The heredoc adds a final newline to the last literal part; take it off again.
  const last = parts.at(-1);
  if (typeof last === "string") parts[parts.length - 1] = last.slice(0, -1);
  const nonEmpty = parts.filter((p) => p !== "");
  // A template that is one interpolation keeps the value's own type, as in HCL.
  const [only] = nonEmpty;
  if (nonEmpty.length === 1 && only !== undefined && typeof only !== "string") return evaluateNode(only, scope);
  let out = "";
  for (const p of nonEmpty) out += typeof p === "string" ? p : templatePart(await evaluateNode(p, scope), p.meta.value);
  return out;
}

function isStringLiteral(node: AST.ExpressionType): boolean {
  return node.type === "literalValue" && (node.meta as AST.LiteralValueExpressionMeta).type === "string";
}

/** Nodes inside an interpolation (`${var.a}`, `${"quoted"}`). */
async function evaluateNode(node: AST.ExpressionType, scope: Scope): Promise<unknown> {
  switch (node.type) {
    case "templateWrap": {
      const inner = node.children[0];
      return inner ? evaluateNode(inner, scope) : "";
    }
    case "template": {
      // A quoted string: its literal parts carry backslash escapes.
      let out = "";
      for (const child of node.children) out += isStringLiteral(child) ? decodeLiteral(child.meta.value, true) : templatePart(await evaluateNode(child, scope), child.meta.value);
      return out;
    }
    case "literalValue":
      return literalValue(node.meta as AST.LiteralValueExpressionMeta);
    case "scopeTraversal":
      return traverse(node.meta as AST.ScopeTraversalExpressionMeta, scope);
    case "function":
      throw problem(`cannot evaluate the function call ${node.meta.value}: a backend configuration may only use literals, var.* and local.*`);
    default:
      throw problem(`cannot evaluate "${node.meta.value}": a backend configuration may only use literals, var.* and local.*`);
  }
}

function literalValue(meta: AST.LiteralValueExpressionMeta): unknown {
  switch (meta.type) {
    case "string":
      return decodeLiteral(meta.value, true);
    case "number":
      return Number(meta.value);
    case "bool":
      return meta.value === "true";
    default:
      return null;
  }
}

function templatePart(value: unknown, expression: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) throw problem(`"${expression}" is null and cannot be used in a string template`);
  throw problem(`"${expression}" is a ${Array.isArray(value) ? "list" : "map or object"} and cannot be used in a string template`);
}

async function traverse(meta: AST.ScopeTraversalExpressionMeta, scope: Scope): Promise<unknown> {
  const [root, name, ...rest] = meta.traversal;
  if (!root || (root.segment !== "var" && root.segment !== "local")) {
    throw problem(`cannot resolve the reference ${meta.fullAccessor}: a backend configuration may only refer to var.* and local.*`);
  }
  if (!name || name.type !== "nameTraversal") throw problem(`invalid reference ${meta.fullAccessor}`);
  let value = await scope.lookup(root.segment, name.segment);
  let path = `${root.segment}.${name.segment}`;
  for (const step of rest) {
    const key = step.type === "nameTraversal" ? step.segment : indexKey(step.segment, meta.fullAccessor);
    const next = isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : Array.isArray(value) && typeof key === "number" ? value[key] : undefined;
    if (next === undefined) throw problem(`cannot resolve ${meta.fullAccessor}: ${path} has no element ${JSON.stringify(key)}`);
    value = next;
    path += step.type === "nameTraversal" ? `.${step.segment}` : `[${step.segment}]`;
  }
  return value;
}

/** An index step is a literal: a number or a quoted string. */
function indexKey(segment: string, expression: string): string | number {
  try {
    const key: unknown = JSON.parse(segment);
    if (typeof key === "string" || typeof key === "number") return key;
  } catch {
    // fall through to the error below
  }
  throw problem(`cannot evaluate the index [${segment}] in ${expression}: only literal keys are supported`);
}

/**
 * Decodes the source text of a literal template part: `$${` and `%%{` always, and in
 * quoted strings also HCL's backslash escapes (heredocs have none).
 */
function decodeLiteral(source: string, quoted: boolean): string {
  const unescaped = (m: string) => (m === "$${" ? "${" : "%{");
  if (!quoted) return source.replace(/\$\$\{|%%\{/g, unescaped);
  return source.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|\\(.)|\$\$\{|%%\{/gs, (m, u4: string | undefined, u8: string | undefined, esc: string | undefined) => {
    const hex = u4 ?? u8;
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (esc !== undefined) return esc === "n" ? "\n" : esc === "r" ? "\r" : esc === "t" ? "\t" : esc;
    return unescaped(m);
  });
}
