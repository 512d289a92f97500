/**
 * A passphrase or key read from the environment or a file. It never prints itself: JSON, String() and util.inspect
 * all show a placeholder, so a logged or serialized configuration cannot carry the value.
 */
import { inspect } from "node:util";

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The value, for the one place that derives or sends a key with it. */
  reveal(): string {
    return this.#value;
  }
  get length(): number {
    return this.#value.length;
  }
  toJSON(): string {
    return "(secret)";
  }
  toString(): string {
    return "(secret)";
  }
  [inspect.custom](): string {
    return "Secret(hidden)";
  }
}
