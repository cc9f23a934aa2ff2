import { MESSAGE_SERVER_FIELDS, MessageCreate, MessagePatch } from "../../contract/schemas.js";
import { parseListQuery } from "../paging.js";
import { createMessage, getMessage, listMessages, updateMessage } from "../records/messages.js";
import { type RefusedFields, validate } from "../validation.js";
import { ifMatchVersion, listAnswer, pathId, resourceAnswer, type TenantHandler } from "./context.js";

const SERVER_FIELDS: RefusedFields = Object.fromEntries(
  MESSAGE_SERVER_FIELDS.map((field) => [
    field,
    "is set by the API (method=Email, occurredAt=now, ssnPm=true); do not send it",
  ]),
);
const PATCH_REFUSED_FIELDS: RefusedFields = {
  ...SERVER_FIELDS,
  siteVisitId: "cannot be changed; a message stays on its site visit",
};

export const messageHandlers = {
  list(ctx) {
    const request = parseListQuery("messages", ctx.query, { siteVisitId: "required" });
    return listAnswer(listMessages(ctx.tenant, request.filters.siteVisitId), request);
  },
  create(ctx) {
    const input = validate(MessageCreate, ctx.body, SERVER_FIELDS);
    return resourceAnswer(createMessage(ctx.tenant, input, ctx.now), 201);
  },
  get(ctx) {
    return resourceAnswer(getMessage(ctx.tenant, pathId(ctx)));
  },
  patch(ctx) {
    const changes = validate(MessagePatch, ctx.body, PATCH_REFUSED_FIELDS);
    return resourceAnswer(
      updateMessage(ctx.tenant, pathId(ctx), changes, ifMatchVersion(ctx.headers), ctx.now),
    );
  },
} satisfies Record<string, TenantHandler>;
