import type { SiteVisit } from "../contract/schemas.js";
import type { Runtime } from "./runtime.js";

/** How many suggestions a completion returns at most (the protocol's own cap is 100). */
const MAX_SUGGESTIONS = 25;

/** Suggestions from what the credential can see, matched by prefix, case-insensitively. */
function matching(values: (string | null | undefined)[], typed: string): string[] {
  const prefix = typed.toLowerCase();
  const unique = [...new Set(values.filter((v): v is string => typeof v === "string"))];
  return unique.filter((value) => value.toLowerCase().startsWith(prefix)).slice(0, MAX_SUGGESTIONS);
}

/** A completion must never fail the client's request: no scope or no answer means no suggestions. */
async function safely(lookup: () => Promise<string[]>): Promise<string[]> {
  try {
    return await lookup();
  } catch {
    return [];
  }
}

/** A completion answers while the person types: a slow API means no suggestions, not a wait. */
const COMPLETION_TIMEOUT_MS = 3_000;

export function completeSiteCode(runtime: Runtime, typed: string): Promise<string[]> {
  return safely(async () => {
    const page = await runtime
      .clientWith("sites:read")
      .listSites({ pageSize: 100 }, { signal: AbortSignal.timeout(COMPLETION_TIMEOUT_MS) });
    return matching(
      page.items.map((site) => site.siteCode),
      typed,
    );
  });
}

/** Suggestions from one field of the visits the credential can see. */
function completeFromVisits(
  runtime: Runtime,
  typed: string,
  field: (visit: SiteVisit) => string | null | undefined,
): Promise<string[]> {
  return safely(async () => {
    const page = await runtime
      .clientWith("site-visits:read")
      .listSiteVisits({ pageSize: 100 }, { signal: AbortSignal.timeout(COMPLETION_TIMEOUT_MS) });
    return matching(page.items.map(field), typed);
  });
}

export function completeSiteVisitId(runtime: Runtime, typed: string): Promise<string[]> {
  return completeFromVisits(runtime, typed, (visit) => visit.id);
}

export function completeTicketNumber(runtime: Runtime, typed: string): Promise<string[]> {
  return completeFromVisits(runtime, typed, (visit) => visit.clientTicketNumber);
}
