// The SSN emulator in this process on a free loopback port, holding one site visit to read back.
import { randomUUID } from "node:crypto";
import { demoCredential } from "../../dist/demo/credentials.js";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../dist/demo/guide-payloads.js";
import { startEmulator } from "../../dist/emulator/index.js";

export async function startBenchEmulator() {
  const emulator = await startEmulator({ port: 0 });
  const credential = demoCredential("demo-client");
  try {
    const token = await post(`${emulator.baseUrl}/oauth/token`, {
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: credential.clientId,
        client_secret: credential.clientSecret,
      }),
    });
    const bearer = (body) => ({
      headers: {
        authorization: `Bearer ${token.access_token}`,
        "content-type": "application/json",
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify(body),
    });
    await post(`${emulator.baseUrl}/sites`, bearer(GUIDE_SITE));
    const visit = await post(`${emulator.baseUrl}/site-visits`, bearer(GUIDE_VISIT_WITH_ASSETS));
    return {
      baseUrl: emulator.baseUrl,
      credential,
      accessToken: token.access_token,
      siteVisitId: visit.data.id,
      siteVisitUrl: `${emulator.baseUrl}/site-visits/${visit.data.id}`,
      close: () => emulator.close(),
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

async function post(url, init) {
  const response = await fetch(url, { method: "POST", ...init });
  const body = await response.json();
  if (!response.ok)
    throw new Error(`emulator: POST ${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
