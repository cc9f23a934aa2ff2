// The goals of the benchmark issue, checked against one run's figures.
import { formatTable, ms, percent, times } from "./table.mjs";

const SSN_MCP = "ssn-mcp (bundle)";

export function checkGoals({ coldStart, toolCallOverhead, httpThroughput, memory, contextCost }) {
  const goals = [];
  const goal = (name, measured, met) => goals.push({ goal: name, measured, met });

  const starts = Object.fromEntries(coldStart.servers.map((server) => [server.name, server]));
  const ours = starts[SSN_MCP];
  goal(
    "cold start ≤ 1.15× the bare server",
    `${times(ours.ratio)} (${ms(ours.medianMs)} vs ${ms(starts[coldStart.reference].medianMs)} ms)`,
    ours.ratio <= 1.15,
  );
  const peers = coldStart.servers.filter((server) => server.package);
  const fasterPeers = peers.filter((peer) => peer.medianMs <= ours.medianMs);
  goal(
    "cold start faster than every peer",
    peers.length === 0
      ? "no peers measured"
      : fasterPeers.length === 0
        ? `faster than all ${peers.length}`
        : `slower than or equal to ${fasterPeers.map((peer) => `${peer.name} (${ms(peer.medianMs)} ms)`).join(", ")}`,
    peers.length === 0 ? null : fasterPeers.length === 0,
  );

  const call = toolCallOverhead.contenders.find((contender) => contender.name === SSN_MCP);
  goal("tool-call overhead p50 ≤ 0.5 ms", `${ms(call.overheadMedianMs)} ms`, call.overheadMedianMs <= 0.5);
  goal("tool-call overhead p99 ≤ 2 ms", `${ms(call.overheadP99Ms)} ms`, call.overheadP99Ms <= 2);

  const most = Math.max(...httpThroughput.results.map((result) => result.concurrency));
  const stateless = httpThroughput.results.find(
    (result) => result.concurrency === most && result.contender === "ssn-mcp http --stateless",
  );
  goal(
    `HTTP stateless at ${most} ≥ 60% of direct`,
    `${percent(stateless.ofDirect)} (${stateless.callsPerSecond} calls/s)`,
    stateless.ofDirect >= 0.6,
  );

  const rss = memory.servers.find((server) => server.name === SSN_MCP);
  goal("idle RSS ≤ 1.2× the bare server", times(rss.idleRatio), rss.idleRatio <= 1.2);
  goal(
    `RSS growth over ${memory.calls.toLocaleString("en-US")} calls < 10%`,
    `${percent(rss.growth)} (live heap after GC: ${percent(rss.heapGrowthAfterWarm)} after the first ${memory.warmCalls.toLocaleString("en-US")})`,
    rss.growth < 0.1,
  );

  const [ssn, ...others] = contextCost.servers;
  const lowest = (key) => others.every((server) => ssn[key] < server[key]);
  const cheaper = (key) =>
    others
      .filter((server) => server[key] <= ssn[key])
      .map((server) => server.name)
      .join(", ");
  for (const [key, label] of [
    ["tokensPerTool", "whole tools/list"],
    ["modelFacingPerTool", "model-facing part"],
  ]) {
    goal(
      `lowest tokens per tool (${label}), every property described`,
      `${Math.round(ssn[key])} per tool; ${ssn.undescribed} of ${ssn.properties} properties undescribed` +
        (others.length === 0 ? "; no peers measured" : lowest(key) ? "" : `; lower: ${cheaper(key)}`),
      others.length === 0 ? null : lowest(key) && ssn.undescribed === 0,
    );
  }
  return goals;
}

export function formatGoals(goals) {
  return [
    "### Goals",
    "",
    formatTable(
      [{ title: "goal" }, { title: "measured" }, { title: "met" }],
      goals.map(({ goal, measured, met }) => [goal, measured, met === null ? "n/a" : met ? "yes" : "**no**"]),
    ),
  ].join("\n");
}
