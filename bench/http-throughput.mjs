// HTTP throughput: tool calls per second over Streamable HTTP at several concurrencies, stateless and
// with sessions, against the emulator's own throughput for the same GET sent straight to it (the
// upstream is the ceiling); the bare server over stateless HTTP shows what the SDK itself allows.
// The load is raw requests through one undici Agent for every contender, so the generator costs the
// same everywhere and the ratios measure the servers. Windows of a fixed length go round-robin over
// the contenders, the order rotating, repeated for `rounds`.
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { startNode } from "./lib/processes.mjs";
import { median, round, summarize } from "./lib/stats.mjs";
import { count, formatTable, ms, percent } from "./lib/table.mjs";

const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};
const PROTOCOL_VERSION = "2025-06-18";

/** Starts an HTTP server that says "listening on <url>"; resolves once `readyPath` (if any) answers 200. */
export async function startHttpServer(server, readyPath) {
  const { child, stop } = startNode(server, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  const url = await new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const match = /listening on (\S+)/.exec(stderr);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`${server.name} exited (${code}):\n${stderr}`)));
  });
  if (readyPath) {
    const ready = new URL(readyPath, url);
    while ((await fetch(ready)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { url, stop };
}

/** The JSON-RPC answer in a JSON response or in an SSE stream, where notifications may come first. */
function jsonRpcAnswer(text) {
  if (text.startsWith("{")) return JSON.parse(text);
  const messages = [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1]));
  return messages.find((message) => "result" in message || "error" in message) ?? messages[0];
}

async function post(dispatcher, url, headers, message) {
  const response = await request(url, {
    method: "POST",
    dispatcher,
    headers: { ...MCP_HEADERS, ...headers },
    body: JSON.stringify(message),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`POST ${url} answered ${response.statusCode}: ${text}`);
  return { headers: response.headers, answer: text ? jsonRpcAnswer(text) : undefined };
}

/** One MCP client as a 2025-era client would be: initialize (a session, when stateful), then calls. */
export async function connectMcpClient(dispatcher, url, emulator) {
  const initialize = await post(
    dispatcher,
    url,
    {},
    {
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: "bench", version: "1" },
      },
    },
  );
  const sessionId = initialize.headers["mcp-session-id"];
  const headers = {
    "mcp-protocol-version": PROTOCOL_VERSION,
    ...(sessionId && { "mcp-session-id": sessionId }),
  };
  await post(dispatcher, url, headers, { jsonrpc: "2.0", method: "notifications/initialized" });
  const call = {
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: "get_site_visit", arguments: { siteVisitId: emulator.siteVisitId } },
  };
  return async () => {
    const { answer } = await post(dispatcher, url, headers, call);
    if (answer.error || answer.result.isError)
      throw new Error(`get_site_visit failed: ${JSON.stringify(answer)}`);
  };
}

function directCaller(dispatcher, emulator) {
  const headers = { authorization: `Bearer ${emulator.accessToken}` };
  return async () => {
    const { statusCode, body } = await request(emulator.siteVisitUrl, { dispatcher, headers });
    await body.json();
    if (statusCode !== 200) throw new Error(`direct GET answered ${statusCode}`);
  };
}

/** `callers` workers each calling in a loop until `windowMs` is over; calls per second and latencies. */
async function runWindow(callers, windowMs) {
  const latencies = [];
  const started = performance.now();
  const deadline = started + windowMs;
  await Promise.all(
    callers.map(async (call) => {
      while (performance.now() < deadline) {
        const callStarted = performance.now();
        await call();
        latencies.push(performance.now() - callStarted);
      }
    }),
  );
  return { callsPerSecond: latencies.length / ((performance.now() - started) / 1000), latencies };
}

/** `ssnMcp` and `bareHttp` are server definitions; ssn-mcp gets its `http` arguments here. */
export async function measureHttpThroughput(
  { ssnMcp, bareHttp },
  emulator,
  { concurrencies, rounds, windowMs, warmUpMs, progress = () => {} },
) {
  // Below the 5 s after which Node's servers close an idle connection: the other contenders' windows
  // leave a connection idle longer than that, and one closed just as it is reused fails the call.
  const dispatcher = new Agent({ keepAliveTimeout: 4000 });
  const servers = [];
  const most = Math.max(...concurrencies);
  const contender = async (name, server, readyPath) => {
    const started = await startHttpServer(server, readyPath);
    servers.push(started);
    const callers = await Promise.all(
      Array.from({ length: most }, () => connectMcpClient(dispatcher, started.url, emulator)),
    );
    return { name, callers };
  };
  const ssnMcpHttp = (...args) => ({ ...ssnMcp, args: [...ssnMcp.args, "http", "--port", "0", ...args] });
  try {
    const contenders = [
      { name: "direct GET (undici)", callers: Array(most).fill(directCaller(dispatcher, emulator)) },
      await contender("ssn-mcp http --stateless", ssnMcpHttp("--stateless"), "/readyz"),
      await contender("ssn-mcp http (sessions)", ssnMcpHttp(), "/readyz"),
      await contender(bareHttp.name, bareHttp),
    ];
    for (const contender of contenders) await runWindow(contender.callers, warmUpMs);

    const windows = new Map(); // "contender|concurrency" → [{ callsPerSecond, latencies }]
    for (let roundIndex = 0; roundIndex < rounds; roundIndex++) {
      for (const concurrency of concurrencies) {
        for (let offset = 0; offset < contenders.length; offset++) {
          const contender = contenders[(roundIndex + offset) % contenders.length];
          progress(
            `HTTP throughput: round ${roundIndex + 1} of ${rounds}, ${contender.name} at ${concurrency}`,
          );
          const key = `${contender.name}|${concurrency}`;
          const window = await runWindow(contender.callers.slice(0, concurrency), windowMs).catch((error) => {
            throw new Error(`${contender.name} at concurrency ${concurrency}: ${error.message}`, {
              cause: error,
            });
          });
          windows.set(key, [...(windows.get(key) ?? []), window]);
        }
      }
    }

    const results = concurrencies.flatMap((concurrency) => {
      const figures = contenders.map(({ name }) => {
        const measured = windows.get(`${name}|${concurrency}`);
        const { median: p50, p99 } = summarize(measured.flatMap((window) => window.latencies));
        return { name, callsPerSecond: median(measured.map((window) => window.callsPerSecond)), p50, p99 };
      });
      return figures.map((figure) => ({
        contender: figure.name,
        concurrency,
        callsPerSecond: round(figure.callsPerSecond, 0),
        ofDirect: round(figure.callsPerSecond / figures[0].callsPerSecond),
        latencyP50Ms: round(figure.p50),
        latencyP99Ms: round(figure.p99),
      }));
    });
    return { rounds, windowMs, reference: contenders[0].name, results };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await dispatcher.close();
  }
}

export function formatHttpThroughput({ rounds, windowMs, reference, results }) {
  return [
    `### HTTP throughput: get_site_visit calls per second (median of ${rounds} interleaved ${windowMs / 1000} s windows; latency over all of them)`,
    "",
    formatTable(
      [
        { title: "concurrency" },
        { title: "path" },
        { title: "calls/s", right: true },
        { title: `of ${reference}`, right: true },
        { title: "p50 ms", right: true },
        { title: "p99 ms", right: true },
      ],
      results.map((r) => [
        r.concurrency,
        r.contender,
        count(r.callsPerSecond),
        percent(r.ofDirect),
        ms(r.latencyP50Ms),
        ms(r.latencyP99Ms),
      ]),
    ),
  ].join("\n");
}
