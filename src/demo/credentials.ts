import { DEMO_SEED } from "../emulator/demo-seed.js";

export type DemoClientId = (typeof DEMO_SEED.clients)[number]["clientId"];

/** A credential of the emulator's built-in demo seed (public test values). */
export function demoCredential(clientId: DemoClientId): { clientId: string; clientSecret: string } {
  const client = DEMO_SEED.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw new Error(`the demo seed has no client ${clientId}`);
  return { clientId: client.clientId, clientSecret: client.clientSecret };
}
