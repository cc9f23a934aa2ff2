import { z } from "zod";
import { CreatedWebhookSubscription, WebhookSubscriptionCreate } from "../../contract/webhooks.js";
import { replayNote } from "../render.js";
import { defineTool } from "../tool.js";
import { alreadyExistedField, idempotencyKeyField } from "./shared-fields.js";

export const createWebhookSubscription = defineTool({
  name: "create_webhook_subscription",
  title: "Create a webhook subscription",
  description:
    "Subscribes an https URL to SSN events (ticket.created: a site visit was created). The answer holds the signing secret (whsec_…) the receiver verifies deliveries with; it is shown only this once.",
  requiredScopes: ["webhooks:write"],
  toolset: "webhooks",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({ ...WebhookSubscriptionCreate.shape, idempotencyKey: idempotencyKeyField }),
  output: z.object({
    subscription: CreatedWebhookSubscription.describe("The subscription, with its secret: store it now"),
    alreadyExisted: alreadyExistedField,
  }),
  async run({ idempotencyKey, ...subscription }, ctx) {
    const written = await ctx.ssn.createWebhookSubscription(subscription, {
      idempotencyKey,
      signal: ctx.signal,
    });
    return { subscription: written.record, alreadyExisted: written.replayed };
  },
  render({ subscription, alreadyExisted }) {
    return (
      [
        `Subscribed ${subscription.url} to ${subscription.events.join(", ")} (${subscription.id}).`,
        `Signing secret — SECRET, shown only this once; give it to the receiver and do not repeat it: ${subscription.secret}`,
      ].join("\n") + replayNote(alreadyExisted)
    );
  },
  settleWith: "call list_webhook_subscriptions and look for the URL",
});
