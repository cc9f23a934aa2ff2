import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { API_PREFIX } from "../contract/environments.js";
import { HEADERS } from "../contract/errors.js";
import { newId } from "../contract/ids.js";
import { handleApiRequest } from "./api.js";
import { ApiError } from "./api-error.js";
import { CONTROL_PREFIX, handleControlRequest } from "./control.js";
import { DEMO_SEED } from "./demo-seed.js";
import { Emulator } from "./emulator.js";
import { type Exchange, errorAnswer, sendAnswer } from "./http.js";
import { parseSeed, type SeedInput } from "./seed.js";
import {
  checkSetting,
  DEFAULT_ENVIRONMENT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_TOKEN_TTL_SECONDS,
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  EnvironmentName,
  Port,
  TokenTtlSeconds,
  WebhookRetryDelaysMs,
} from "./settings.js";

export interface StartEmulatorOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback). */
  host?: string;
  /** Default: the built-in demo seed. It is validated like a seed file. */
  seed?: SeedInput;
  /** Overrides the seed's `environment`; default `local`. */
  environment?: string;
  /** Overrides the seed's `tokenTtlSeconds`; default 3600. */
  tokenTtlSeconds?: number;
  /** Milliseconds since the epoch, default Date.now; inject a clock to expire tokens without waiting. */
  now?: () => number;
  /** Gets one line per request and every unexpected error; default: unexpected errors go to stderr. */
  log?: (line: string) => void;
  /**
   * Waits before the 2nd, 3rd, … webhook delivery attempt after a failed one; default 1 s, 2 s, 4 s, 8 s
   * (five attempts). Real time: `POST /_emulator/deliveries/retry-now` runs pending retries at once.
   */
  webhookRetryDelaysMs?: readonly number[];
}

export interface RunningEmulator {
  /** The API base URL, e.g. `http://127.0.0.1:4010/api/v1`. */
  baseUrl: string;
  /** Where the control endpoints are, e.g. `http://127.0.0.1:4010/_emulator`. */
  controlUrl: string;
  port: number;
  environment: string;
  /**
   * Stops listening, closes every connection (idle keep-alive ones too), releases held requests and
   * stops webhook deliveries (attempts under way and pending retries).
   */
  close(): Promise<void>;
}

/** Starts an emulator on its own HTTP server; instances share nothing. Throws ConfigurationError for bad settings. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = parseSeed(options.seed ?? DEMO_SEED);
  const port = checkSetting(Port, options.port ?? DEFAULT_PORT, "port");
  const host = options.host ?? DEFAULT_HOST;
  const environment = checkSetting(
    EnvironmentName,
    options.environment ?? seed.environment ?? DEFAULT_ENVIRONMENT,
    "environment",
  );
  const tokenTtlSeconds = checkSetting(
    TokenTtlSeconds,
    options.tokenTtlSeconds ?? seed.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    "tokenTtlSeconds",
  );
  const webhookRetryDelaysMs = checkSetting(
    WebhookRetryDelaysMs,
    options.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
    "webhookRetryDelaysMs",
  );
  const requestLog = options.log;
  const emulator = new Emulator({
    seed,
    environment,
    tokenTtlSeconds,
    now: options.now ?? Date.now,
    log: requestLog ?? ((line) => process.stderr.write(`${line}\n`)),
    webhookRetryDelaysMs,
  });

  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    if (requestLog) {
      res.once("close", () => {
        const status = res.writableFinished ? String(res.statusCode) : "dropped";
        requestLog(`${req.method} ${req.url} ${status} ${Math.round(performance.now() - started)}ms`);
      });
    }
    dispatch(emulator, req, res);
  };
  const server = createServer(handleRequest);
  // `Expect: 100-continue` is answered only when a body is read (http.ts readBody), so a request refused
  // before that (401, 403, an upload declared too large) never sends its body.
  server.on("checkContinue", handleRequest);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const actualPort = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `${origin}${API_PREFIX}`,
    controlUrl: `${origin}${CONTROL_PREFIX}`,
    port: actualPort,
    environment,
    close() {
      closing ??= new Promise<void>((resolve) => {
        emulator.faults.clear();
        emulator.webhooks.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Request targets are paths; the base only completes them into URLs. */
const URL_BASE = "http://emulator.invalid";

function dispatch(emulator: Emulator, req: IncomingMessage, res: ServerResponse): void {
  const requestId = newId("request");
  res.setHeader(HEADERS.requestId, requestId);
  const target = req.url ?? "/";
  if (!URL.canParse(target, URL_BASE)) {
    sendAnswer(
      res,
      errorAnswer(new ApiError("bad_request", "The request target is not a valid path."), requestId),
    );
    return;
  }
  const exchange: Exchange = { req, res, url: new URL(target, URL_BASE), requestId };
  const path = exchange.url.pathname;
  const handle =
    path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)
      ? handleApiRequest
      : path.startsWith(`${CONTROL_PREFIX}/`)
        ? handleControlRequest
        : handleUnknownPath;
  handle(emulator, exchange).catch((error: unknown) => {
    // A failure of the pipeline itself, after which no answer can be trusted.
    emulator.config.log(`request ${requestId} failed: ${(error as Error)?.message ?? String(error)}`);
    res.destroy();
  });
}

async function handleUnknownPath(_emulator: Emulator, { res, url, requestId }: Exchange): Promise<void> {
  const error = new ApiError(
    "not_found",
    `Nothing is served at ${url.pathname}; the API is under ${API_PREFIX}.`,
  );
  sendAnswer(res, errorAnswer(error, requestId));
}
