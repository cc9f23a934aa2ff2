import { describe, expect, it } from "vitest";
import { CreatedWebhookSubscription, WebhookEvent } from "../../src/contract/webhooks.js";
import {
  type ApiCaller,
  callerFor,
  control,
  createGuideSite,
  createGuideVisit,
  detailsByField,
  GUIDE_VISIT,
  type Json,
  START_TIME,
  siteWithCode,
  startTestEmulator,
  waitForDeliveries,
} from "./helpers.js";
import { expectSignedWith, startReceiver, unusedUrl } from "./webhook-receiver.js";

type Emulator = Awaited<ReturnType<typeof startTestEmulator>>;

/** Long enough that no retry runs on its own during a test: retries are driven with retry-now. */
const MANUAL_RETRIES = { webhookRetryDelaysMs: [600_000, 600_000, 600_000, 600_000] };
const AT_START = new Date(START_TIME).toISOString();

async function subscribe(api: ApiCaller, url: string, headers: Record<string, string> = {}): Promise<Json> {
  const reply = await api.post("/webhook-subscriptions", { url, events: ["ticket.created"] }, headers);
  if (reply.status !== 201) throw new Error(`subscribe failed: ${JSON.stringify(reply.body)}`);
  return reply.body.data;
}

function retryNow(emulator: Emulator) {
  return control(emulator, "/deliveries/retry-now", { method: "POST" });
}

/** Waits until the delivery log holds `attempt` as finished, and returns that entry. */
async function finishedAttempt(emulator: Emulator, attempt: number): Promise<Json> {
  const log = await waitForDeliveries(emulator, (entries) =>
    entries.some((entry) => entry.attempt === attempt && entry.outcome !== "pending"),
  );
  return log.find((entry) => entry.attempt === attempt);
}

describe("webhook subscriptions", () => {
  it("creates a subscription whose secret is shown only in the create answer", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const body = {
      url: "https://hooks.example.com/ssn",
      events: ["ticket.created"],
      description: "Dispatch",
    };
    const created = await api.post("/webhook-subscriptions", body);
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    expect(created.body.data).toEqual({
      id: expect.stringMatching(/^whsub_[0-9a-f]{32}$/),
      ...body,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      createdAt: AT_START,
      updatedAt: AT_START,
      version: 1,
    });
    expect(CreatedWebhookSubscription.safeParse(created.body.data).success).toBe(true);
    const { secret, ...shown } = created.body.data;
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);

    const listed = await api.get("/webhook-subscriptions");
    expect(listed.body).toEqual({ data: [shown], meta: { pageSize: 25, nextCursor: null } });
    const everything = JSON.stringify([listed.body, (await control(emulator, "/requests")).body]);
    expect(everything).not.toContain(secret.slice("whsec_".length));
  });

  it("lists subscriptions in pages, only the client's own", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    for (const path of ["/a", "/b", "/c"]) await subscribe(api, `https://hooks.example.com${path}`);
    await subscribe(await callerFor(emulator, "other-client"), "https://other.example.com/");
    const first = await api.get("/webhook-subscriptions?pageSize=2");
    expect(first.body.data.map((row: Json) => row.url)).toEqual([
      "https://hooks.example.com/a",
      "https://hooks.example.com/b",
    ]);
    const rest = await api.get(`/webhook-subscriptions?pageSize=2&cursor=${first.body.meta.nextCursor}`);
    expect(rest.body.data.map((row: Json) => row.url)).toEqual(["https://hooks.example.com/c"]);
    expect(rest.body.meta.nextCursor).toBeNull();
  });

  it("takes loopback http URLs only on the local environment", async () => {
    const local = await callerFor(await startTestEmulator());
    for (const url of ["http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://[::1]:9000/"]) {
      expect(
        (await local.post("/webhook-subscriptions", { url, events: ["ticket.created"] })).status,
        url,
      ).toBe(201);
    }
    const refused = [
      "http://hooks.example.com/ssn",
      "http://10.0.0.5/hooks",
      "ftp://hooks.example.com/",
      "not a url",
    ];
    for (const url of refused) {
      const reply = await local.post("/webhook-subscriptions", { url, events: ["ticket.created"] });
      expect(reply.status, url).toBe(422);
      expect(detailsByField(reply).url).toBe(
        "must be an https URL, or an http URL of a loopback host (127.0.0.1, localhost, [::1])",
      );
    }
    const withPassword = await local.post("/webhook-subscriptions", {
      url: "https://user:pw@hooks.example.com/",
      events: ["ticket.created"],
    });
    expect(detailsByField(withPassword).url).toBe("must not contain a user name or password");

    const sandbox = await callerFor(await startTestEmulator({ environment: "sandbox" }));
    const loopback = await sandbox.post("/webhook-subscriptions", {
      url: "http://127.0.0.1:8080/hooks",
      events: ["ticket.created"],
    });
    expect(loopback.status).toBe(422);
    expect(detailsByField(loopback).url).toBe("must be an https URL");
    const https = { url: "https://hooks.example.com/ssn", events: ["ticket.created"] };
    expect((await sandbox.post("/webhook-subscriptions", https)).status).toBe(201);
  });

  it("refuses unknown events, no events, repeats and unknown fields with 422", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const url = "https://hooks.example.com/ssn";
    const cases: [object, Record<string, string>][] = [
      [{ url, events: ["ticket.updated"] }, { "events.0": "must be one of: ticket.created" }],
      [{ url, events: [] }, { events: "must name at least one event" }],
      [{ url, events: ["ticket.created", "ticket.created"] }, { events: "must not repeat an event" }],
      [{ url, events: ["ticket.created"], secret: "whsec_mine" }, { secret: "is not an accepted field" }],
      [{ events: ["ticket.created"] }, { url: "is required: a string" }],
    ];
    for (const [body, details] of cases) {
      const reply = await api.post("/webhook-subscriptions", body);
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe("validation_failed");
      expect(detailsByField(reply)).toEqual(details);
    }
    expect((await api.get("/webhook-subscriptions")).body.data).toEqual([]);
  });

  it("replays an idempotent create, secret included, without a second subscription", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const key = { "idempotency-key": "subscribe-1" };
    const first = await subscribe(api, "https://hooks.example.com/ssn", key);
    const again = await api.post(
      "/webhook-subscriptions",
      { url: "https://hooks.example.com/ssn", events: ["ticket.created"] },
      key,
    );
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.data).toEqual(first);
    expect((await api.get("/webhook-subscriptions")).body.data).toHaveLength(1);
  });

  it("deletes a subscription with 204; another client's or a deleted one is 404", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const subscription = await subscribe(api, "https://hooks.example.com/ssn");
    const path = `/webhook-subscriptions/${subscription.id}`;
    const other = await (await callerFor(emulator, "other-client")).delete(path);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("not_found");
    expect((await api.get("/webhook-subscriptions")).body.data).toHaveLength(1);
    const deleted = await api.delete(path);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await api.delete(path)).status).toBe(404);
    expect((await api.get("/webhook-subscriptions")).body.data).toEqual([]);
  });

  it("needs webhooks:read to list and webhooks:write to create and delete", async () => {
    const emulator = await startTestEmulator();
    const readonly = await callerFor(emulator, "readonly-client");
    const list = await readonly.get("/webhook-subscriptions");
    expect(list.status).toBe(403);
    expect(list.headers.get("www-authenticate")).toContain('scope="webhooks:read"');
    const readOnlyWebhooks = await callerFor(emulator, "demo-client", "webhooks:read");
    expect((await readOnlyWebhooks.get("/webhook-subscriptions")).status).toBe(200);
    const create = await readOnlyWebhooks.post("/webhook-subscriptions", {
      url: "https://hooks.example.com/ssn",
      events: ["ticket.created"],
    });
    expect(create.status).toBe(403);
    expect(create.headers.get("www-authenticate")).toContain('scope="webhooks:write"');
    const remove = await readOnlyWebhooks.delete(`/webhook-subscriptions/whsub_${"0".repeat(32)}`);
    expect(remove.status).toBe(403);
  });
});

describe("webhook delivery", () => {
  it("POSTs ticket.created for a new site visit, in the guide's envelope, signed", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const receiver = await startReceiver();
    const subscription = await subscribe(api, receiver.url);
    const visit = await createGuideVisit(api);

    const [delivery] = await receiver.arrivals(1);
    const event = JSON.parse(delivery?.body ?? "");
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: "ticket.created",
      occurredAt: visit.createdAt,
      resourceType: "site-visits",
      resourceId: visit.id,
      payloadVersion: "2026-03-24",
      data: {
        id: visit.id,
        clientTicketNumber: "CLIENT-TKT-10027",
        clientSiteId: "DEMO-STORE-100",
        projectId: 123,
        itemName: "TEST ITEM",
        serviceType: "Break / Fix",
        startDate: "2026-04-15T16:00:00.000Z",
        dueDate: "2026-04-16T01:00:00.000Z",
        status: "Open",
      },
    });
    expect(WebhookEvent.safeParse(event).success).toBe(true);
    expect(delivery?.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": event.id,
      "webhook-timestamp": String(Math.floor(START_TIME / 1000)),
    });
    if (delivery) expectSignedWith(delivery, subscription.secret);

    expect(await finishedAttempt(emulator, 1)).toEqual({
      eventId: event.id,
      url: receiver.url,
      status: 204,
      attempt: 1,
      at: AT_START,
      subscriptionId: subscription.id,
      outcome: "delivered",
      error: null,
    });
    const log = JSON.stringify((await control(emulator, "/deliveries")).body);
    expect(log).not.toContain(subscription.secret.slice("whsec_".length));
  });

  it("sends each event to every subscription of its client, and to no other client's", async () => {
    const emulator = await startTestEmulator();
    const demo = await callerFor(emulator);
    const other = await callerFor(emulator, "other-client");
    const [first, second, foreign] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
    const firstSubscription = await subscribe(demo, first.url);
    const secondSubscription = await subscribe(demo, second.url);
    await subscribe(other, foreign.url);

    await createGuideVisit(demo);
    // Attempts are logged as they start, before the create answers: this is every delivery it caused.
    const attempted = (await control(emulator, "/deliveries")).body.data;
    expect(attempted.map((entry: Json) => entry.url).sort()).toEqual([first.url, second.url].sort());
    const [[toFirst], [toSecond]] = await Promise.all([first.arrivals(1), second.arrivals(1)]);
    expect(toFirst?.body).toBe(toSecond?.body);
    if (toFirst && toSecond) {
      expectSignedWith(toFirst, firstSubscription.secret);
      expectSignedWith(toSecond, secondSubscription.secret);
    }

    await createGuideSite(other, siteWithCode("OTHER-1"));
    const otherVisit = { ...GUIDE_VISIT, clientSiteId: "OTHER-1", projectId: 777, itemName: "OTHER ITEM" };
    expect((await other.post("/site-visits", otherVisit)).status).toBe(201);
    const [toForeign] = await foreign.arrivals(1);
    expect(JSON.parse(toForeign?.body ?? "").data.clientSiteId).toBe("OTHER-1");
    expect(first.received).toHaveLength(1);
  });

  it("emits no event for an idempotent replay of the create", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const receiver = await startReceiver();
    await subscribe(api, receiver.url);
    await createGuideSite(api);
    const key = { "idempotency-key": "0f7d1a6e-9642-41ba-aed5-77aa357c1ca6" };
    expect((await api.post("/site-visits", GUIDE_VISIT, key)).status).toBe(201);
    await receiver.arrivals(1);
    const replay = await api.post("/site-visits", GUIDE_VISIT, key);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await control(emulator, "/deliveries")).body.data).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("retries after a 500 with the same id and body, a fresh timestamp and signature", async () => {
    const emulator = await startTestEmulator(MANUAL_RETRIES);
    const api = await callerFor(emulator);
    const receiver = await startReceiver([500]);
    const subscription = await subscribe(api, receiver.url);
    await createGuideVisit(api);
    expect(await finishedAttempt(emulator, 1)).toMatchObject({ status: 500, outcome: "failed", error: null });

    emulator.clock.now += 1000;
    expect(await retryNow(emulator)).toMatchObject({ status: 202, body: { data: { retried: 1 } } });
    const [first, second] = await receiver.arrivals(2);
    expect(second?.body).toBe(first?.body);
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(Number(second?.headers["webhook-timestamp"])).toBe(
      Number(first?.headers["webhook-timestamp"]) + 1,
    );
    expect(second?.headers["webhook-signature"]).not.toBe(first?.headers["webhook-signature"]);
    if (second) expectSignedWith(second, subscription.secret);
    expect(await finishedAttempt(emulator, 2)).toMatchObject({
      status: 204,
      outcome: "delivered",
      at: new Date(START_TIME + 1000).toISOString(),
    });
    expect((await retryNow(emulator)).body.data.retried).toBe(0);
  });

  it("retries on its own after the configured delay", async () => {
    const emulator = await startTestEmulator({ webhookRetryDelaysMs: [0] });
    const api = await callerFor(emulator);
    const receiver = await startReceiver([503]);
    await subscribe(api, receiver.url);
    await createGuideVisit(api);
    await receiver.arrivals(2);
    expect(await finishedAttempt(emulator, 2)).toMatchObject({ status: 204, outcome: "delivered" });
  });

  it("gives up after five failed attempts", async () => {
    const emulator = await startTestEmulator(MANUAL_RETRIES);
    const api = await callerFor(emulator);
    const receiver = await startReceiver([500, 500, 500, 500, 500]);
    await subscribe(api, receiver.url);
    await createGuideVisit(api);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await finishedAttempt(emulator, attempt)).toMatchObject({ status: 500, outcome: "failed" });
      expect((await retryNow(emulator)).body.data.retried).toBe(attempt < 5 ? 1 : 0);
    }
    expect(new Set(receiver.received.map((delivery) => delivery.headers["webhook-id"])).size).toBe(1);
    expect(receiver.received).toHaveLength(5);
  });

  it("records no answer as status null with the reason, and retries it", async () => {
    const emulator = await startTestEmulator(MANUAL_RETRIES);
    const api = await callerFor(emulator);
    const url = await unusedUrl();
    await subscribe(api, url);
    await createGuideVisit(api);
    expect(await finishedAttempt(emulator, 1)).toMatchObject({
      url,
      status: null,
      outcome: "failed",
      error: expect.stringContaining("ECONNREFUSED"),
    });
    expect((await retryNow(emulator)).body.data.retried).toBe(1);
    expect(await finishedAttempt(emulator, 2)).toMatchObject({ status: null, outcome: "failed" });
  });

  it("counts a redirect as a failed attempt", async () => {
    const emulator = await startTestEmulator(MANUAL_RETRIES);
    const api = await callerFor(emulator);
    const receiver = await startReceiver([307]);
    await subscribe(api, receiver.url);
    await createGuideVisit(api);
    expect(await finishedAttempt(emulator, 1)).toMatchObject({ status: 307, outcome: "failed" });
    expect((await retryNow(emulator)).body.data.retried).toBe(1);
  });

  it("redelivers an event on demand: same id and body, fresh timestamp and signature", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const receiver = await startReceiver();
    const subscription = await subscribe(api, receiver.url);
    await createGuideVisit(api);
    const [original] = await receiver.arrivals(1);
    const eventId = original?.headers["webhook-id"];

    emulator.clock.now += 5000;
    const forced = await control(emulator, `/deliveries/${eventId}/redeliver`, { method: "POST" });
    expect(forced).toMatchObject({ status: 202, body: { data: { eventId, deliveries: 1 } } });
    const [, duplicate] = await receiver.arrivals(2);
    expect(duplicate?.headers["webhook-id"]).toBe(eventId);
    expect(duplicate?.body).toBe(original?.body);
    expect(duplicate?.headers["webhook-timestamp"]).toBe(String(Math.floor(START_TIME / 1000) + 5));
    if (duplicate) expectSignedWith(duplicate, subscription.secret);
    expect(await finishedAttempt(emulator, 2)).toMatchObject({ eventId, outcome: "delivered" });

    const unknown = await control(emulator, `/deliveries/evt_${"0".repeat(32)}/redeliver`, {
      method: "POST",
    });
    expect(unknown.status).toBe(404);
  });

  it("stops delivering to a deleted subscription, pending retries included", async () => {
    const emulator = await startTestEmulator(MANUAL_RETRIES);
    const api = await callerFor(emulator);
    const receiver = await startReceiver([500]);
    const subscription = await subscribe(api, receiver.url);
    await createGuideVisit(api);
    const { eventId } = await finishedAttempt(emulator, 1);
    expect((await api.delete(`/webhook-subscriptions/${subscription.id}`)).status).toBe(204);

    expect((await retryNow(emulator)).body.data.retried).toBe(1);
    const redelivered = await control(emulator, `/deliveries/${eventId}/redeliver`, { method: "POST" });
    expect(redelivered.body.data.deliveries).toBe(0);
    expect((await control(emulator, "/deliveries")).body.data).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("forgets deliveries and pending retries on reset; the log can be cleared alone", async () => {
    const emulator = await startTestEmulator(MANUAL_RETRIES);
    const api = await callerFor(emulator);
    const receiver = await startReceiver([500]);
    await subscribe(api, receiver.url);
    await createGuideVisit(api);
    const { eventId } = await finishedAttempt(emulator, 1);

    expect((await control(emulator, "/deliveries", { method: "DELETE" })).status).toBe(204);
    expect((await control(emulator, "/deliveries")).body.data).toEqual([]);
    expect((await control(emulator, "/reset", { method: "POST" })).status).toBe(200);
    expect((await retryNow(emulator)).body.data.retried).toBe(0);
    const stale = await control(emulator, `/deliveries/${eventId}/redeliver`, { method: "POST" });
    expect(stale.status).toBe(404);
    expect(receiver.received).toHaveLength(1);
  });

  it("abandons an attempt under way when the emulator closes", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const receiver = await startReceiver(["hold"]);
    await subscribe(api, receiver.url);
    await createGuideVisit(api);
    await receiver.arrivals(1);
    await emulator.close();
    await receiver.abandoned;
  });
});
