/**
 * cty type JSON (as stored in state outputs) rendered as a Terraform type expression,
 * and the type Terraform implies for a plain JSON value.
 */
import { InvalidInputError } from "@/lib/errors";
import { isRecord } from "@/lib/state/shape";
import type { CtyType } from "@/lib/state/types";

const PRIMITIVES = new Set(["string", "number", "bool"]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function invalid(ty: unknown): never {
  throw new InvalidInputError(`Not a valid cty type: ${JSON.stringify(ty)?.slice(0, 200)}`);
}

/**
 * `string`, `list(string)`, `map(number)`, `set(bool)`, `tuple([string, number])`,
 * `object({ a = string, b = list(number) })` (attributes in bytewise order, as Terraform sorts them),
 * `optional(T)` for optional object attributes, `any` for dynamic.
 * Throws InvalidInputError for anything that is not cty type JSON.
 */
export function typeExpression(ty: unknown): string {
  if (typeof ty === "string") {
    if (PRIMITIVES.has(ty)) return ty;
    if (ty === "dynamic") return "any";
    invalid(ty);
  }
  if (!Array.isArray(ty) || typeof ty[0] !== "string") invalid(ty);
  const [kind, arg, optional] = ty as unknown[];
  switch (kind) {
    case "list":
    case "set":
    case "map":
      if (ty.length !== 2) invalid(ty);
      return `${kind}(${typeExpression(arg)})`;
    case "tuple":
      if (ty.length !== 2 || !Array.isArray(arg)) invalid(ty);
      return `tuple([${arg.map(typeExpression).join(", ")}])`;
    case "object": {
      if (!isRecord(arg) || ty.length > 3 || (optional !== undefined && !Array.isArray(optional))) invalid(ty);
      const optionalNames = new Set((optional as unknown[] | undefined) ?? []);
      const names = Object.keys(arg).sort(compareBytewise);
      if (names.length === 0) return "object({})";
      const attrs = names.map((name) => {
        const rendered = typeExpression(arg[name]);
        const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
        return `${key} = ${optionalNames.has(name) ? `optional(${rendered})` : rendered}`;
      });
      return `object({ ${attrs.join(", ")} })`;
    }
    default:
      invalid(ty);
  }
}

/** Go's sort.Strings order (UTF-16 order matches it for the BMP, which is all attribute names use). */
export function compareBytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The type cty's JSON implies for a value: object → object, array → tuple, null → dynamic. */
export function inferType(value: unknown): CtyType {
  if (value === null || value === undefined) return "dynamic";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
  }
  if (Array.isArray(value)) return ["tuple", value.map(inferType)];
  if (isRecord(value)) {
    const attrs: Record<string, CtyType> = {};
    for (const [k, v] of Object.entries(value)) attrs[k] = inferType(v);
    return ["object", attrs];
  }
  throw new InvalidInputError(`Cannot infer a type for a ${typeof value} value.`);
}
