import { afterEach } from "vitest";
import {
  GUIDE_MESSAGE,
  GUIDE_SITE,
  GUIDE_VISIT,
  GUIDE_VISIT_WITH_ASSETS,
} from "../../src/demo/guide-payloads.js";
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "../../src/emulator/index.js";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on them
export type Json = any;

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

/** A fixed, advanceable clock: token expiry and timestamps without waiting. */
export interface TestClock {
  now: number;
}

export const START_TIME = Date.parse("2026-04-03T16:19:30.074Z");

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** A fresh emulator on a free loopback port, closed after the test. */
export async function startTestEmulator(
  options: StartEmulatorOptions = {},
): Promise<RunningEmulator & { clock: TestClock }> {
  const clock: TestClock = { now: START_TIME };
  const emulator = await startEmulator({ port: 0, now: () => clock.now, ...options });
  running.push(emulator);
  return { ...emulator, clock };
}

export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } };
}

export const SECRETS: Record<string, string> = {
  "demo-client": "demo-secret",
  "readonly-client": "readonly-secret",
  "other-client": "other-secret",
};

export function tokenRequest(
  emulator: RunningEmulator,
  form: Record<string, string>,
  headers = {},
): Promise<Reply> {
  return request(`${emulator.baseUrl}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams(form).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

export async function getToken(
  emulator: RunningEmulator,
  clientId = "demo-client",
  scope?: string,
): Promise<string> {
  const form: Record<string, string> = {
    grant_type: "client_credentials",
    client_id: clientId,
    client_secret: SECRETS[clientId] ?? "",
  };
  if (scope !== undefined) form.scope = scope;
  const reply = await tokenRequest(emulator, form);
  if (reply.status !== 200) throw new Error(`token request failed: ${JSON.stringify(reply.body)}`);
  return reply.body.access_token;
}

/** Calls the API as one client. */
export interface ApiCaller {
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  patch(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  delete(path: string, headers?: Record<string, string>): Promise<Reply>;
  /** POSTs a `multipart/form-data` body. */
  upload(path: string, form: FormData, headers?: Record<string, string>): Promise<Reply>;
}

export function callerWithToken(emulator: RunningEmulator, token: string): ApiCaller {
  const auth = { authorization: `Bearer ${token}` };
  return {
    get: (path, headers = {}) => request(`${emulator.baseUrl}${path}`, { headers: { ...auth, ...headers } }),
    post: (path, body, headers = {}) =>
      request(`${emulator.baseUrl}${path}`, jsonInit("POST", body, { ...auth, ...headers })),
    patch: (path, body, headers = {}) =>
      request(`${emulator.baseUrl}${path}`, jsonInit("PATCH", body, { ...auth, ...headers })),
    delete: (path, headers = {}) =>
      request(`${emulator.baseUrl}${path}`, { method: "DELETE", headers: { ...auth, ...headers } }),
    upload: (path, form, headers = {}) =>
      request(`${emulator.baseUrl}${path}`, { method: "POST", body: form, headers: { ...auth, ...headers } }),
  };
}

export async function callerFor(emulator: RunningEmulator, clientId = "demo-client", scope?: string) {
  return callerWithToken(emulator, await getToken(emulator, clientId, scope));
}

export function control(emulator: RunningEmulator, path: string, init: RequestInit = {}): Promise<Reply> {
  return request(`${emulator.controlUrl}${path}`, init);
}

/** Polls a control list until `done` holds; each round trip yields, so nothing sleeps. */
async function waitForList(
  emulator: RunningEmulator,
  path: "/requests" | "/deliveries",
  done: (entries: Json[]) => boolean,
): Promise<Json[]> {
  for (let attempt = 0; attempt < 2000; attempt++) {
    const { body } = await control(emulator, path);
    if (done(body.data)) return body.data;
  }
  throw new Error(`${path} never reached the expected state`);
}

/** Waits for the request log to reach a state. */
export function waitForLog(emulator: RunningEmulator, done: (entries: Json[]) => boolean): Promise<Json[]> {
  return waitForList(emulator, "/requests", done);
}

/** Waits for the webhook delivery log to reach a state. */
export function waitForDeliveries(
  emulator: RunningEmulator,
  done: (entries: Json[]) => boolean,
): Promise<Json[]> {
  return waitForList(emulator, "/deliveries", done);
}

export { GUIDE_SITE, GUIDE_VISIT, GUIDE_VISIT_WITH_ASSETS };

export function guideMessage(siteVisitId: string) {
  return { siteVisitId, ...GUIDE_MESSAGE };
}

export function siteWithCode(siteCode: string) {
  return { ...GUIDE_SITE, name: `Store ${siteCode}`, siteCode };
}

/** The guide's site, created for the caller; returns the site. */
export async function createGuideSite(api: ApiCaller, site: object = GUIDE_SITE): Promise<Json> {
  const reply = await api.post("/sites", site);
  if (reply.status !== 201) throw new Error(`site create failed: ${JSON.stringify(reply.body)}`);
  return reply.body.data;
}

/** The guide's site and its visit (with assets 456 and 457); returns the visit. */
export async function createGuideVisit(
  api: ApiCaller,
  visit: object = GUIDE_VISIT_WITH_ASSETS,
): Promise<Json> {
  await createGuideSite(api);
  const reply = await api.post("/site-visits", visit);
  if (reply.status !== 201) throw new Error(`visit create failed: ${JSON.stringify(reply.body)}`);
  return reply.body.data;
}

/** The details of an error answer as `field → issue`. */
export function detailsByField(reply: Reply): Record<string, string> {
  return Object.fromEntries(
    (reply.body.error.details as { field: string; issue: string }[]).map((d) => [d.field, d.issue]),
  );
}
