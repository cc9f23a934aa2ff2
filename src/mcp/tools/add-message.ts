import { z } from "zod";
import { Message, messageCreateShape } from "../../contract/schemas.js";
import { renderMessage, replayNote } from "../render.js";
import { defineTool } from "../tool.js";
import { alreadyExistedField, idempotencyKeyField, siteVisitIdField } from "./shared-fields.js";

export const addMessage = defineTool({
  name: "add_message",
  title: "Add a message to a site visit",
  description:
    "Adds a message (note) to a site visit. SSN sets method=Email, occurredAt=now and ssnPm=true itself; do not send them.",
  requiredScopes: ["messages:write"],
  toolset: "messages",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    ...messageCreateShape,
    siteVisitId: siteVisitIdField,
    idempotencyKey: idempotencyKeyField,
  }),
  output: z.object({ message: Message.describe("The message"), alreadyExisted: alreadyExistedField }),
  async run({ idempotencyKey, ...message }, ctx) {
    const written = await ctx.ssn.createMessage(message, { idempotencyKey, signal: ctx.signal });
    return { message: written.record, alreadyExisted: written.replayed };
  },
  render({ message, alreadyExisted }) {
    return `Added message.\n${renderMessage(message)}${replayNote(alreadyExisted)}`;
  },
});
