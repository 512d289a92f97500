/**
 * A big version 4 state read without building all of its values: the document minus `resources`
 * is parsed whole, then each resource on its own from its bytes, and each instance's `attributes`
 * stays a span of the bytes, parsed again whenever it is read. What a read keeps is the bytes plus
 * the records (addresses, marks, spans), not a JS object per attribute value, which costs several
 * times the bytes (bench/state-memory.ts measures both). The result is the ParsedState parseState
 * gives: `attributes` is an accessor property that returns an equal fresh value on each read.
 */
import { forEachElement, objectMembers } from "./json-scan";
import { parseResource, parseV4 } from "./parse-v4";
import { asObject, type JsonObject } from "./shape";
import type { ParsedState, ResourceInstance, ResourceRecord } from "./types";

/** States from this size on are read this way; smaller ones are parsed whole (faster, and small anyway). */
export const LARGE_STATE_BYTES = 8 * 1024 * 1024;

const decoder = new TextDecoder();

interface Span {
  bytes: Uint8Array;
  start: number;
  end: number;
}

const NO_PATHS: ResourceInstance["sensitiveAttributes"] = [];

function readSpan(s: Span): Record<string, unknown> {
  return JSON.parse(decoder.decode(s.bytes.subarray(s.start, s.end))) as Record<string, unknown>;
}

/**
 * An instance whose attributes are a span of the bytes. The getter lives on the prototype, so a
 * million instances share one hidden class and no closure each; the other fields are own data
 * properties as parseState makes them. (A spread copy of it has no `attributes`: read the field.)
 */
class SpannedInstance {
  declare address: string;
  readonly #bytes: Uint8Array;
  readonly #start: number;
  readonly #end: number;
  constructor(fields: Omit<ResourceInstance, "attributes">, span: Span) {
    Object.assign(this, fields);
    this.#bytes = span.bytes;
    this.#start = span.start;
    this.#end = span.end;
  }
  get attributes(): Record<string, unknown> {
    return readSpan({ bytes: this.#bytes, start: this.#start, end: this.#end });
  }
  set attributes(value: Record<string, unknown> | null) {
    Object.defineProperty(this, "attributes", { value, writable: true, enumerable: true, configurable: true });
  }
}

function lazyInstance(i: ResourceInstance, span: Span): ResourceInstance {
  const rest: Partial<ResourceInstance> = { ...i };
  delete rest.attributes;
  // An object `attributes` wins over `attributes_flat`, as in the whole parse (which then sets no flag).
  delete rest.attributesFlat;
  return new SpannedInstance(rest as Omit<ResourceInstance, "attributes">, span) as unknown as ResourceInstance;
}

/** One string per distinct module, type, provider…: a million resources share a few hundred. */
class Interner {
  private readonly strings = new Map<string, string>();
  get(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    this.strings.set(s, s);
    return s;
  }
}

/** A flat copy of a concatenated string, so it does not keep its pieces alive. */
function flat(s: string): string {
  return s.length < 13 ? s : (s + " ").slice(0, -1);
}

function resourceAt(bytes: Uint8Array, start: number, where: string, strings: Interner, out: ResourceRecord[]): number {
  const { end, members } = objectMembers(bytes, start, ["instances"]);
  const spans: (Span | null)[] = [];
  const instances = members.get("instances");
  if (instances && bytes[instances.start] === 0x5b) {
    forEachElement(bytes, instances.start, (at) => {
      const inst = objectMembers(bytes, at, ["attributes"]);
      const attrs = inst.members.get("attributes");
      spans.push(attrs && bytes[attrs.start] === 0x7b ? { bytes, start: attrs.start, end: attrs.end } : null);
      return inst.end;
    });
  }
  // The resource is parsed with each object `attributes` written as null: its values are never built
  // here (the scan above checked their syntax), so a read allocates little beyond what it keeps.
  let text = "";
  let from = start;
  for (const span of spans) {
    if (!span) continue;
    text += decoder.decode(bytes.subarray(from, span.start)) + "null";
    from = span.end;
  }
  text += decoder.decode(bytes.subarray(from, end));
  const r = parseResource(asObject(JSON.parse(text), where), where);
  const address = flat(r.address);
  out.push({
    address,
    module: strings.get(r.module),
    mode: r.mode,
    type: strings.get(r.type),
    name: r.name,
    provider: strings.get(r.provider),
    instances: r.instances.map((i, n) => {
      const span = spans[n];
      // Most instances have no sensitive paths: they share one empty list.
      const own = { ...i, address: i.address === r.address ? address : flat(i.address), sensitiveAttributes: i.sensitiveAttributes.length ? i.sensitiveAttributes : NO_PATHS };
      return span ? lazyInstance(own, span) : own;
    }),
  });
  return end;
}

/**
 * `body` (no BOM) is a JSON object whose `resources` member is the array at `span` (the caller
 * scanned the document: it is valid JSON, not nested too deep, `"version": 4`). Returns the state
 * and the document without its resources (for the serial check).
 */
export function parseLargeV4(body: Uint8Array, size: number, span: { start: number; end: number }): { state: ParsedState; doc: JsonObject } {
  const rest = decoder.decode(body.subarray(0, span.start)) + "[]" + decoder.decode(body.subarray(span.end));
  const doc = JSON.parse(rest) as JsonObject;
  const state = parseV4(doc, size);
  const resources: ResourceRecord[] = [];
  const strings = new Interner();
  forEachElement(body, span.start, (at, n) => resourceAt(body, at, `resources[${n}]`, strings, resources));
  state.resources = resources;
  return { state, doc };
}
