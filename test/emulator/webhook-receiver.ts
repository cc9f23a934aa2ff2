import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect } from "vitest";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one delivery: with a status, or never (it holds the request open). */
export type Answer = number | "hold";

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves once `count` deliveries have arrived: tests wait for events, never for time. */
  arrivals(count: number): Promise<Received[]>;
  /** Resolves when a held request's connection is closed by the sender. */
  abandoned: Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

/** A real HTTP receiver on 127.0.0.1; it answers deliveries with `answers` in order, then 204. */
export async function startReceiver(answers: Answer[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  let markAbandoned = () => {};
  const abandoned = new Promise<void>((resolve) => {
    markAbandoned = resolve;
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers.shift() ?? 204;
      if (answer === "hold") res.once("close", markAbandoned);
      else res.writeHead(answer).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    abandoned,
    arrivals(count) {
      return new Promise((resolve) => {
        const check = () => {
          if (received.length >= count) resolve(received.slice(0, count));
          else waiters.push(check);
        };
        check();
      });
    },
  };
}

/** A loopback URL where nothing listens: a port that was free a moment ago. */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hooks`;
}

/**
 * Checks the Standard Webhooks signature the way a receiver would, independently of the emulator's
 * code: `v1,` + base64 HMAC-SHA256 over `<id>.<timestamp>.<body>`, keyed with the secret's bytes.
 */
export function expectSignedWith(delivery: Received, secret: string): void {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const id = delivery.headers["webhook-id"];
  const timestamp = delivery.headers["webhook-timestamp"];
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${delivery.body}`).digest("base64");
  expect(delivery.headers["webhook-signature"]).toBe(`v1,${mac}`);
}
