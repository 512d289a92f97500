/** Terraform address strings: module.a["k"].aws_instance.web[0], data.aws_ami.x. */

/** An instance key as Terraform prints it: [0] or ["k"] with HCL string quoting. */
export function instanceKeyString(key: number | string): string {
  return typeof key === "number" ? `[${key}]` : `[${hclQuote(key)}]`;
}

/** HCL quoted-string syntax: JSON-like escapes plus `$${` and `%%{` so the text is never a template. */
export function hclQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if ((c === "$" || c === "%") && s[i + 1] === "{") out += c + c;
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return out + '"';
}

export function resourceAddress(module: string, mode: "managed" | "data", type: string, name: string): string {
  return `${module ? `${module}.` : ""}${mode === "data" ? "data." : ""}${type}.${name}`;
}

/** module.a.module.b from a legacy module path ["root","a","b"]. */
export function legacyModuleAddress(path: readonly string[]): string {
  return path
    .slice(1)
    .map((name) => `module.${name}`)
    .join(".");
}
