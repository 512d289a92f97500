/**
 * Sensitive masking shared by every view (diff, text view, UI).
 *
 * The marker is the constant string SENSITIVE_MARKER, "(sensitive value)", the words Terraform
 * itself prints in their place. A string (not an object) keeps masked JSON readable and keeps
 * the masked value's shape trivially serialisable; nothing of the original value (type, length,
 * keys) is kept. Masking is copy-on-write: only the containers on a sensitive path are copied,
 * so masking a large attribute object costs O(paths), not O(attributes).
 */
import type { AttributePath } from "./types";

export const SENSITIVE_MARKER = "(sensitive value)";

/** A trie of sensitive paths; `all` means everything at and below this node is sensitive. */
export interface SensitiveNode {
  all: boolean;
  children: Map<string, SensitiveNode>;
}

/** Steps are keyed by their string form so that `0` and `"0"` address the same list element. */
export function sensitiveTree(paths: readonly AttributePath[]): SensitiveNode | null {
  if (paths.length === 0) return null;
  const root: SensitiveNode = { all: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      if (node.all) break;
      const key = String(step);
      let child = node.children.get(key);
      if (!child) {
        child = { all: false, children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.all = true;
  }
  return root;
}

/** The subtree for one step below `node`; a fully sensitive node stays fully sensitive. */
export function sensitiveChild(node: SensitiveNode | null, step: string | number): SensitiveNode | null {
  if (!node) return null;
  if (node.all) return node;
  return node.children.get(String(step)) ?? null;
}

/** A masked copy of `value`: everything on a sensitive path is replaced by SENSITIVE_MARKER. */
export function maskValue<T>(value: T, paths: readonly AttributePath[]): T | typeof SENSITIVE_MARKER {
  return maskWithTree(value, sensitiveTree(paths)) as T | typeof SENSITIVE_MARKER;
}

export function maskWithTree(value: unknown, node: SensitiveNode | null): unknown {
  if (!node) return value;
  if (node.all) return SENSITIVE_MARKER;
  if (typeof value !== "object" || value === null) return value;
  let copy: Record<string, unknown> | unknown[] | null = null;
  for (const [key, child] of node.children) {
    const container = value as Record<string, unknown>;
    if (!Object.hasOwn(container, key)) continue;
    const masked = maskWithTree(container[key], child);
    if (masked === container[key]) continue;
    copy ??= Array.isArray(value) ? value.slice() : { ...(value as Record<string, unknown>) };
    (copy as Record<string, unknown>)[key] = masked;
  }
  return copy ?? value;
}
