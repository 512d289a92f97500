import type { z } from "zod";
import { ConfigError, type ConfigProblem } from "@/lib/errors";

/** Renders a zod failure as a ConfigError whose options read like the config file: `auth.oidc.issuer`, `roles[2].role`. */
export function configErrorFromZod(root: string, error: z.ZodError): ConfigError {
  const problems: ConfigProblem[] = error.issues.map((issue) => ({
    option: root + issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join(""),
    message: issue.message,
  }));
  return new ConfigError(problems);
}
