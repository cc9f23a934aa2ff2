// Reads a V8 .cpuprofile (node --cpu-prof) into where a process spent its time: self time per package
// and per function, and total time (the function and what it calls) per function. Frames in a file
// esbuild bundled are traced back to their module through the `// node_modules/…` and `// src/…`
// comments esbuild writes before each module's code.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { round } from "./stats.mjs";

/** A package in node_modules, a folder of ssn-mcp's own code, or the path itself. */
export function codeOwner(path) {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return inModules[1];
  const own = /(?:^|\/)(src|dist)\/([^/]+)/.exec(path);
  return own ? `ssn-mcp ${own[1]}/${own[2]}` : path;
}

/** For a bundle, line (0-based) → the module path whose code it is; otherwise undefined. */
async function bundleModules(url) {
  if (!url.startsWith("file://")) return undefined;
  const lines = (await readFile(fileURLToPath(url), "utf8")).split("\n");
  const starts = [];
  lines.forEach((line, index) => {
    const module = /^\/\/ ((?:node_modules|src|bench)\/\S+)$/.exec(line)?.[1];
    if (module) starts.push([index, module]);
  });
  if (starts.length === 0) return undefined;
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle][0] <= line) low = middle;
      else high = middle - 1;
    }
    return starts[low][0] <= line ? starts[low][1] : "(bundle preamble)";
  };
}

/**
 * One profile, or several of the same work added up and divided by their number (ms per run).
 * `cutoff(file)` may give a time (µs on the monotonic clock, as `process.hrtime` and the profiles
 * use) after which that profile's samples are left out.
 */
export async function summarizeCpuProfiles(files, { top = 15, cutoff = () => undefined } = {}) {
  const profiles = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, "utf8"))));
  const modulesOf = new Map();
  for (const { callFrame } of profiles.flatMap((profile) => profile.nodes)) {
    if (callFrame.url && !modulesOf.has(callFrame.url))
      modulesOf.set(callFrame.url, await bundleModules(callFrame.url));
  }
  /** [function key, owner] of a frame; (idle), (garbage collector), (program) have no source. */
  const describe = ({ functionName, url, lineNumber }) => {
    const name = functionName || "(anonymous)";
    if (!url) return [name, name];
    if (url.startsWith("node:")) return [`${name} ${url}`, "node (built-in modules)"];
    const path = modulesOf.get(url)?.(lineNumber) ?? url.replace(/^.*\/(?=(node_modules|dist|src)\/)/, "");
    // esbuild names a bundled module's top-level code after the module's path.
    if (name === path) return [`${path} (top level)`, codeOwner(path)];
    return [`${name} ${path}${modulesOf.get(url) ? "" : `:${lineNumber + 1}`}`, codeOwner(path)];
  };
  const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros);
  const byOwner = new Map();
  const byFunction = new Map();
  const total = new Map();
  let totalMicros = 0;
  profiles.forEach((profile, profileIndex) => {
    const until = cutoff(files[profileIndex]) ?? Number.POSITIVE_INFINITY;
    let sampledAt = profile.startTime;
    const described = new Map(profile.nodes.map((node) => [node.id, describe(node.callFrame)]));
    const parents = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    profile.samples.forEach((id, index) => {
      const micros = profile.timeDeltas[index] ?? 0;
      sampledAt += micros;
      if (sampledAt > until) return;
      const [key, owner] = described.get(id);
      add(byOwner, owner, micros);
      add(byFunction, key, micros);
      const onStack = new Set();
      for (let node = id; node !== undefined; node = parents.get(node)) onStack.add(described.get(node)[0]);
      for (const stacked of onStack) add(total, stacked, micros);
      totalMicros += micros;
    });
  });
  // Total time only for code that can be changed: ours and the packages', not Node's own frames.
  const changeable = new Map([...total].filter(([key]) => / (node_modules|src|dist|bench)\//.test(key)));
  const ranked = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: round(micros / 1000 / profiles.length, 1),
        share: micros / totalMicros,
      }));
  return {
    runs: profiles.length,
    totalMs: round(totalMicros / 1000 / profiles.length, 1),
    byOwner: ranked(byOwner),
    byFunction: ranked(byFunction),
    byFunctionTotal: ranked(changeable),
  };
}
