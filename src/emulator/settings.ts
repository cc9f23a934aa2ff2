import { z } from "zod";
import { formatIssues } from "./validation.js";

/** A start setting (option, flag or seed field) that cannot be used; the message names it. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

export const Port = z.number().int().min(0, "must be from 0 to 65535").max(65_535, "must be from 0 to 65535");
export const EnvironmentName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, "must be a lowercase name such as local, sandbox or production");
export const TokenTtlSeconds = z
  .number()
  .int()
  .min(1, "must be from 1 to 86400 seconds")
  .max(86_400, "must be from 1 to 86400 seconds");

/** Waits before webhook delivery retries: attempts at +0, +1 s, +2 s, +4 s and +8 s, five in all [assumed]. */
export const WebhookRetryDelaysMs = z
  .array(
    z.number().int().min(0, "must be from 0 to 3600000 ms").max(3_600_000, "must be from 0 to 3600000 ms"),
  )
  .max(20, "must hold at most 20 delays");

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_ENVIRONMENT = "local";
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000];

/** Validates one setting; `name` is how the user spelled it (`port`, `--port`). */
export function checkSetting<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigurationError(`${name}: ${formatIssues(result.error.issues)}`);
}

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
