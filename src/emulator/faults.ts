import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { API_PREFIX } from "../contract/environments.js";
import { ERROR_STATUS, type ErrorCode, HEADERS } from "../contract/errors.js";
import { ApiError } from "./api-error.js";

/** A fault rule (emulator.md "Control endpoints"): trouble injected into matching API requests. */
export const FaultRule = z
  .strictObject({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
    path: z.string().startsWith(API_PREFIX, `must start with ${API_PREFIX}: faults apply to API requests`),
    times: z.number().int().min(1).default(1),
    status: z.number().int().min(400).max(599).optional(),
    retryAfter: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    drop: z.boolean().default(false),
    afterCommit: z.boolean().default(false),
  })
  .superRefine((rule, ctx) => {
    const issue = (field: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [field], message });
    if (rule.status !== undefined && rule.drop) issue("drop", "cannot be combined with status");
    if (rule.status === undefined && !rule.drop) {
      if (rule.delayMs === undefined) issue("status", "a rule needs status, drop or delayMs");
      if (rule.afterCommit) issue("afterCommit", "needs status or drop to apply to the response");
      if (rule.retryAfter !== undefined) issue("retryAfter", "needs status");
    }
  });
export type FaultRule = z.output<typeof FaultRule>;

export const FaultRules = z.strictObject({ rules: z.array(FaultRule).min(1, "must hold at least one rule") });

export type ActiveFault = FaultRule & { remaining: number };

export class FaultStore {
  private rules: ActiveFault[] = [];
  private holds = new AbortController();

  add(rules: readonly FaultRule[]): void {
    this.rules.push(...rules.map((rule) => ({ ...rule, remaining: rule.times })));
  }

  list(): readonly ActiveFault[] {
    return this.rules;
  }

  /** Removes every rule and ends the delays of requests held by them right now. */
  clear(): void {
    this.rules = [];
    this.holds.abort();
    this.holds = new AbortController();
  }

  /** The first rule matching the request, counted as used once. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (candidate) =>
        (candidate.method === undefined || candidate.method === method) && path.startsWith(candidate.path),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule;
  }

  /** Waits `ms`, or until `clear()` releases the held requests. */
  async hold(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.holds.signal });
    } catch (error) {
      if ((error as Error).name !== "AbortError") throw error;
    }
  }
}

/** What the rule does to the answer: a contract-shaped error, a dropped connection, or nothing (delay only). */
export function faultOutcome(rule: FaultRule): ApiError | "drop" | undefined {
  if (rule.drop) return "drop";
  if (rule.status === undefined) return undefined;
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers[HEADERS.retryAfter] = String(rule.retryAfter);
  if (rule.status === 401) headers[HEADERS.wwwAuthenticate] = 'Bearer error="invalid_token"';
  const when = rule.afterCommit ? "after handling" : "instead of handling";
  return new ApiError(faultCode(rule.status), `Injected fault: status ${rule.status} ${when} the request.`, {
    status: rule.status,
    headers,
  });
}

function faultCode(status: number): ErrorCode {
  if (status === 429) return "rate_limited";
  if (status >= 500) return "internal";
  const codes = Object.keys(ERROR_STATUS) as ErrorCode[];
  return codes.find((code) => ERROR_STATUS[code] === status) ?? "bad_request";
}
