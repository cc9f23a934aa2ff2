// Preloaded into the servers the memory measurement watches (node --expose-gc --import <this>): on
// SIGUSR2 it collects all garbage and writes the live heap to stderr, so that a leak shows apart
// from the headroom V8 keeps after a busy spell (which RSS includes).
process.on("SIGUSR2", () => {
  globalThis.gc();
  process.stderr.write(`bench-heap ${JSON.stringify(process.memoryUsage())}\n`);
});
