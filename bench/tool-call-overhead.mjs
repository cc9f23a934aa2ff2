// Tool-call overhead: `get_site_visit` through the SDK's Client over stdio against the same GET sent
// straight to the emulator with undici. One call of each contender in turn, the order rotating, so
// drift hits all alike. The bare server shows how much of the overhead the SDK itself takes.
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { connectSdkClient, startStdioSession } from "./lib/processes.mjs";
import { round, summarize } from "./lib/stats.mjs";
import { formatTable, ms } from "./lib/table.mjs";

/** A contender is a name and one call; each call throws unless it got the site visit. */
function directGet(emulator) {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const headers = { authorization: `Bearer ${emulator.accessToken}` };
  return {
    name: "direct GET (undici)",
    async call() {
      const { statusCode, body } = await request(emulator.siteVisitUrl, { dispatcher: agent, headers });
      const visit = await body.json();
      if (statusCode !== 200 || visit.data.id !== emulator.siteVisitId) {
        throw new Error(`direct GET answered ${statusCode}`);
      }
    },
    close: () => agent.close(),
  };
}

export async function toolCaller(server, emulator, options) {
  const { client, pid, close } = await connectSdkClient(server, options);
  const params = { name: "get_site_visit", arguments: { siteVisitId: emulator.siteVisitId } };
  return {
    name: server.name,
    pid,
    async call() {
      const result = await client.callTool(params);
      if (result.isError || !result.content[0].text.includes(emulator.siteVisitId)) {
        throw new Error(`${server.name}: get_site_visit failed: ${result.content[0]?.text}`);
      }
    },
    close,
  };
}

/** The same call as raw JSON-RPC lines, without the SDK's Client: what the client itself takes. */
async function rawToolCaller(server, emulator) {
  const session = startStdioSession(server);
  await session.initialize();
  session.notifyInitialized();
  const params = { name: "get_site_visit", arguments: { siteVisitId: emulator.siteVisitId } };
  return {
    name: `${server.name}, raw JSON-RPC`,
    async call() {
      const result = await session.request("tools/call", params);
      if (result.isError)
        throw new Error(`${server.name}: get_site_visit failed: ${result.content[0]?.text}`);
    },
    close: session.stop,
  };
}

/**
 * Each of `sdkServers` is called through the SDK's Client, each of `rawServers` with raw JSON-RPC;
 * the first contender, the reference, is the direct GET.
 */
export async function measureToolCallOverhead(
  { sdkServers, rawServers = [] },
  emulator,
  { calls, warmUp, progress = () => {} },
) {
  const contenders = [directGet(emulator)];
  try {
    for (const server of sdkServers) contenders.push(await toolCaller(server, emulator));
    for (const server of rawServers) contenders.push(await rawToolCaller(server, emulator));
    const samples = contenders.map(() => []);
    for (let index = 0; index < warmUp + calls; index++) {
      for (let offset = 0; offset < contenders.length; offset++) {
        const which = (index + offset) % contenders.length;
        const started = performance.now();
        await contenders[which].call();
        if (index >= warmUp) samples[which].push(performance.now() - started);
      }
      if (index % 250 === 0) progress(`tool-call overhead: ${index} of ${warmUp + calls} calls each`);
    }
    const [direct] = samples.map((values) => summarize(values));
    return {
      calls,
      warmUp,
      reference: contenders[0].name,
      contenders: contenders.map((contender, index) => {
        const { median, p99 } = summarize(samples[index]);
        return {
          name: contender.name,
          medianMs: round(median),
          p99Ms: round(p99),
          overheadMedianMs: round(median - direct.median),
          overheadP99Ms: round(p99 - direct.p99),
        };
      }),
    };
  } finally {
    await Promise.all(contenders.map((contender) => contender.close()));
  }
}

export function formatToolCallOverhead({ calls, warmUp, reference, contenders }) {
  return [
    `### Tool-call overhead: get_site_visit, ${calls.toLocaleString("en-US")} interleaved calls each after ${warmUp} warm-up (overhead = latency − ${reference}'s, at the same percentile)`,
    "",
    formatTable(
      [
        { title: "path" },
        { title: "p50 ms", right: true },
        { title: "p99 ms", right: true },
        { title: "overhead p50 ms", right: true },
        { title: "overhead p99 ms", right: true },
      ],
      contenders.map((c, index) => [
        c.name,
        ms(c.medianMs),
        ms(c.p99Ms),
        index === 0 ? "—" : ms(c.overheadMedianMs),
        index === 0 ? "—" : ms(c.overheadP99Ms),
      ]),
    ),
  ].join("\n");
}
