import type { ToolDefinition } from "../tool.js";
import { addMessage } from "./add-message.js";
import { assignAssets } from "./assign-assets.js";
import { attachMessageFile } from "./attach-message-file.js";
import { createSite } from "./create-site.js";
import { createSiteVisit } from "./create-site-visit.js";
import { createWebhookSubscription } from "./create-webhook-subscription.js";
import { deleteWebhookSubscription } from "./delete-webhook-subscription.js";
import { findVisitByTicket } from "./find-visit-by-ticket.js";
import { getMessage } from "./get-message.js";
import { getSite } from "./get-site.js";
import { getSiteVisit } from "./get-site-visit.js";
import { listItems } from "./list-items.js";
import { listMessages } from "./list-messages.js";
import { listProjects } from "./list-projects.js";
import { listSiteVisits } from "./list-site-visits.js";
import { listSites } from "./list-sites.js";
import { listWebhookSubscriptions } from "./list-webhook-subscriptions.js";
import { ssnStatus } from "./ssn-status.js";
import { updateMessage } from "./update-message.js";
import { updateSite } from "./update-site.js";
import { updateSiteVisit } from "./update-site-visit.js";
import { uploadReturnLabel } from "./upload-return-label.js";

/** Every tool ssn-mcp offers, in the order clients list them. */
export const TOOLS: readonly ToolDefinition[] = [
  ssnStatus,
  listProjects,
  listItems,
  listSites,
  getSite,
  createSite,
  updateSite,
  listSiteVisits,
  createSiteVisit,
  getSiteVisit,
  findVisitByTicket,
  updateSiteVisit,
  assignAssets,
  listMessages,
  getMessage,
  addMessage,
  updateMessage,
  uploadReturnLabel,
  attachMessageFile,
  listWebhookSubscriptions,
  createWebhookSubscription,
  deleteWebhookSubscription,
];
