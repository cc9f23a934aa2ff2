#!/usr/bin/env node
import { type Config, ConfigError, parseConfig } from "./config.js";
import { Logger } from "./log.js";
import { Runtime } from "./mcp/runtime.js";
import { serveOverStdio } from "./mcp/stdio.js";
import { TOOLS } from "./mcp/tools/index.js";
import { VERSION } from "./version.js";

const USAGE = `ssn-mcp ${VERSION}: an MCP server for the SSN field-service API

Usage:
  ssn-mcp [options]            serve MCP over stdio (the default)
  ssn-mcp --local-sandbox      the same, against a built-in SSN emulator with demo data
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
  --log-level LEVEL       SSN_LOG_LEVEL       debug, info (default), warning or error
  --timeout SECONDS       SSN_TIMEOUT         longest SSN work per tool call, retries included (default 45)
  --local-sandbox                             use the built-in emulator and its demo credential
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
  try {
    config = parseConfig(argv, process.env);
  } catch (error) {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`ssn-mcp: ${(error as Error).message}\nRun ssn-mcp --help for the options.\n`);
      return 2;
    }
    throw error;
  }
  return serve(config);
}

async function serve(config: Config): Promise<undefined> {
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
  const runtime = new Runtime(config, TOOLS, logger);
  runtime.start();
  serveOverStdio(runtime, async () => {
    await runtime.close();
    await stopSandbox();
  });
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
