// Cold start: spawn → the answer to `initialize` over stdio, raw JSON-RPC (no client library in the
// timing), each server stopped before the next starts. Runs go round-robin over every server, the
// starting server rotating each round, because drift between runs is larger than the differences.
//   node bench/cold-start.mjs [--runs 15] [--warm-up 2] [--peers]
// alone measures ssn-mcp's builds against the bare server (and the peers if installed and asked);
// `npm run bench` runs it with every peer. Both need `npm run build` first.
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startStdioSession } from "./lib/processes.mjs";
import { round, summarize } from "./lib/stats.mjs";
import { formatTable, ms, times } from "./lib/table.mjs";

async function timeToInitialize(server) {
  const started = performance.now();
  const session = startStdioSession(server);
  try {
    await session.initialize();
    return performance.now() - started;
  } finally {
    await session.stop();
  }
}

/** `servers[0]` is the reference every ratio divides by. */
export async function measureColdStart(servers, { runs, warmUp, progress = () => {} }) {
  const samples = servers.map(() => []);
  for (let roundIndex = 0; roundIndex < warmUp + runs; roundIndex++) {
    for (let offset = 0; offset < servers.length; offset++) {
      const index = (roundIndex + offset) % servers.length;
      const elapsed = await timeToInitialize(servers[index]);
      if (roundIndex >= warmUp) samples[index].push(elapsed);
    }
    progress(`cold start: round ${roundIndex + 1} of ${warmUp + runs}`);
  }
  const reference = summarize(samples[0]).median;
  return {
    runs,
    warmUp,
    reference: servers[0].name,
    servers: servers.map((server, index) => {
      const { median, p99, min, max } = summarize(samples[index]);
      return {
        name: server.name,
        ...(server.package && { package: server.package }),
        medianMs: round(median, 1),
        p99Ms: round(p99, 1),
        minMs: round(min, 1),
        maxMs: round(max, 1),
        ratio: round(median / reference),
      };
    }),
  };
}

export function formatColdStart({ runs, warmUp, reference, servers }) {
  return [
    `### Cold start: spawn → initialize answer over stdio (${runs} interleaved runs after ${warmUp} warm-up; p99 of ${runs} runs is the slowest)`,
    "",
    formatTable(
      [
        { title: "server" },
        { title: "median ms", right: true },
        { title: "p99 ms", right: true },
        { title: "min ms", right: true },
        { title: `× ${reference}`, right: true },
      ],
      servers.map((s) => [s.name, ms(s.medianMs), ms(s.p99Ms), ms(s.minMs), times(s.ratio)]),
    ),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "15" },
      "warm-up": { type: "string", default: "2" },
      peers: { type: "boolean", default: false },
    },
  });
  const { mkdtemp, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { buildServers, BENCH_DIR } = await import("./lib/build.mjs");
  const { startBenchEmulator } = await import("./lib/emulator.mjs");
  const { stopAll } = await import("./lib/processes.mjs");
  const { ownServers, peerServers, peersInstalled } = await import("./lib/servers.mjs");
  const workDir = await mkdtemp(`${tmpdir()}/ssn-mcp-bench-`);
  const emulator = await startBenchEmulator();
  try {
    const own = ownServers(await buildServers(`${BENCH_DIR}dist`), emulator);
    if (values.peers && !peersInstalled())
      throw new Error("the peers are not installed: npm ci --prefix bench");
    const servers = [own.bare, own.bundle, own.noCredential, own.tsc];
    if (values.peers) servers.push(...(await peerServers(workDir)));
    const progress = (line) => process.stderr.write(`${line}\r`);
    const result = await measureColdStart(servers, {
      runs: Number(values.runs),
      warmUp: Number(values["warm-up"]),
      progress,
    });
    process.stdout.write(`${formatColdStart(result)}\n`);
  } finally {
    await stopAll();
    await emulator.close();
    await rm(workDir, { recursive: true, force: true });
  }
}
