/**
 * Format versions 0-3 (Terraform ≤ 0.11: `modules[]` with `path`) mapped into the same
 * ParsedState shape the way Terraform's v3 → v4 upgrade does: root outputs only from the module
 * whose path is ["root"], output types implied from values, one resource per legacy address
 * with `primary` and `deposed` objects as instances (deposed keys 00000001, 00000002, … as the
 * upgrade assigns them), attributes kept as the flatmap they are.
 */
import { instanceKeyString, legacyModuleAddress, resourceAddress } from "./address";
import { serialField } from "./serial";
import { asObject, isRecord, optArray, optObject, optString, optStringArray, shapeError, type JsonObject } from "./shape";
import { compareBytewise, inferType, typeExpression } from "@/lib/gocompat/type-expr";
import type { CtyType, OutputValue, ParsedState, ResourceInstance, ResourceRecord } from "./types";

export function parseLegacy(doc: JsonObject, version: number, size: number): ParsedState {
  const outputs: Record<string, OutputValue> = {};
  const resources: ResourceRecord[] = [];
  (optArray(doc, "modules", "state") ?? []).forEach((m, i) => {
    const where = `modules[${i}]`;
    const mod = asObject(m, where);
    const path = optStringArray(mod, "path", where) ?? [];
    if (path[0] !== "root") shapeError(`${where}.path`, 'a module path starting with "root"', mod.path);
    if (path.length === 1) Object.assign(outputs, legacyOutputs(optObject(mod, "outputs", where) ?? {}));
    resources.push(...legacyResources(optObject(mod, "resources", where) ?? {}, legacyModuleAddress(path), where));
  });
  resources.sort((a, b) => compareBytewise(a.module, b.module) || compareBytewise(a.mode, b.mode) || compareBytewise(a.type, b.type) || compareBytewise(a.name, b.name));
  return {
    version,
    terraformVersion: optString(doc, "terraform_version", "state") ?? null,
    serial: serialField(doc, "state"),
    lineage: optString(doc, "lineage", "state") ?? "",
    outputs,
    resources,
    checkResults: null,
    size,
  };
}

function legacyOutputs(raw: JsonObject): Record<string, OutputValue> {
  const outputs: Record<string, OutputValue> = {};
  for (const [name, entry] of Object.entries(raw)) {
    // Version 1 stored outputs as bare strings; 2 and 3 as { sensitive, type, value }.
    const wrapped = isRecord(entry) && "value" in entry;
    const value = wrapped ? entry.value : entry;
    outputs[name] = { name, value: value ?? null, type: simplifyLegacyType(inferType(value)), sensitive: wrapped && entry.sensitive === true };
  }
  return outputs;
}

/**
 * Legacy values had only strings, lists and maps, so a tuple or object whose elements all have
 * the same type becomes a list or map of it, as the upgrade does.
 */
export function simplifyLegacyType(ty: CtyType): CtyType {
  if (!Array.isArray(ty)) return ty;
  const [kind, arg] = ty;
  const elements = kind === "tuple" ? (arg as CtyType[]) : kind === "object" ? Object.values(arg as Record<string, CtyType>) : [];
  const first = elements[0];
  if (first === undefined) return ty;
  const firstExpr = typeExpression(first);
  if (elements.some((e) => typeExpression(e) !== firstExpr)) return ty;
  return [kind === "tuple" ? "list" : "map", simplifyLegacyType(first)];
}

interface LegacyAddress {
  mode: "managed" | "data";
  type: string;
  name: string;
  index?: number;
}

function parseLegacyAddress(s: string, where: string): LegacyAddress {
  let parts = s.split(".");
  if (parts.length < 2 || parts.length > 4) shapeError(where, "a resource address like type.name or type.name.0", s);
  let mode: "managed" | "data" = "managed";
  if (parts.length > 2 && parts[0] === "data") {
    mode = "data";
    parts = parts.slice(1);
  }
  if (parts.length > 3) shapeError(where, "a resource address like type.name or type.name.0", s);
  const [type, name, index] = parts as [string, string, string | undefined];
  if (index === undefined) return { mode, type, name };
  if (!/^-?\d+$/.test(index)) shapeError(where, "an integer instance index", index);
  return { mode, type, name, index: Number(index) };
}

function legacyResources(raw: JsonObject, module: string, moduleWhere: string): ResourceRecord[] {
  const byAddress = new Map<string, ResourceRecord>();
  for (const [legacyAddr, entry] of Object.entries(raw)) {
    const where = `${moduleWhere}.resources[${JSON.stringify(legacyAddr)}]`;
    const rs = asObject(entry, where);
    const a = parseLegacyAddress(legacyAddr, where);
    const address = resourceAddress(module, a.mode, a.type, a.name);
    let record = byAddress.get(address);
    if (!record) {
      record = { address, module, mode: a.mode, type: a.type, name: a.name, provider: legacyProvider(optString(rs, "provider", where) ?? "", module, a.type), instances: [] };
      byAddress.set(address, record);
    }
    const dependencies = optStringArray(rs, "depends_on", where);
    const instAddr = a.index === undefined ? address : address + instanceKeyString(a.index);
    // Versions 1-2 could keep a tainted object only in `tainted[]`; it becomes the primary.
    const tainted = optArray(rs, "tainted", where);
    const primary = rs.primary ?? tainted?.[0];
    if (primary !== undefined && primary !== null) {
      record.instances.push(legacyInstance(asObject(primary, `${where}.primary`), instAddr, a.index, undefined, dependencies, `${where}.primary`, primary !== rs.primary));
    }
    (optArray(rs, "deposed", where) ?? []).forEach((d, i) => {
      const key = (i + 1).toString(16).padStart(8, "0");
      record.instances.push(legacyInstance(asObject(d, `${where}.deposed[${i}]`), instAddr, a.index, key, dependencies, `${where}.deposed[${i}]`, false));
    });
  }
  const records = [...byAddress.values()];
  for (const r of records) r.instances.sort((x, y) => ((x.indexKey as number | undefined) ?? -1) - ((y.indexKey as number | undefined) ?? -1) || compareBytewise(x.deposed ?? "", y.deposed ?? ""));
  return records;
}

/** Provider strings as the upgrade writes them: absolute ones kept, module-local ones qualified. */
function legacyProvider(raw: string, module: string, type: string): string {
  if (raw.includes("provider.")) return raw;
  const local = raw || (type.split("_")[0] ?? type);
  return `${module ? `${module}.` : ""}provider.${local}`;
}

function legacyInstance(
  o: JsonObject,
  address: string,
  index: number | undefined,
  deposed: string | undefined,
  dependencies: string[] | undefined,
  where: string,
  forceTainted: boolean,
): ResourceInstance {
  const attributes: Record<string, unknown> = { ...(optObject(o, "attributes", where) ?? {}) };
  // The upgrade keeps a first-class id that the attributes lack.
  const id = optString(o, "id", where);
  if (id && !attributes.id) attributes.id = id;
  const inst: ResourceInstance = { address, attributes, attributesFlat: true, sensitiveAttributes: [], schemaVersion: legacySchemaVersion(o.meta) };
  if (index !== undefined) inst.indexKey = index;
  if (deposed) inst.deposed = deposed;
  if (forceTainted || o.tainted === true) inst.status = "tainted";
  if (dependencies?.length) inst.dependencies = dependencies;
  return inst;
}

function legacySchemaVersion(meta: unknown): number {
  const raw = isRecord(meta) ? meta.schema_version : undefined;
  const n = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : typeof raw === "number" ? raw : 0;
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}
