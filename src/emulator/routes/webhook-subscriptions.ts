import { WebhookSubscriptionCreate } from "../../contract/webhooks.js";
import { parseListQuery } from "../paging.js";
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookSubscriptions,
  renderWebhookSubscription,
} from "../records/webhook-subscriptions.js";
import { validate } from "../validation.js";
import { listAnswer, pathId, resourceAnswer, type TenantHandler } from "./context.js";

export const webhookSubscriptionHandlers = {
  list(ctx) {
    const request = parseListQuery("webhook-subscriptions", ctx.query, {});
    return listAnswer(listWebhookSubscriptions(ctx.tenant).map(renderWebhookSubscription), request);
  },
  create(ctx) {
    const input = validate(WebhookSubscriptionCreate, ctx.body);
    const environment = ctx.emulator.config.environment;
    // The only answer that shows the secret (an idempotent replay repeats this same answer).
    return resourceAnswer(createWebhookSubscription(ctx.tenant, input, environment, ctx.now), 201);
  },
  remove(ctx) {
    deleteWebhookSubscription(ctx.tenant, pathId(ctx));
    return { status: 204 };
  },
} satisfies Record<string, TenantHandler>;
