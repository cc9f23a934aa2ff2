import { describe, expect, it } from "vitest";
import { SCOPES } from "../../src/contract/scopes.js";
import { ConfigurationError, DEMO_SEED, parseSeed, startEmulator } from "../../src/emulator/index.js";

const client = { clientId: "acme", clientSecret: "s", scopes: ["sites:read"] };

describe("seed", () => {
  it("holds the demo seed of emulator.md", () => {
    const seed = parseSeed(DEMO_SEED);
    const byId = Object.fromEntries(seed.clients.map((c) => [c.clientId, c]));
    expect(byId["demo-client"]?.scopes).toEqual([...SCOPES]);
    expect(byId["readonly-client"]?.scopes).toEqual(["sites:read", "site-visits:read", "messages:read"]);
    expect(byId["readonly-client"]?.projects).toEqual(byId["demo-client"]?.projects);
    expect(byId["demo-client"]?.projects.map((p) => [p.id, p.active])).toEqual([
      [123, true],
      [124, false],
    ]);
    expect(byId["demo-client"]?.siteAssets.map((a) => [a.id, a.siteCode])).toEqual([
      [456, "DEMO-STORE-100"],
      [457, "DEMO-STORE-100"],
      [458, "DEMO-STORE-200"],
    ]);
    expect(byId["other-client"]?.siteAssets.map((a) => [a.id, a.siteCode])).toEqual([[900, "OTHER-1"]]);
  });

  it.each([
    [{ clients: [{ ...client, scopes: ["sites:admin"] }] }, "clients.0.scopes.0"],
    [{ clients: [client, client] }, "clients.1.clientId"],
    [{ clients: [{ ...client, sites: [{ siteCode: "A" }] }] }, "clients.0.sites.0.name"],
    [{ clients: [{ ...client, clientSecret: undefined }] }, "clients.0.clientSecret"],
    [{ clients: [client], tokenTtlSeconds: 0 }, "tokenTtlSeconds"],
    [{ clients: [client], extra: true }, "extra"],
    [{ clients: [] }, "clients"],
  ])("names the bad field of an invalid seed (%#: %s)", (seed, field) => {
    expect(() => parseSeed(seed)).toThrow(ConfigurationError);
    expect(() => parseSeed(seed)).toThrow(`${field}:`);
  });

  it("refuses an asset id used twice across clients", () => {
    const asset = {
      siteCode: "A",
      id: 1,
      uniqueId: "u",
      friendlyLocation: "f",
      assetStatus: "s",
      assetDisplay: "d",
    };
    const seed = {
      clients: [
        { ...client, siteAssets: [asset] },
        { ...client, clientId: "beta", siteAssets: [asset] },
      ],
    };
    expect(() => parseSeed(seed)).toThrow("clients.1.siteAssets.0.id: duplicates site asset 1");
  });

  it("stops startEmulator with a ConfigurationError", async () => {
    await expect(startEmulator({ port: 0, seed: { clients: [] } })).rejects.toThrow(ConfigurationError);
    await expect(startEmulator({ port: 0, environment: "Not Valid" })).rejects.toThrow("environment:");
  });
});
