import { SCOPES } from "../contract/scopes.js";
import type { SeedInput } from "./seed.js";

const demoProjects = [
  { id: 123, name: "Demo Rollout", active: true },
  { id: 124, name: "Retired Program", active: false },
];
const demoItems = [
  { name: "TEST ITEM", description: "Smoke-test item" },
  { name: "KIOSK SCREEN", description: "Kiosk screen replacement" },
];

/** The built-in demo seed (emulator.md "Built-in demo seed"). Its secrets are public test values. */
export const DEMO_SEED = {
  environment: "local",
  tokenTtlSeconds: 3600,
  clients: [
    {
      clientId: "demo-client",
      clientSecret: "demo-secret",
      scopes: [...SCOPES],
      projects: demoProjects,
      items: demoItems,
      sites: [],
      siteAssets: [
        {
          siteCode: "DEMO-STORE-100",
          id: 456,
          uniqueId: "K-100-1",
          friendlyLocation: "Front counter",
          assetStatus: "Active",
          assetDisplay: "Kiosk screen",
        },
        {
          siteCode: "DEMO-STORE-100",
          id: 457,
          uniqueId: "P-100-2",
          friendlyLocation: "Back office",
          assetStatus: "Active",
          assetDisplay: "Printer",
        },
        {
          siteCode: "DEMO-STORE-200",
          id: 458,
          uniqueId: "K-200-1",
          friendlyLocation: "Front counter",
          assetStatus: "Active",
          assetDisplay: "Kiosk screen",
        },
      ],
    },
    {
      clientId: "readonly-client",
      clientSecret: "readonly-secret",
      scopes: ["sites:read", "site-visits:read", "messages:read"],
      projects: demoProjects,
      items: demoItems,
      sites: [],
      siteAssets: [],
    },
    {
      clientId: "other-client",
      clientSecret: "other-secret",
      scopes: [...SCOPES],
      projects: [{ id: 777, name: "Other Co Program", active: true }],
      items: [{ name: "OTHER ITEM", description: "Other Co item" }],
      sites: [],
      siteAssets: [
        {
          siteCode: "OTHER-1",
          id: 900,
          uniqueId: "O-1-1",
          friendlyLocation: "Entrance",
          assetStatus: "Active",
          assetDisplay: "Door sensor",
        },
      ],
    },
  ],
} satisfies SeedInput;

/** The demo seed's public secrets: running with any of them off loopback deserves a warning. */
export const DEMO_SECRETS: readonly string[] = DEMO_SEED.clients.map((client) => client.clientSecret);
