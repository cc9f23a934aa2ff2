import { z } from "zod";
import { WebhookSubscription } from "../../contract/webhooks.js";
import { renderPage } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { nextCursorField, pagingShape } from "./shared-fields.js";

export const listWebhookSubscriptions = defineTool({
  name: "list_webhook_subscriptions",
  title: "List webhook subscriptions",
  description:
    "Lists the webhook subscriptions of your account: where SSN sends events. Secrets are never shown again.",
  requiredScopes: ["webhooks:read"],
  toolset: "webhooks",
  annotations: READ_ONLY,
  input: z.strictObject(pagingShape),
  output: z.object({
    subscriptions: z.array(WebhookSubscription).describe("Subscriptions"),
    nextCursor: nextCursorField,
  }),
  async run(input, ctx) {
    const page = await ctx.ssn.listWebhookSubscriptions(input, { signal: ctx.signal });
    return { subscriptions: page.items, nextCursor: page.nextCursor };
  },
  render({ subscriptions, nextCursor }) {
    const line = (s: (typeof subscriptions)[number]) => `${s.id}: ${s.events.join(", ")} → ${s.url}`;
    return renderPage(subscriptions, line, "No webhook subscriptions.", nextCursor);
  },
});
