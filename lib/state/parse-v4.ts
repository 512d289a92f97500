/** Format version 4 (Terraform ≥ 0.12, every OpenTofu) into ParsedState. */
import { instanceKeyString, resourceAddress } from "./address";
import { normalizeSensitivePaths } from "./sensitive-paths";
import { serialField } from "./serial";
import { asObject, optArray, optNumber, optObject, optString, optStringArray, reqString, shapeError, type JsonObject } from "./shape";
import { typeExpression } from "@/lib/gocompat/type-expr";
import type { CtyType, OutputValue, ParsedState, ResourceInstance, ResourceRecord } from "./types";

export function parseV4(doc: JsonObject, size: number): ParsedState {
  return {
    version: 4,
    terraformVersion: optString(doc, "terraform_version", "state") ?? null,
    serial: serialField(doc, "state"),
    lineage: optString(doc, "lineage", "state") ?? "",
    outputs: parseOutputs(optObject(doc, "outputs", "state") ?? {}),
    resources: (optArray(doc, "resources", "state") ?? []).map((r, i) => parseResource(asObject(r, `resources[${i}]`), `resources[${i}]`)),
    checkResults: doc.check_results ?? null,
    size,
  };
}

function parseOutputs(raw: JsonObject): Record<string, OutputValue> {
  const outputs: Record<string, OutputValue> = {};
  for (const [name, entry] of Object.entries(raw)) {
    const where = `outputs[${JSON.stringify(name)}]`;
    const o = asObject(entry, where);
    const type = o.type as CtyType;
    try {
      typeExpression(type);
    } catch {
      shapeError(`${where}.type`, "a cty type", type);
    }
    const out: OutputValue = { name, value: o.value ?? null, type, sensitive: o.sensitive === true };
    const deprecated = optString(o, "deprecated", where);
    if (deprecated !== undefined) out.deprecated = deprecated;
    outputs[name] = out;
  }
  return outputs;
}

export function parseResource(r: JsonObject, where: string): ResourceRecord {
  const mode = r.mode;
  if (mode !== "managed" && mode !== "data") shapeError(`${where}.mode`, '"managed" or "data"', mode);
  const moduleAddr = optString(r, "module", where) ?? "";
  const type = reqString(r, "type", where);
  const name = reqString(r, "name", where);
  const address = resourceAddress(moduleAddr, mode, type, name);
  const instances = (optArray(r, "instances", where) ?? []).map((inst, i) =>
    parseInstance(asObject(inst, `${where}.instances[${i}]`), address, `${where}.instances[${i}]`),
  );
  return { address, module: moduleAddr, mode, type, name, provider: optString(r, "provider", where) ?? "", instances };
}

function parseInstance(o: JsonObject, resourceAddr: string, where: string): ResourceInstance {
  const indexKey = o.index_key;
  if (indexKey !== undefined && indexKey !== null && typeof indexKey !== "number" && typeof indexKey !== "string") {
    shapeError(`${where}.index_key`, "a number or a string", indexKey);
  }
  const status = optString(o, "status", where);
  if (status !== undefined && status !== "" && status !== "tainted") shapeError(`${where}.status`, '"tainted"', status);
  const attributes = optObject(o, "attributes", where);
  const flat = attributes ? undefined : optObject(o, "attributes_flat", where);
  const inst: ResourceInstance = {
    address: indexKey === undefined || indexKey === null ? resourceAddr : resourceAddr + instanceKeyString(indexKey),
    attributes: attributes ?? flat ?? null,
    sensitiveAttributes: normalizeSensitivePaths(o.sensitive_attributes),
  };
  if (indexKey !== undefined && indexKey !== null) inst.indexKey = indexKey;
  if (status === "tainted") inst.status = "tainted";
  const deposed = optString(o, "deposed", where);
  if (deposed) inst.deposed = deposed;
  const schemaVersion = optNumber(o, "schema_version", where);
  if (schemaVersion !== undefined) inst.schemaVersion = schemaVersion;
  if (flat) inst.attributesFlat = true;
  const dependencies = optStringArray(o, "dependencies", where);
  if (dependencies) inst.dependencies = dependencies;
  if (o.create_before_destroy === true) inst.createBeforeDestroy = true;
  return inst;
}
