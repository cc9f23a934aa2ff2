import { parseArgs } from "node:util";
import type { z } from "zod";
import { DEMO_SECRETS } from "./demo-seed.js";
import { loadSeedFile, type Seed } from "./seed.js";
import { startEmulator } from "./server.js";
import {
  ConfigurationError,
  checkSetting,
  DEFAULT_HOST,
  EnvironmentName,
  isLoopbackHost,
  Port,
  TokenTtlSeconds,
} from "./settings.js";

const USAGE = `Usage: ssn-mcp emulator [--port 4010] [--host 127.0.0.1] [--seed seed.json] [--environment local]
                        [--token-ttl 3600]

Runs the local SSN API emulator: the SSN contract, in memory, on loopback.

  --port <n>           port to listen on; 0 picks a free one (default 4010)
  --host <host>        address to bind (default 127.0.0.1); anything else is reachable from other machines
  --seed <file>        JSON seed file (default: the built-in demo seed)
  --environment <name> environment name the emulator answers as (default: the seed's, else local)
  --token-ttl <s>      access token lifetime in seconds (default: the seed's, else 3600)
  -h, --help           show this help

Control endpoints (no auth) are under /_emulator: health, reset, requests, faults, deliveries,
site-assets, files.
`;

/** Exit codes: 0 after a clean stop or --help, 1 when it cannot listen, 2 for a bad flag or seed. */
const EXIT = { ok: 0, cannotStart: 1, usage: 2 } as const;

export interface EmulatorCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves when the emulator should stop; by default at the first SIGINT or SIGTERM. */
  untilStopped(): Promise<void>;
}

const processIo: EmulatorCommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  untilStopped: untilTerminationSignal,
};

/** `ssn-mcp emulator [flags]`: runs until stopped and resolves to the process exit code. */
export async function runEmulatorCommand(argv: string[], io: EmulatorCommandIo = processIo): Promise<number> {
  const fail = (code: number, message: string) => {
    io.stderr.write(`ssn-mcp emulator: ${message}\n`);
    return code;
  };
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    return fail(EXIT.usage, `${(error as Error).message}\nRun "ssn-mcp emulator --help" for usage.`);
  }
  if (flags.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }

  const host = flags.host ?? DEFAULT_HOST;
  let running: Awaited<ReturnType<typeof startEmulator>>;
  try {
    const seed = flags.seed === undefined ? undefined : await loadSeedFile(flags.seed);
    const options = {
      port: numberFlag("--port", flags.port, Port),
      host,
      seed,
      environment: flags.environment && checkSetting(EnvironmentName, flags.environment, "--environment"),
      tokenTtlSeconds: numberFlag("--token-ttl", flags["token-ttl"], TokenTtlSeconds),
      log: (line: string) => io.stderr.write(`${line}\n`),
    };
    for (const warning of startupWarnings(host, seed)) io.stderr.write(`warning: ${warning}\n`);
    running = await startEmulator(options);
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(EXIT.usage, error.message);
    return fail(EXIT.cannotStart, `cannot start: ${(error as Error).message}`);
  }

  io.stdout.write(`SSN emulator listening on ${running.baseUrl}\n`);
  await io.untilStopped();
  await running.close();
  return EXIT.ok;
}

/** Warnings for a start that exposes the emulator beyond this machine. */
export function startupWarnings(host: string, seed: Seed | undefined): string[] {
  if (isLoopbackHost(host)) return [];
  const warnings = [`listening on ${host}, which is not loopback: other machines can reach the emulator.`];
  const secrets = seed ? seed.clients.map((client) => client.clientSecret) : DEMO_SECRETS;
  if (secrets.some((secret) => DEMO_SECRETS.includes(secret))) {
    warnings.push(
      "the demo seed's public client secrets are in use; anyone who can reach it can get a token.",
    );
  }
  return warnings;
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      environment: { type: "string" },
      "token-ttl": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
}

function numberFlag(flag: string, value: string | undefined, schema: z.ZodType<number>): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ConfigurationError(`${flag}: must be a whole number, not "${value}"`);
  return checkSetting(schema, Number(value), flag);
}

function untilTerminationSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
