// Where ssn-mcp spends its time, for the figures the bench shows missing a goal: a V8 CPU profile
// (node --cpu-prof) of one server during one measurement, summarized by package and by function.
//   node bench/profile.mjs cold-start|tool-calls|http [--server ssn-mcp|bare] [--runs 10] [--calls 2000]
// It profiles the bundles the bench measures; frames are traced back to their package through
// esbuild's module comments. The .cpuprofile stays in bench/profiles/ for Chrome DevTools.
// Needs `npm run build`.
import { readdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Agent } from "undici";
import { connectMcpClient, startHttpServer } from "./http-throughput.mjs";
import { BENCH_DIR, buildServers } from "./lib/build.mjs";
import { summarizeCpuProfiles } from "./lib/cpu-profile.mjs";
import { startBenchEmulator } from "./lib/emulator.mjs";
import { startStdioSession, stopAll } from "./lib/processes.mjs";
import { ownServers } from "./lib/servers.mjs";
import { formatTable, percent } from "./lib/table.mjs";
import { toolCaller } from "./tool-call-overhead.mjs";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    server: { type: "string", default: "ssn-mcp" },
    runs: { type: "string", default: "20" },
    sessions: { type: "boolean", default: false },
    calls: { type: "string", default: "2000" },
  },
});
const [measurement] = positionals;
if (
  !["cold-start", "tool-calls", "http"].includes(measurement) ||
  !["ssn-mcp", "bare"].includes(values.server)
) {
  process.stderr.write(
    "usage: node bench/profile.mjs cold-start|tool-calls|http [--server ssn-mcp|bare] [--sessions]\n",
  );
  process.exit(2);
}
const calls = Number(values.calls);
const profileDir = `${BENCH_DIR}profiles/${measurement}${values.sessions ? "-sessions" : ""}-${values.server}`;

// The profile is written when the server exits; a sample every 0.5 ms (the default is 1 ms), as a start
// lasts only a few hundred.
const PROFILED = ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--cpu-prof-interval=500"];

const emulator = await startBenchEmulator();
try {
  const own = ownServers(await buildServers(`${BENCH_DIR}dist`), emulator);
  const stdioServer = { ...(values.server === "bare" ? own.bare : own.bundle), nodeOptions: PROFILED };
  const answeredAt = new Map(); // pid → µs, on the clock the profiles use
  const before = new Set(await readdir(profileDir).catch(() => []));
  if (measurement === "cold-start") {
    // One start is too short to profile alone: add several up, each until its initialize answer.
    for (let run = 0; run < Number(values.runs); run++) {
      const session = startStdioSession(stdioServer);
      await session.initialize();
      answeredAt.set(session.child.pid, Number(process.hrtime.bigint() / 1000n));
      await session.stop();
    }
  } else if (measurement === "tool-calls") {
    const caller = await toolCaller(stdioServer, emulator);
    for (let index = 0; index < calls; index++) await caller.call();
    await caller.close();
  } else {
    const httpServer =
      values.server === "bare"
        ? { ...own.bareHttp, nodeOptions: PROFILED }
        : { ...stdioServer, args: ["http", "--port", "0", ...(values.sessions ? [] : ["--stateless"])] };
    const started = await startHttpServer(httpServer, values.server === "bare" ? undefined : "/readyz");
    const dispatcher = new Agent();
    const clients = await Promise.all(
      Array.from({ length: values.sessions ? 32 : 8 }, () =>
        connectMcpClient(dispatcher, started.url, emulator),
      ),
    );
    let left = calls;
    await Promise.all(
      clients.map(async (call) => {
        while (left-- > 0) await call();
      }),
    );
    await started.stop();
    await dispatcher.close();
  }
  const files = (await readdir(profileDir)).filter((name) => !before.has(name));
  const summary = await summarizeCpuProfiles(
    files.map((file) => `${profileDir}/${file}`),
    // Profiles are named CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile.
    { top: 20, cutoff: (file) => answeredAt.get(Number(/\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(file)?.[1])) },
  );
  const rows = (entries) => entries.map(({ name, ms, share }) => [name, ms.toFixed(1), percent(share)]);
  const columns = (what) => [{ title: what }, { title: "ms", right: true }, { title: "share", right: true }];
  process.stdout.write(
    [
      measurement === "cold-start"
        ? `### CPU profile of ${values.server} (bundle), cold start until the initialize answer: ${summary.totalMs} ms sampled per start (${summary.runs} starts; the profiler starts after Node's own bootstrap)`
        : `### CPU profile of ${values.server} (bundle), ${measurement}${values.sessions ? " with sessions" : ""}, ${calls} calls: ${summary.totalMs} ms sampled`,
      `${files.length === 1 ? `${profileDir}/${files[0]}` : `${files.length} profiles in ${profileDir}/`}`,
      "",
      "Self time by package:",
      "",
      formatTable(columns("package"), rows(summary.byOwner.slice(0, 12))),
      "",
      "Total time (the function and what it calls), our code and packages:",
      "",
      formatTable(columns("function"), rows(summary.byFunctionTotal)),
      "",
      "Self time by function:",
      "",
      formatTable(columns("function"), rows(summary.byFunction)),
      "",
    ].join("\n"),
  );
} finally {
  await stopAll();
  await emulator.close();
}
