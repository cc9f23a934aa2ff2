import { newId } from "../../contract/ids.js";
import type { MessageCreate, MessagePatch } from "../../contract/schemas.js";
import { notFound } from "../api-error.js";
import type { MessageRecord, Tenant } from "../state.js";
import { checkVersion, firstVersion, nextVersion } from "./audit.js";

/** Values the API sets on every message itself [guide]; `occurredAt` is the time of creation. */
const SERVER_SET = { method: "Email", ssnPm: true } as const;

export function getMessage(tenant: Tenant, id: string): MessageRecord {
  const message = tenant.messages.get(id);
  if (!message) throw notFound("message", id);
  return message;
}

export function listMessages(tenant: Tenant, siteVisitId: string): MessageRecord[] {
  return [...tenant.messages.values()].filter((message) => message.siteVisitId === siteVisitId);
}

export function createMessage(tenant: Tenant, input: MessageCreate, now: string): MessageRecord {
  if (!tenant.siteVisits.has(input.siteVisitId))
    throw notFound("site visit", input.siteVisitId, "siteVisitId");
  const message: MessageRecord = {
    id: newId("message"),
    siteVisitId: input.siteVisitId,
    type: input.type ?? null,
    messageThread: input.messageThread,
    status: input.status ?? null,
    urgency: input.urgency ?? null,
    buyer: input.buyer ?? false,
    clientContacts: input.clientContacts ?? false,
    method: SERVER_SET.method,
    occurredAt: now,
    ssnPm: SERVER_SET.ssnPm,
    attachments: [],
    ...firstVersion(now),
  };
  tenant.messages.set(message.id, message);
  return message;
}

export function updateMessage(
  tenant: Tenant,
  id: string,
  changes: MessagePatch,
  expectedVersion: number | undefined,
  now: string,
): MessageRecord {
  const message = getMessage(tenant, id);
  checkVersion(message, expectedVersion, "message");
  const updated = nextVersion(message, changes, now);
  tenant.messages.set(id, updated);
  return updated;
}
