// `npm run bench` (after `npm run build`): all five measurements of ssn-mcp against its floor, its
// peers and the emulator itself, each interleaved, printed as tables on stdout and saved as
// bench/results/<date>.json and bench/results/latest.json.
//   BENCH_SMOKE=1 node bench/run.mjs --results-dir DIR
// is the same run with tiny counts and no peers (the smoke test): it bundles into a temporary folder
// and writes its results to DIR; its figures mean nothing.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { formatColdStart, measureColdStart } from "./cold-start.mjs";
import { formatContextCost, measureContextCost } from "./context-cost.mjs";
import { formatHttpThroughput, measureHttpThroughput } from "./http-throughput.mjs";
import { BENCH_DIR, buildServers } from "./lib/build.mjs";
import { startBenchEmulator } from "./lib/emulator.mjs";
import { checkGoals, formatGoals } from "./lib/goals.mjs";
import { formatJson } from "./lib/json.mjs";
import { stopAll } from "./lib/processes.mjs";
import { progress, step } from "./lib/progress.mjs";
import { ownServers, peerServers, peersInstalled } from "./lib/servers.mjs";
import { formatMemory, measureMemory } from "./memory.mjs";
import { formatToolCallOverhead, measureToolCallOverhead } from "./tool-call-overhead.mjs";

const smoke = process.env.BENCH_SMOKE === "1";
const { values } = parseArgs({
  options: { "results-dir": { type: "string", default: `${BENCH_DIR}results` } },
});

// Sized for a 2-core machine: the whole run stays well under 10 minutes.
const COUNTS = smoke
  ? {
      coldStart: { runs: 1, warmUp: 0 },
      toolCallOverhead: { calls: 20, warmUp: 2 },
      httpThroughput: { concurrencies: [1, 4], rounds: 1, windowMs: 100, warmUpMs: 50 },
      memory: { calls: 40, warmCalls: 20, rounds: 1, inFlight: 4, settleMs: 10 },
    }
  : {
      coldStart: { runs: 21, warmUp: 2 },
      toolCallOverhead: { calls: 2000, warmUp: 200 },
      httpThroughput: { concurrencies: [1, 8, 32], rounds: 3, windowMs: 2000, warmUpMs: 1000 },
      memory: { calls: 10_000, warmCalls: 1000, rounds: 3, inFlight: 8, settleMs: 1000 },
    };

const started = Date.now();
const workDir = await mkdtemp(`${tmpdir()}/ssn-mcp-bench-`);
let emulator;
try {
  if (!smoke && !peersInstalled()) {
    step("installing the peer servers into bench/node_modules (npm ci --prefix bench)");
    execFileSync("npm", ["ci", "--prefix", BENCH_DIR, "--no-audit", "--no-fund"], {
      stdio: ["ignore", 2, 2],
    });
  }
  const built = await buildServers(smoke ? workDir : `${BENCH_DIR}dist`, { bundleSsnMcp: smoke });
  emulator = await startBenchEmulator();
  const own = ownServers(built, emulator);
  const peers = smoke ? [] : await peerServers(workDir);
  const print = (text) => process.stdout.write(`${text}\n\n`);
  const results = {
    date: new Date(started).toISOString(),
    command: "npm run bench",
    smoke,
    machine: {
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      loadAverageAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
    },
    counts: COUNTS,
  };

  step("1/5 cold start");
  results.coldStart = await measureColdStart([own.bare, own.bundle, own.noCredential, own.tsc, ...peers], {
    ...COUNTS.coldStart,
    progress,
  });
  print(formatColdStart(results.coldStart));

  step("2/5 tool-call overhead");
  results.toolCallOverhead = await measureToolCallOverhead(
    { sdkServers: [own.bare, own.bundle], rawServers: [own.bundle] },
    emulator,
    { ...COUNTS.toolCallOverhead, progress },
  );
  print(formatToolCallOverhead(results.toolCallOverhead));

  step("3/5 HTTP throughput");
  results.httpThroughput = await measureHttpThroughput(
    { ssnMcp: own.bundle, bareHttp: own.bareHttp },
    emulator,
    {
      ...COUNTS.httpThroughput,
      progress,
    },
  );
  print(formatHttpThroughput(results.httpThroughput));

  step("4/5 memory");
  results.memory = await measureMemory([own.bare, own.bundle], emulator, { ...COUNTS.memory, progress });
  print(formatMemory(results.memory));

  step("5/5 context cost");
  results.contextCost = await measureContextCost([own.bundle, ...peers], { progress });
  print(formatContextCost(results.contextCost));

  results.goals = checkGoals(results);
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  print(formatGoals(results.goals));

  await mkdir(values["results-dir"], { recursive: true });
  const json = formatJson(results);
  const dated = `${values["results-dir"]}/${results.date.slice(0, 10)}.json`;
  await writeFile(dated, json);
  await writeFile(`${values["results-dir"]}/latest.json`, json);
  step(`done in ${results.durationSeconds} s; results in ${dated} and latest.json`);
} finally {
  await stopAll();
  await emulator?.close();
  await rm(workDir, { recursive: true, force: true });
}
