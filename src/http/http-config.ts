import { parseArgs } from "node:util";
import { z } from "zod";
import { CONFIG_FLAGS, type Config, ConfigError, parseConfig, settingsReader } from "../config.js";

/** How callers of `/mcp` prove who they are. */
export type InboundAuth =
  | { kind: "none" }
  | { kind: "token"; token: string }
  | { kind: "oauth"; issuer: string; jwksUrl: string; audience: string; scope: string };

/** The HTTP mode's own settings; the SSN side comes from the shared `Config`. */
export interface HttpConfig {
  host: string;
  port: number;
  /** A fresh server per request, no sessions: for replicas behind a load balancer. */
  stateless: boolean;
  auth: InboundAuth;
  /** Hostnames accepted in `Host` (DNS-rebinding protection); loopback names always. */
  allowedHosts: string[];
  /** Hostnames accepted in a browser's `Origin`; loopback names always. */
  allowedOrigins: string[];
  /** A session with no request open for this long is closed; its next request gets 404. */
  sessionIdleMs: number;
  maxBodyBytes: number;
  /** On SIGTERM, the longest wait for calls in flight before the process exits anyway. */
  drainMs: number;
  /** Shared state for replicas; absent: this process's memory. */
  redisUrl: string | undefined;
  /** Webhook signing secrets (`whsec_…`) `POST /webhooks/ssn` accepts; several while rotating. None: no receiver. */
  webhookSecrets: string[];
}

const HTTP_FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  stateless: { type: "boolean" },
} as const;

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** Room for a 10 MiB file sent base64-encoded inside a tool call (4/3 of it), plus the JSON around it. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_SESSION_IDLE_SECONDS = 30 * 60;
/** Past the SSN deadline: every call in flight has answered by then, one way or the other. */
const DRAIN_MARGIN_MS = 5_000;
/** Long enough that guessing it is hopeless; `openssl rand -hex 32` gives 64 characters. */
const MIN_TOKEN_LENGTH = 32;

const SETTINGS = {
  host: { env: "SSN_MCP_HOST", flag: "host", secret: false },
  port: { env: "SSN_MCP_PORT", flag: "port", secret: false },
  stateless: { env: "SSN_MCP_STATELESS", flag: "stateless", secret: false },
  token: { env: "SSN_MCP_HTTP_TOKEN", flag: undefined, secret: true },
  issuer: { env: "SSN_MCP_OAUTH_ISSUER", flag: undefined, secret: false },
  jwksUrl: { env: "SSN_MCP_OAUTH_JWKS_URL", flag: undefined, secret: false },
  audience: { env: "SSN_MCP_OAUTH_AUDIENCE", flag: undefined, secret: false },
  scope: { env: "SSN_MCP_OAUTH_SCOPE", flag: undefined, secret: false },
  allowedHosts: { env: "SSN_MCP_ALLOWED_HOSTS", flag: undefined, secret: false },
  allowedOrigins: { env: "SSN_MCP_ALLOWED_ORIGINS", flag: undefined, secret: false },
  sessionIdle: { env: "SSN_MCP_SESSION_IDLE_SECONDS", flag: undefined, secret: false },
  maxBody: { env: "SSN_MCP_MAX_BODY_BYTES", flag: undefined, secret: false },
  drain: { env: "SSN_MCP_DRAIN_SECONDS", flag: undefined, secret: false },
  // May carry a password: never shown.
  redisUrl: { env: "SSN_REDIS_URL", flag: undefined, secret: true },
  webhookSecrets: { env: "SSN_WEBHOOK_SECRETS", flag: undefined, secret: true },
} as const;
type Setting = keyof typeof SETTINGS;

const OAUTH_SETTINGS = ["issuer", "jwksUrl", "audience", "scope"] as const;

/** `ssn-mcp http [flags]`: the shared settings (SSN side) and the HTTP mode's own, each validated. */
export function parseHttpMode(argv: string[], env: NodeJS.ProcessEnv): { config: Config; http: HttpConfig } {
  const { flags, rest } = splitFlags(argv);
  const config = parseConfig(rest, env);
  return { config, http: parseHttpConfig(flags, env, config.timeoutMs) };
}

/** The HTTP mode's settings from its flags and variables; SSN_TIMEOUT (`sharedTimeoutMs`) sets the drain default. */
function parseHttpConfig(
  flags: Record<string, string | boolean>,
  env: NodeJS.ProcessEnv,
  sharedTimeoutMs: number,
): HttpConfig {
  // An authentication setting silently ignored could leave the endpoint open: refuse instead.
  const { parse } = settingsReader(SETTINGS, flags, env, (_setting, description) => {
    throw new ConfigError(`${description}; set a real value or unset it`);
  });

  const host =
    parse("host", hostSchema, "an IP address or hostname such as 127.0.0.1 or 0.0.0.0") ?? "127.0.0.1";
  const port = parse("port", portSchema, "a port from 0 (any free port) to 65535") ?? 3000;
  const stateless =
    flags.stateless === true ||
    (parse("stateless", z.stringbool(), "true or false (also 1/0, yes/no, on/off)") ?? false);
  const auth = parseAuth(parse);
  if (auth.kind === "none" && !isLoopback(host)) {
    throw new ConfigError(
      `refusing to listen on ${host} without authentication: set SSN_MCP_HTTP_TOKEN or the SSN_MCP_OAUTH_* settings, or bind 127.0.0.1`,
    );
  }
  const hostnames = "comma-separated hostnames such as mcp.example.com (no scheme or port)";
  const allowedHosts = parse("allowedHosts", hostnameList, hostnames) ?? [
    ...(isWildcard(host) ? [] : [urlHostname(host)]),
    ...(auth.kind === "oauth" ? [new URL(auth.audience).hostname] : []),
  ];
  const allowedOrigins = parse("allowedOrigins", hostnameList, hostnames) ?? [];
  const sessionIdleSeconds =
    parse("sessionIdle", wholeNumber(1, 86_400), "whole seconds from 1 to 86400") ??
    DEFAULT_SESSION_IDLE_SECONDS;
  const maxBodyBytes =
    parse("maxBody", wholeNumber(1024, 64 * 1024 * 1024), "bytes from 1024 to 67108864") ??
    DEFAULT_MAX_BODY_BYTES;
  const drainSeconds = parse("drain", wholeNumber(0, 600), "whole seconds from 0 to 600");
  const redisUrl = parse(
    "redisUrl",
    redisUrlSchema,
    "redis://[user:password@]host[:port][/db] or rediss://… for TLS",
  );

  const webhookSecrets =
    parse("webhookSecrets", webhookSecretList, "comma-separated signing secrets, each whsec_ and base64") ??
    [];

  return {
    host,
    port,
    stateless,
    auth,
    allowedHosts: unique([...LOOPBACK_NAMES, ...allowedHosts]),
    allowedOrigins: unique([...LOOPBACK_NAMES, ...allowedOrigins]),
    sessionIdleMs: sessionIdleSeconds * 1000,
    maxBodyBytes,
    drainMs: drainSeconds === undefined ? sharedTimeoutMs + DRAIN_MARGIN_MS : drainSeconds * 1000,
    redisUrl,
    webhookSecrets,
  };
}

function parseAuth(
  parse: <T>(setting: Setting, schema: z.ZodType<T>, accepted: string) => T | undefined,
): InboundAuth {
  const token = parse(
    "token",
    z.string().min(MIN_TOKEN_LENGTH),
    `at least ${MIN_TOKEN_LENGTH} characters (for example from openssl rand -hex 32)`,
  );
  const url = "an https URL (http only for loopback)";
  const oauth = {
    issuer: parse("issuer", secureUrl, url),
    jwksUrl: parse("jwksUrl", secureUrl, url),
    audience: parse(
      "audience",
      secureUrl,
      `${url}: this server's public MCP URL, e.g. https://mcp.example.com/mcp`,
    ),
    scope: parse("scope", z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/), "one OAuth scope such as ssn-mcp"),
  };
  const missing = OAUTH_SETTINGS.filter((setting) => oauth[setting] === undefined);
  const oauthWanted = missing.length < OAUTH_SETTINGS.length;
  if (token !== undefined && oauthWanted) {
    throw new ConfigError("set either SSN_MCP_HTTP_TOKEN or the SSN_MCP_OAUTH_* settings, not both");
  }
  if (token !== undefined) return { kind: "token", token };
  if (!oauthWanted) return { kind: "none" };
  const { issuer, jwksUrl, audience, scope } = oauth;
  if (!issuer || !jwksUrl || !audience || !scope) {
    throw new ConfigError(
      `OAuth mode also needs ${missing.map((setting) => SETTINGS[setting].env).join(", ")}`,
    );
  }
  return { kind: "oauth", issuer, jwksUrl, audience, scope };
}

/** Separates this mode's flags from the shared ones; unknown flags fail here, naming themselves. */
function splitFlags(argv: string[]): { flags: Record<string, string | boolean>; rest: string[] } {
  const { tokens } = parseArgs({
    args: argv,
    options: { ...CONFIG_FLAGS, ...HTTP_FLAGS },
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
  const flags: Record<string, string | boolean> = {};
  const taken = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== "option" || !(token.name in HTTP_FLAGS)) continue;
    flags[token.name] = token.value ?? true;
    taken.add(token.index);
    if (token.value !== undefined && !token.inlineValue) taken.add(token.index + 1);
  }
  return { flags, rest: argv.filter((_, index) => !taken.has(index)) };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::";
}

/** A host as it appears in a URL and in `Host` headers: IPv6 in brackets. */
export function urlHostname(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const portSchema = wholeNumber(0, 65_535);

const hostSchema = z.string().regex(/^[A-Za-z0-9.:-]+$/);

const hostnameList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine((names) => names.length > 0 && names.every((name) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(name)));

const secureUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (
      url.protocol === "https:" ||
      (url.protocol === "http:" && isLoopback(url.hostname.replace(/^\[|\]$/g, "")))
    );
  } catch {
    return false;
  }
});

const webhookSecretList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((secret) => secret.trim())
      .filter(Boolean),
  )
  .refine(
    (secrets) =>
      secrets.length > 0 &&
      secrets.every((secret) => /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret) && secret.length >= 30),
  );

const redisUrlSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    decodeURIComponent(url.password); // a malformed %-escape throws: refused here, naming the variable
    return ["redis:", "rediss:"].includes(url.protocol);
  } catch {
    return false;
  }
});
