#!/usr/bin/env node
import { type Config, ConfigError, parseConfig } from "./config.js";
import type { HttpConfig } from "./http/http-config.js";
import { Logger } from "./log.js";
import { Runtime } from "./mcp/runtime.js";
import { serveOverStdio } from "./mcp/stdio.js";
import { TOOLS } from "./mcp/tools/index.js";
import { VERSION } from "./version.js";

const USAGE = `ssn-mcp ${VERSION}: an MCP server for the SSN field-service API

Usage:
  ssn-mcp [options] [dir …]    serve MCP over stdio (the default); dirs are more SSN_FILE_ROOTS
  ssn-mcp --local-sandbox      the same, against a built-in SSN emulator with demo data
  ssn-mcp http [options]       serve MCP over Streamable HTTP at /mcp, for remote and team use
  ssn-mcp emulator [options]   run the local SSN emulator alone (ssn-mcp emulator --help)
  ssn-mcp --version            print the version

Options (each also an environment variable):
  --client-id ID          SSN_CLIENT_ID       the SSN credential's client id
                          SSN_CLIENT_SECRET   its secret (environment only, never a flag)
  --environment NAME      SSN_ENVIRONMENT     sandbox (default), production or local
  --base-url URL          SSN_BASE_URL        override the environment's base URL
  --scopes "A B"          SSN_SCOPES          request only these scopes
  --read-only             SSN_READ_ONLY       withhold every write tool
  --tools a,b             SSN_TOOLS           only these tools
  --toolsets a,b          SSN_TOOLSETS        only these groups: sites, site_visits, messages, files, reference, webhooks
  --file-roots DIRS       SSN_FILE_ROOTS      directories upload tools may read files from (stdio only)
  --log-level LEVEL       SSN_LOG_LEVEL       debug, info (default), warning or error
  --timeout SECONDS       SSN_TIMEOUT         longest SSN work per tool call, retries included (default 45)
  --local-sandbox                             use the built-in emulator and its demo credential

HTTP mode (ssn-mcp http), besides the options above:
  --host ADDRESS          SSN_MCP_HOST        address to bind (default 127.0.0.1; elsewhere needs authentication)
  --port PORT             SSN_MCP_PORT        port (default 3000; 0 picks a free one)
  --stateless             SSN_MCP_STATELESS   no sessions: for replicas behind a load balancer
                          SSN_MCP_HTTP_TOKEN  a bearer token callers must send (32+ characters), or OAuth:
                          SSN_MCP_OAUTH_ISSUER, SSN_MCP_OAUTH_JWKS_URL, SSN_MCP_OAUTH_AUDIENCE, SSN_MCP_OAUTH_SCOPE
                          SSN_MCP_ALLOWED_HOSTS, SSN_MCP_ALLOWED_ORIGINS, SSN_MCP_SESSION_IDLE_SECONDS,
                          SSN_MCP_MAX_BODY_BYTES, SSN_MCP_DRAIN_SECONDS, SSN_REDIS_URL,
                          SSN_WEBHOOK_SECRETS (turns on POST /webhooks/ssn; see the README)
`;

async function main(argv: string[]): Promise<number | undefined> {
  if (argv[0] === "emulator") {
    const { runEmulatorCommand } = await import("./emulator/command.js");
    return runEmulatorCommand(argv.slice(1));
  }
  if (argv.includes("--version")) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  let config: Config;
  let http: HttpConfig | undefined;
  try {
    if (argv[0] === "http") {
      const { parseHttpMode } = await import("./http/http-config.js");
      ({ config, http } = parseHttpMode(argv.slice(1), process.env));
    } else {
      config = parseConfig(argv, process.env);
    }
  } catch (error) {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`ssn-mcp: ${(error as Error).message} (ssn-mcp --help lists the options)\n`);
      return 2;
    }
    throw error;
  }
  return serve(config, http);
}

async function serve(config: Config, http: HttpConfig | undefined): Promise<undefined> {
  const logger = new Logger(config.logLevel);
  for (const warning of config.warnings) logger.warning(warning);
  const unknownTools =
    config.toolAllowList?.filter((name) => !TOOLS.some((tool) => tool.name === name)) ?? [];
  if (unknownTools.length > 0) {
    throw new ConfigError(
      `SSN_TOOLS / --tools names unknown tools: ${unknownTools.join(", ")}; known tools: ${TOOLS.map((t) => t.name).join(", ")}`,
    );
  }
  let stopSandbox = async () => {};
  if (config.localSandbox) {
    const { startLocalSandbox } = await import("./local-sandbox.js");
    const sandbox = await startLocalSandbox(config);
    config = sandbox.config;
    stopSandbox = sandbox.close;
    logger.info(
      `local sandbox: the built-in SSN emulator runs at ${config.baseUrl} with demo data and the demo credential "${config.credential?.clientId}"; nothing leaves this machine`,
    );
  } else if (config.credentialProblem) {
    logger.warning(`no SSN credential: ${config.credentialProblem}`);
  }
  const sharedState = http && (await import("./http/shared-state.js")).openSharedState(http.redisUrl, logger);
  const runtime = new Runtime(config, TOOLS, logger, {}, sharedState?.idempotency);
  if (http?.webhookSecrets.length && sharedState) runtime.events = await sharedState.openEventLog();
  runtime.start();
  const onClosed = async () => {
    await runtime.close();
    await sharedState?.close();
    await stopSandbox();
  };
  if (http && sharedState) {
    const { serveOverHttp } = await import("./http/server.js");
    await serveOverHttp(runtime, http, sharedState, onClosed);
  } else {
    serveOverStdio(runtime, onClosed);
  }
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ssn-mcp: ${message}\n`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
