import { randomBytes } from "node:crypto";
import type { Scope } from "../contract/scopes.js";

export interface IssuedToken {
  clientId: string;
  scopes: readonly Scope[];
  expiresAt: number;
}

/**
 * Access tokens: opaque random strings, known only to the emulator instance that issued them, so a
 * token from another instance (environment) is as unknown as a made-up one [guide].
 */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly now: () => number) {}

  issue(clientId: string, scopes: readonly Scope[], ttlSeconds: number): string {
    this.dropExpired();
    const token = randomBytes(32).toString("base64url");
    this.tokens.set(token, { clientId, scopes, expiresAt: this.now() + ttlSeconds * 1000 });
    return token;
  }

  /** The token's grant, or undefined when it is unknown or expired. */
  find(token: string): IssuedToken | undefined {
    const issued = this.tokens.get(token);
    return issued && issued.expiresAt > this.now() ? issued : undefined;
  }

  clear(): void {
    this.tokens.clear();
  }

  private dropExpired(): void {
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= this.now()) this.tokens.delete(token);
  }
}
