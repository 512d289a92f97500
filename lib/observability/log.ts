/**
 * The server's structured log: JSON lines on stdout (pino), with the request id of the request
 * being served and the level from LOG_LEVEL. Never pass it credentials, cookies, tokens or state
 * content: the redaction below is a safety net for field names, not a licence.
 */
import pino, { type Logger } from "pino";
import { currentRequestId, replicaName } from "./context";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

export function logLevelFrom(value: string | undefined): Level {
  const v = value?.trim().toLowerCase();
  return (LEVELS as readonly string[]).includes(v ?? "") ? (v as Level) : "info";
}

/** Field names whose values never reach a log line, wherever they appear (two levels deep). */
const REDACTED = ["authorization", "cookie", "password", "secret", "token", "accessKeyId", "secretAccessKey", "sessionToken", "sse_customer_key", "access_key", "secret_key"];

export function createLogger(env: Record<string, string | undefined> = process.env, destination?: pino.DestinationStream): Logger {
  const replica = replicaName(env);
  return pino(
    {
      level: logLevelFrom(env.LOG_LEVEL),
      base: replica ? { replica } : {},
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      redact: { paths: REDACTED.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]), censor: "[redacted]" },
    },
    destination,
  );
}

const KEY = Symbol.for("statehouse.logger");
type Holder = { [KEY]?: Logger };

/** The process's logger (one for every bundle of the server). */
export function log(): Logger {
  const g = globalThis as Holder;
  return (g[KEY] ??= createLogger());
}

/** An Error as plain fields: name, message, code; the stack only at debug level. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const code = (err as { code?: unknown }).code;
  return {
    error: { name: err.name, message: err.message, ...(typeof code === "string" ? { code } : {}), ...(log().isLevelEnabled("debug") ? { stack: err.stack } : {}) },
  };
}
