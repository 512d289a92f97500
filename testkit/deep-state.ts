/**
 * States holding one value nested N levels deep, built as text (JSON.stringify itself overflows
 * long before 100,000 levels). For the depth-bound tests only; never a realistic state.
 */

/** Levels the state adds above an attribute value: state, resources, resource, instances, instance, attributes. */
export const ATTRIBUTE_BASE_DEPTH = 6;

/** A JSON value nested `levels` arrays deep around the string `leaf` (0 levels: the string alone). */
export function nestedValue(levels: number, leaf: string, wrap: "array" | "object" = "array"): string {
  const open = wrap === "array" ? "[" : '{"a":';
  const close = wrap === "array" ? "]" : "}";
  return open.repeat(levels) + JSON.stringify(leaf) + close.repeat(levels);
}

/**
 * A version 4 state whose aws_instance.deep has attribute `deep` nested `levels` deep (and a
 * sensitive `password`), and whose output `deep` is nested as deeply. `serial` and `leaf` vary versions.
 */
export function deepState(levels: number, opts: { serial?: number; leaf?: string; lineage?: string } = {}): string {
  const leaf = opts.leaf ?? "bottom";
  const value = nestedValue(levels, leaf);
  return `{"version":4,"terraform_version":"1.11.0","serial":${opts.serial ?? 1},"lineage":${JSON.stringify(opts.lineage ?? "0f5c2b1e-deep-4e2d-9a51-000000000001")},` +
    `"outputs":{"deep":{"value":${value},"type":"dynamic"}},` +
    `"resources":[{"mode":"managed","type":"aws_instance","name":"deep","provider":"provider[\\"registry.terraform.io/hashicorp/aws\\"]",` +
    `"instances":[{"schema_version":1,"attributes":{"id":"i-deep","password":"deep-secret-pw","deep":${value}},` +
    `"sensitive_attributes":[[{"type":"get_attr","value":"password"}]]}]}]}`;
}
