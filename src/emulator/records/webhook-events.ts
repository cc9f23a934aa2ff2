import { newId } from "../../contract/ids.js";
import {
  type TicketCreatedData,
  WEBHOOK_EVENT_RESOURCES,
  WEBHOOK_PAYLOAD_VERSION,
  type WebhookEvent,
  type WebhookEventType,
} from "../../contract/webhooks.js";
import type { SiteVisitRecord } from "../state.js";

/** An event in the guide's envelope, with its type narrowed to the ones subscriptions can name. */
export type EmulatorEvent = WebhookEvent & { type: WebhookEventType };

/** `ticket.created` for a new site visit; it occurred when the visit was created. */
export function ticketCreated(visit: SiteVisitRecord): EmulatorEvent {
  const data: TicketCreatedData = {
    id: visit.id,
    clientTicketNumber: visit.clientTicketNumber,
    clientSiteId: visit.clientSiteId,
    projectId: visit.projectId,
    itemName: visit.itemName,
    serviceType: visit.serviceType,
    startDate: visit.startDate,
    dueDate: visit.dueDate,
    status: visit.status,
  };
  return {
    id: newId("event"),
    type: "ticket.created",
    occurredAt: visit.createdAt,
    resourceType: WEBHOOK_EVENT_RESOURCES["ticket.created"],
    resourceId: visit.id,
    payloadVersion: WEBHOOK_PAYLOAD_VERSION,
    data,
  };
}
