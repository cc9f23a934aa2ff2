import { z } from "zod";
import { SsnError } from "../../ssn/errors.js";
import { defineTool } from "../tool.js";

export const deleteWebhookSubscription = defineTool({
  name: "delete_webhook_subscription",
  title: "Delete a webhook subscription",
  description:
    "Deletes a webhook subscription: SSN stops sending its events. The person is asked to confirm when the client can ask; otherwise pass confirm equal to the subscription id.",
  requiredScopes: ["webhooks:write"],
  toolset: "webhooks",
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    subscriptionId: z.string().trim().min(1).max(100).describe("Id of the subscription, e.g. whsub_…"),
    confirm: z
      .string()
      .optional()
      .describe("The subscription id again, to confirm, when the client cannot ask the person itself"),
  }),
  output: z.object({ deleted: z.string().describe("Id of the deleted subscription") }),
  async run({ subscriptionId, confirm }, ctx) {
    if (confirm !== subscriptionId) {
      const answer = await ctx.confirm(
        `Delete webhook subscription ${subscriptionId}? SSN will stop sending its events.`,
      );
      if (answer === undefined) {
        throw new SsnError(
          `deleting needs confirmation and this client cannot ask; nothing was deleted. Call again with confirm: "${subscriptionId}" once the person has agreed`,
        );
      }
      if (!answer) throw new SsnError("the person did not confirm; nothing was deleted");
    }
    await ctx.ssn.deleteWebhookSubscription(subscriptionId, { signal: ctx.signal });
    return { deleted: subscriptionId };
  },
  render({ deleted }) {
    return `Deleted webhook subscription ${deleted}.`;
  },
});
