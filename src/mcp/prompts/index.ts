import type { GatedRegistration } from "../gated-registration.js";
import { dispatchSiteVisitPrompt } from "./dispatch-site-visit.js";
import { ticketSummaryPrompt } from "./ticket-summary.js";

/** Every prompt ssn-mcp offers, each present only while the scopes it works with are granted. */
export const PROMPTS: readonly GatedRegistration[] = [dispatchSiteVisitPrompt, ticketSummaryPrompt];
