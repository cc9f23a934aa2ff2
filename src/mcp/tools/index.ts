import type { ToolDefinition } from "../tool.js";
import { addMessage } from "./add-message.js";
import { assignAssets } from "./assign-assets.js";
import { createSite } from "./create-site.js";
import { createSiteVisit } from "./create-site-visit.js";
import { findVisitByTicket } from "./find-visit-by-ticket.js";
import { getSiteVisit } from "./get-site-visit.js";
import { listItems } from "./list-items.js";
import { listProjects } from "./list-projects.js";
import { ssnStatus } from "./ssn-status.js";

/** Every tool ssn-mcp offers, in the order clients list them. */
export const TOOLS: readonly ToolDefinition[] = [
  ssnStatus,
  listProjects,
  listItems,
  createSite,
  createSiteVisit,
  getSiteVisit,
  findVisitByTicket,
  assignAssets,
  addMessage,
];
