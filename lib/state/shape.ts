/**
 * Field readers for decoded state JSON. A field of the wrong shape throws StateUnreadableError
 * naming where it is; parseState turns that into a "corrupt" result rather than guessing.
 */
import { StateUnreadableError } from "@/lib/errors";

export type JsonObject = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function shapeError(where: string, expected: string, got: unknown): never {
  const kind = got === null ? "null" : Array.isArray(got) ? "an array" : typeof got;
  throw new StateUnreadableError(`${where}: expected ${expected}, got ${kind}.`, { where });
}

export function optString(o: JsonObject, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") shapeError(`${where}.${key}`, "a string", v);
  return v;
}

export function reqString(o: JsonObject, key: string, where: string): string {
  const v = optString(o, key, where);
  if (v === undefined) shapeError(`${where}.${key}`, "a string", o[key]);
  return v;
}

export function optNumber(o: JsonObject, key: string, where: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number") shapeError(`${where}.${key}`, "a number", v);
  return v;
}

export function optObject(o: JsonObject, key: string, where: string): JsonObject | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) shapeError(`${where}.${key}`, "an object", v);
  return v;
}

export function optArray(o: JsonObject, key: string, where: string): unknown[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) shapeError(`${where}.${key}`, "an array", v);
  return v;
}

export function optStringArray(o: JsonObject, key: string, where: string): string[] | undefined {
  const arr = optArray(o, key, where);
  arr?.forEach((v, i) => {
    if (typeof v !== "string") shapeError(`${where}.${key}[${i}]`, "a string", v);
  });
  return arr as string[] | undefined;
}

export function asObject(v: unknown, where: string): JsonObject {
  if (!isRecord(v)) shapeError(where, "an object", v);
  return v;
}
