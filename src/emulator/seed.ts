import { readFile } from "node:fs/promises";
import { z } from "zod";
import { SiteCreate } from "../contract/schemas.js";
import { SCOPES } from "../contract/scopes.js";
import { ConfigurationError, EnvironmentName, TokenTtlSeconds } from "./settings.js";
import { formatIssues } from "./validation.js";

const label = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

const SeedProject = z.strictObject({ id: z.number().int().positive(), name: label, active: z.boolean() });
const SeedItem = z.strictObject({ name: label, description: label.optional() });

/** A site asset as SSN configures it: it belongs to the client's site with `siteCode`, once that exists. */
export const SeedSiteAsset = z.strictObject({
  siteCode: SiteCreate.shape.siteCode,
  id: z.number().int().positive(),
  uniqueId: label,
  friendlyLocation: label,
  assetStatus: label,
  assetDisplay: label,
});
export type SeedSiteAsset = z.output<typeof SeedSiteAsset>;

export const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{1,128}$/, "must be 1-128 letters, digits, '.', '_', '~' or '-'");

const SeedClient = z
  .strictObject({
    clientId: ClientId,
    clientSecret: z.string().min(1, "must not be empty"),
    scopes: z.array(z.enum(SCOPES)),
    projects: z.array(SeedProject).default([]),
    items: z.array(SeedItem).default([]),
    sites: z.array(SiteCreate).default([]),
    siteAssets: z.array(SeedSiteAsset).default([]),
  })
  .superRefine((client, ctx) => {
    requireUnique(ctx, client.projects, "projects", "id", (project) => project.id);
    requireUnique(ctx, client.items, "items", "name", (item) => item.name);
    requireUnique(ctx, client.sites, "sites", "siteCode", (site) => site.siteCode);
  });
export type SeedClient = z.output<typeof SeedClient>;

/** The seed file (emulator.md "Seed file"). Asset ids are unique across the whole emulator. */
export const Seed = z
  .strictObject({
    environment: EnvironmentName.optional(),
    tokenTtlSeconds: TokenTtlSeconds.optional(),
    clients: z.array(SeedClient).min(1, "must name at least one client"),
  })
  .superRefine((seed, ctx) => {
    requireUnique(ctx, seed.clients, "clients", "clientId", (client) => client.clientId);
    const assetOwners = new Map<number, string>();
    seed.clients.forEach((client, clientIndex) => {
      client.siteAssets.forEach((asset, assetIndex) => {
        const owner = assetOwners.get(asset.id);
        if (owner !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["clients", clientIndex, "siteAssets", assetIndex, "id"],
            message: `duplicates site asset ${asset.id} (already used by ${owner}); asset ids are unique across the emulator`,
          });
        }
        assetOwners.set(asset.id, client.clientId);
      });
    });
  });
export type Seed = z.output<typeof Seed>;
export type SeedInput = z.input<typeof Seed>;

export function parseSeed(input: unknown, source = "seed"): Seed {
  const result = Seed.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigurationError(`${source}: ${formatIssues(result.error.issues)}`);
}

export async function loadSeedFile(path: string): Promise<Seed> {
  const source = `seed file ${path}`;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `${source}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${source}: is not valid JSON (${(error as Error).message})`);
  }
  return parseSeed(json, source);
}

function requireUnique<T>(
  ctx: z.RefinementCtx,
  rows: readonly T[],
  list: string,
  field: string,
  keyOf: (row: T) => unknown,
): void {
  const seen = new Set<unknown>();
  rows.forEach((row, index) => {
    const key = keyOf(row);
    if (seen.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: [list, index, field],
        message: `duplicates ${JSON.stringify(key)}`,
      });
    }
    seen.add(key);
  });
}
