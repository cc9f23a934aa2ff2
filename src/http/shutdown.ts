import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The calls a shutdown waits for: every `/mcp` request except the long-lived streams that only
 * carry notifications (a 2025-era session's GET stream, a 2026-era `subscriptions/listen`), which
 * never end by themselves and are closed once the calls are done.
 */
export class InFlightCalls {
  private count = 0;
  private readonly idleWaiters = new Set<() => void>();

  static isCall(req: IncomingMessage): boolean {
    return req.method !== "GET" && req.headers["mcp-method"] !== "subscriptions/listen";
  }

  track(res: ServerResponse): void {
    this.count += 1;
    res.once("close", () => {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.idleWaiters) wake();
    });
  }

  /** Resolves true once no call is in flight, or false when `boundMs` passed first. */
  async settle(boundMs: number): Promise<boolean> {
    if (this.count === 0) return true;
    let wake = () => {};
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      new Promise<true>((resolve) => {
        wake = () => resolve(true);
        this.idleWaiters.add(wake);
      }),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), boundMs);
      }),
    ]);
    this.idleWaiters.delete(wake);
    clearTimeout(timer);
    return settled;
  }

  get size(): number {
    return this.count;
  }
}

/** Runs `shutdown` once, on the first SIGTERM or SIGINT. */
export function onTerminationSignal(shutdown: (signal: NodeJS.Signals) => Promise<void>): void {
  let started = false;
  const handle = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    void shutdown(signal);
  };
  process.once("SIGTERM", handle);
  process.once("SIGINT", handle);
}
