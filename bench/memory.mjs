// Memory: the resident set (VmRSS in /proc/<pid>/status) of ssn-mcp and the bare server over stdio,
// idle after `initialize` and after many calls, and each one's live heap after a full collection.
// RSS after a busy spell includes the headroom V8 keeps (its heap grows under load and does not
// shrink at once), so a leak shows in the live heap: flat from the first calls on means none.
// Both servers run side by side and take their calls in alternating batches.
import { fileURLToPath } from "node:url";
import { residentKib } from "./lib/processes.mjs";
import { median, round } from "./lib/stats.mjs";
import { formatTable, mib, percent, times } from "./lib/table.mjs";
import { toolCaller } from "./tool-call-overhead.mjs";

const BATCH = 500;
const HEAP_PROBE = fileURLToPath(new URL("./lib/heap-probe.mjs", import.meta.url));

/** A tool caller whose server answers SIGUSR2 with its live heap (lib/heap-probe.mjs). */
async function watchedCaller(server, emulator) {
  let stderr = "";
  const waiting = [];
  const caller = await toolCaller(
    { ...server, nodeOptions: ["--expose-gc", "--import", HEAP_PROBE] },
    emulator,
    {
      onStderr(chunk) {
        stderr += chunk;
        const lines = stderr.split("\n");
        stderr = lines.pop();
        for (const line of lines) {
          if (line.startsWith("bench-heap ")) waiting.shift()?.(JSON.parse(line.slice(11)).heapUsed / 1024);
        }
      },
    },
  );
  return {
    ...caller,
    /** RSS first (the collection changes it), then the live heap after a full collection, in KiB. */
    async read() {
      const rss = await residentKib(caller.pid);
      const heap = new Promise((resolve) => waiting.push(resolve));
      process.kill(caller.pid, "SIGUSR2");
      return { rss, heap: await heap };
    },
  };
}

/** `inFlight` calls at a time until `calls` are done. */
async function callMany(caller, calls, inFlight) {
  let left = calls;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left > 0) {
        left--;
        await caller.call();
      }
    }),
  );
}

/** `servers[0]` is the reference; `warmCalls` ≤ `calls`. */
export async function measureMemory(
  servers,
  emulator,
  { calls, warmCalls, rounds, inFlight, settleMs, progress = () => {} },
) {
  const readings = servers.map(() => []);
  for (let roundIndex = 0; roundIndex < rounds; roundIndex++) {
    const callers = [];
    try {
      for (const server of servers) callers.push(await watchedCaller(server, emulator));
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const readAll = () => Promise.all(callers.map((caller) => caller.read()));
      const idle = await readAll();
      let warm;
      for (let done = 0; done < calls; ) {
        const batch = Math.min(BATCH, warmCalls, calls - done);
        for (const caller of callers) await callMany(caller, batch, inFlight);
        done += batch;
        if (warm === undefined && done >= warmCalls) warm = await readAll();
        progress(`memory: round ${roundIndex + 1} of ${rounds}, ${done} of ${calls} calls each`);
      }
      const final = await readAll();
      callers.forEach((_, index) => {
        readings[index].push({ idle: idle[index], warm: warm[index], final: final[index] });
      });
    } finally {
      await Promise.all(callers.map((caller) => caller.close()));
    }
  }
  const figures = readings.map((rows) => {
    const of = (pick) => median(rows.map(pick));
    return {
      idleKib: of((row) => row.idle.rss),
      finalKib: of((row) => row.final.rss),
      growth: of((row) => row.final.rss / row.idle.rss - 1),
      heapIdleKib: of((row) => row.idle.heap),
      heapWarmKib: of((row) => row.warm.heap),
      heapFinalKib: of((row) => row.final.heap),
      heapGrowthAfterWarm: of((row) => row.final.heap / row.warm.heap - 1),
    };
  });
  return {
    calls,
    warmCalls,
    rounds,
    inFlight,
    reference: servers[0].name,
    servers: servers.map((server, index) => ({
      name: server.name,
      ...figures[index],
      heapIdleKib: round(figures[index].heapIdleKib, 0),
      heapWarmKib: round(figures[index].heapWarmKib, 0),
      heapFinalKib: round(figures[index].heapFinalKib, 0),
      growth: round(figures[index].growth, 4),
      heapGrowthAfterWarm: round(figures[index].heapGrowthAfterWarm, 4),
      idleRatio: round(figures[index].idleKib / figures[0].idleKib),
    })),
  };
}

export function formatMemory({ calls, warmCalls, rounds, inFlight, reference, servers }) {
  const n = (value) => value.toLocaleString("en-US");
  return [
    `### Memory over stdio: RSS idle after initialize and after ${n(calls)} get_site_visit calls (${inFlight} in flight), and the live heap after a full GC (median of ${rounds} fresh pairs)`,
    "",
    formatTable(
      [
        { title: "server" },
        { title: "idle RSS MiB", right: true },
        { title: `× ${reference}`, right: true },
        { title: `RSS after ${n(calls)}`, right: true },
        { title: "RSS growth", right: true },
        { title: "live heap idle", right: true },
        { title: `after ${n(warmCalls)}`, right: true },
        { title: `after ${n(calls)}`, right: true },
        { title: `heap growth after ${n(warmCalls)}`, right: true },
      ],
      servers.map((s) => [
        s.name,
        mib(s.idleKib),
        times(s.idleRatio),
        mib(s.finalKib),
        percent(s.growth),
        mib(s.heapIdleKib),
        mib(s.heapWarmKib),
        mib(s.heapFinalKib),
        percent(s.heapGrowthAfterWarm),
      ]),
    ),
  ].join("\n");
}
