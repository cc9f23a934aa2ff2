import type { McpServer } from "@modelcontextprotocol/server";
import type { Scope } from "../contract/scopes.js";
import type { Runtime } from "./runtime.js";

/** A resource or prompt that exists on a server only while its scopes are granted, like tools. */
export interface GatedRegistration {
  name: string;
  requiredScopes: readonly Scope[];
  register(server: McpServer, runtime: Runtime): { remove(): void };
}

/**
 * Keeps each registration present exactly while the credential has its scopes. Everything is
 * registered once up front, so the SDK sets up its handlers and capabilities before connecting,
 * then removed where not granted: the SDK still lists disabled templates, so absent beats disabled.
 * Returns the function that re-applies the gate after a scope change.
 */
export function gateRegistrations(
  server: McpServer,
  runtime: Runtime,
  registrations: readonly GatedRegistration[],
): () => void {
  const present = new Map(registrations.map((entry) => [entry.name, entry.register(server, runtime)]));
  const apply = () => {
    for (const entry of registrations) {
      const granted = entry.requiredScopes.every((scope) => runtime.client?.hasScope(scope) ?? false);
      const handle = present.get(entry.name);
      if (granted && !handle) present.set(entry.name, entry.register(server, runtime));
      if (!granted && handle) {
        handle.remove();
        present.delete(entry.name);
      }
    }
  };
  apply();
  return apply;
}
