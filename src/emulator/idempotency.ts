import { createHash } from "node:crypto";
import type { HttpAnswer } from "./http.js";

/** How long a key is remembered per client [contract: 24 h]. */
const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export { IDEMPOTENCY_KEY_PATTERN } from "../contract/idempotency.js";

export type IdempotencyClaim =
  | { outcome: "first"; complete(answer: HttpAnswer): void; abandon(): void }
  | { outcome: "replay"; answer: HttpAnswer }
  | { outcome: "in_progress" }
  | { outcome: "reused" };

interface Entry {
  fingerprint: string;
  expiresAt: number;
  /** Absent while the first request is still being handled. */
  answer?: HttpAnswer;
}

/**
 * Idempotency-Key handling after the IETF draft, per client. The caller stores the final answer of
 * the first request with `complete` — our choice: answers below 500, so 2xx and deterministic 4xx
 * replay — and calls `abandon` for 5xx and injected faults, so a retry runs again and can succeed.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  claim(clientId: string, key: string, fingerprint: string): IdempotencyClaim {
    this.dropExpired();
    const id = JSON.stringify([clientId, key]);
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { outcome: "reused" };
      return existing.answer ? { outcome: "replay", answer: existing.answer } : { outcome: "in_progress" };
    }
    const entry: Entry = { fingerprint, expiresAt: this.now() + KEY_LIFETIME_MS };
    this.entries.set(id, entry);
    return {
      outcome: "first",
      complete: (answer) => {
        entry.answer = structuredClone(answer);
      },
      abandon: () => {
        if (this.entries.get(id) === entry) this.entries.delete(id);
      },
    };
  }

  clear(): void {
    this.entries.clear();
  }

  private dropExpired(): void {
    for (const [id, entry] of this.entries) if (entry.expiresAt <= this.now()) this.entries.delete(id);
  }
}

/** Same method, path and JSON body (key order aside) → same fingerprint. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
