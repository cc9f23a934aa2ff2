import { delimiter, isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  API_PREFIX,
  ENVIRONMENT_NAMES,
  ENVIRONMENTS,
  type EnvironmentName,
} from "./contract/environments.js";
import { parseScopeString, SCOPES, type Scope } from "./contract/scopes.js";
import { TOOLSETS, type Toolset } from "./mcp/toolsets.js";

/** Well inside the 60 s most MCP clients wait for a tool call. */
const DEFAULT_TIMEOUT_SECONDS = 45;

export const LOG_LEVELS = ["debug", "info", "warning", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Absent when no usable credential was given; `credentialProblem` says why. */
  credential: { clientId: string; clientSecret: string } | undefined;
  credentialProblem: string | undefined;
  environment: EnvironmentName;
  baseUrl: string;
  configuredScopes: Scope[] | undefined;
  readOnly: boolean;
  /** `SSN_TOOLS`: only these tools may be listed (checked against the registry at start). */
  toolAllowList: string[] | undefined;
  /** `SSN_FILE_ROOTS`: absolute directories whose files upload tools may read (stdio only). */
  fileRoots: string[];
  /** `SSN_TOOLSETS`: only tools of these groups may be listed. */
  toolsets: Toolset[] | undefined;
  logLevel: LogLevel;
  /** Each tool call's SSN work, retries included, ends within this. */
  timeoutMs: number;
  /** Start the emulator in-process with the demo seed and use its demo credential. */
  localSandbox: boolean;
  /** Things worth a line on stderr at start (ignored placeholders and the like). */
  warnings: string[];
}

/** A configuration value that stops the start; the message names the variable, never a secret. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Every setting: its environment variable and its command-line flag. */
const SETTINGS = {
  clientId: { env: "SSN_CLIENT_ID", flag: "client-id" },
  clientSecret: { env: "SSN_CLIENT_SECRET", flag: undefined, secret: true },
  environment: { env: "SSN_ENVIRONMENT", flag: "environment" },
  baseUrl: { env: "SSN_BASE_URL", flag: "base-url" },
  scopes: { env: "SSN_SCOPES", flag: "scopes" },
  readOnly: { env: "SSN_READ_ONLY", flag: "read-only" },
  tools: { env: "SSN_TOOLS", flag: "tools" },
  toolsets: { env: "SSN_TOOLSETS", flag: "toolsets" },
  fileRoots: { env: "SSN_FILE_ROOTS", flag: "file-roots" },
  logLevel: { env: "SSN_LOG_LEVEL", flag: "log-level" },
  timeout: { env: "SSN_TIMEOUT", flag: "timeout" },
} as const satisfies Record<string, SettingSpec>;

export const CONFIG_FLAGS = {
  "client-id": { type: "string" },
  environment: { type: "string" },
  "base-url": { type: "string" },
  scopes: { type: "string" },
  "read-only": { type: "boolean" },
  tools: { type: "string" },
  toolsets: { type: "string" },
  "file-roots": { type: "string" },
  "log-level": { type: "string" },
  timeout: { type: "string" },
  "local-sandbox": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** What a launcher leaves when it did not substitute a value (MCP bundles, some IDEs). */
export function placeholderKind(value: string): string | undefined {
  if (/^\$\{[^}]*\}$/.test(value.trim())) return `the unresolved placeholder ${value.trim()}`;
  if (value.startsWith("__encrypted__:")) return "an encrypted value the launcher did not decrypt";
  return undefined;
}

const booleanText = z.stringbool();

export interface SettingSpec {
  env: string;
  flag: string | undefined;
  /** Never echoed in an error. */
  secret?: boolean;
}

/**
 * Reads settings: the flag if given, else the environment variable; empty values count as unset.
 * A value the launcher left unresolved goes to `onPlaceholder` (which may ignore it or refuse);
 * a value that does not parse stops the start with one line naming the setting and what is accepted.
 */
export function settingsReader<K extends string>(
  specs: Record<K, SettingSpec>,
  flags: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  onPlaceholder: (setting: K, description: string) => void,
) {
  const read = (setting: K): string | undefined => {
    const { env: name, flag } = specs[setting];
    const fromFlag = flag ? flags[flag] : undefined;
    const raw = typeof fromFlag === "string" ? fromFlag : env[name];
    if (raw === undefined || raw.trim() === "") return undefined;
    const placeholder = placeholderKind(raw);
    if (placeholder) {
      onPlaceholder(setting, `${name} holds ${placeholder}`);
      return undefined;
    }
    return raw.trim();
  };
  const parse = <T>(setting: K, schema: z.ZodType<T>, accepted: string): T | undefined => {
    const raw = read(setting);
    if (raw === undefined) return undefined;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    const { env: name, flag, secret } = specs[setting];
    const shown = secret ? "" : ` (got "${raw}")`;
    throw new ConfigError(`${name}${flag ? ` / --${flag}` : ""} is not valid${shown}: expected ${accepted}`);
  };
  return { read, parse };
}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const { values, positionals } = parseArgs({
    args: argv,
    options: CONFIG_FLAGS,
    strict: true,
    allowPositionals: true,
  });
  const warnings: string[] = [];

  // The credential's placeholders are reported as the credential problem; others are ignored, saying so.
  const { read, parse } = settingsReader(SETTINGS, values, env, (setting, description) => {
    if (setting !== "clientId" && setting !== "clientSecret") warnings.push(`${description}; it is ignored`);
  });

  const localSandbox = values["local-sandbox"] === true;
  const environment =
    parse("environment", z.enum(ENVIRONMENT_NAMES as [EnvironmentName]), ENVIRONMENT_NAMES.join(", ")) ??
    (localSandbox ? "local" : "sandbox");
  const baseUrl = parse("baseUrl", baseUrlSchema, "an https URL ending in /api/v1 (http only for loopback)");
  const configuredScopes = parse(
    "scopes",
    scopesSchema,
    `space- or comma-separated scopes from: ${SCOPES.join(" ")}`,
  );
  const readOnly =
    values["read-only"] === true ||
    (parse("readOnly", booleanText, "true or false (also 1/0, yes/no, on/off)") ?? false);
  const tools = parse(
    "tools",
    toolListSchema,
    "comma-separated tool names such as get_site_visit,list_projects",
  );
  const toolsets = parse(
    "toolsets",
    toolsetListSchema,
    `comma-separated toolsets from: ${TOOLSETS.join(", ")}`,
  );
  const fileRoots = [
    ...(parse("fileRoots", fileRootsSchema, `absolute directories separated by "${delimiter}"`) ?? []),
    ...fileRootArguments(positionals, warnings),
  ];
  const logLevel = parse("logLevel", z.enum(LOG_LEVELS), LOG_LEVELS.join(", ")) ?? "info";
  const timeoutSeconds =
    parse("timeout", z.coerce.number().int().min(1).max(300), "whole seconds from 1 to 300") ??
    DEFAULT_TIMEOUT_SECONDS;

  if (localSandbox) {
    // The sandbox brings its own emulator and credential; say so rather than ignore settings silently.
    const overridden = ["clientId", "clientSecret", "baseUrl", "environment"] as const;
    const given = overridden
      .filter((setting) => read(setting) !== undefined)
      .map((setting) => SETTINGS[setting].env);
    if (given.length > 0)
      warnings.push(
        `--local-sandbox uses the built-in emulator and its demo credential; ignoring ${given.join(", ")}`,
      );
  }
  const clientId = read("clientId");
  const clientSecret = read("clientSecret");
  const credentialProblem = describeMissingCredential(env, clientId, clientSecret);

  return {
    credential: clientId && clientSecret ? { clientId, clientSecret } : undefined,
    credentialProblem: localSandbox ? undefined : credentialProblem,
    environment,
    baseUrl: baseUrl ?? ENVIRONMENTS[environment],
    configuredScopes,
    readOnly,
    toolAllowList: tools,
    toolsets,
    fileRoots,
    logLevel,
    timeoutMs: timeoutSeconds * 1000,
    localSandbox,
    warnings,
  };
}

function describeMissingCredential(
  env: NodeJS.ProcessEnv,
  clientId: string | undefined,
  clientSecret: string | undefined,
): string | undefined {
  const problems: string[] = [];
  for (const [name, value] of [
    ["SSN_CLIENT_ID", clientId],
    ["SSN_CLIENT_SECRET", clientSecret],
  ] as const) {
    if (value) continue;
    const raw = env[name];
    const placeholder = raw ? placeholderKind(raw) : undefined;
    problems.push(placeholder ? `${name} holds ${placeholder}` : `${name} is not set`);
  }
  if (problems.length === 0) return undefined;
  return `${problems.join(" and ")}. Set SSN_CLIENT_ID and SSN_CLIENT_SECRET to your SSN credential, or start with --local-sandbox to try ssn-mcp against the built-in emulator.`;
}

const baseUrlSchema = z
  .string()
  .transform((value) => value.replace(/\/+$/, ""))
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (!url.pathname.endsWith(API_PREFIX) || url.search || url.hash) return false;
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  });

const scopesSchema = z
  .string()
  .transform((v) => parseScopeString(v.replaceAll(",", " ")))
  .refine((parsed) => parsed.unknown.length === 0 && parsed.known.length > 0)
  .transform((parsed) => parsed.known);

const commaList = z.string().transform((v) =>
  v
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean),
);

const toolsetListSchema = commaList.pipe(z.array(z.enum(TOOLSETS)).min(1));

/**
 * Directories given as arguments after the options: the form an MCP bundle passes a multi-valued
 * setting in (it expands only in `args`). A value the launcher left unresolved is ignored, saying so.
 */
function fileRootArguments(positionals: string[], warnings: string[]): string[] {
  return positionals.flatMap((value) => {
    if (value.trim() === "") return [];
    const placeholder = placeholderKind(value);
    if (placeholder) {
      warnings.push(`a file-root argument holds ${placeholder}; it is ignored`);
      return [];
    }
    if (!isAbsolute(value))
      throw new ConfigError(`the file-root argument "${value}" is not an absolute directory`);
    return [resolve(value)];
  });
}

const fileRootsSchema = z
  .string()
  .transform((v) => v.split(delimiter).filter(Boolean))
  .refine((roots) => roots.length > 0 && roots.every(isAbsolute))
  .transform((roots) => roots.map((root) => resolve(root)));

const toolListSchema = commaList.refine((names) => names.length > 0);
