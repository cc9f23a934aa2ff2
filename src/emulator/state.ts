import type { FileMeta } from "../contract/schemas.js";
import type { Scope } from "../contract/scopes.js";
import type { WebhookEventType } from "../contract/webhooks.js";
import { ApiError } from "./api-error.js";
import { createSite } from "./records/sites.js";
import type { Seed, SeedClient, SeedSiteAsset } from "./seed.js";

export interface Audited {
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SiteRecord extends Audited {
  id: string;
  name: string;
  siteCode: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  stateRegion: string;
  postalCode: string;
  country: string;
}

/** A site visit as stored; `assetsToService` and `siteVisitAssets` are derived when it is read. */
export interface SiteVisitRecord extends Audited {
  id: string;
  siteId: string;
  clientSiteId: string;
  description: string;
  clientTicketNumber: string | null;
  serviceType: string;
  jobInstructions: string | null;
  projectId: number;
  itemName: string;
  startDate: string;
  dueDate: string;
  arePartsRequired: boolean;
  partsReturnRequired: boolean;
  schedulingRule: string | null;
  siteAssetIds: number[];
  status: string;
  returnLabel: FileMeta | null;
}

export interface MessageRecord extends Audited {
  id: string;
  siteVisitId: string;
  type: string | null;
  messageThread: string;
  status: string | null;
  urgency: string | null;
  buyer: boolean;
  clientContacts: boolean;
  method: string;
  occurredAt: string;
  ssnPm: boolean;
  attachments: FileMeta[];
}

/** An uploaded file: what the API shows of it, and its bytes (kept so tests can check what arrived). */
export interface StoredFile {
  meta: FileMeta;
  content: Buffer;
}

export interface WebhookSubscriptionRecord extends Audited {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  /** `whsec_<base64>`: shown only in the create answer, used to sign every delivery. */
  secret: string;
}

export type SiteAsset = SeedSiteAsset;

/** One client account and everything it owns; nothing here is visible to another client. */
export interface Tenant {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The scopes a token may be granted; `PUT /_emulator/clients/{id}/scopes` replaces them. */
  scopes: Scope[];
  readonly projects: SeedClient["projects"];
  readonly items: SeedClient["items"];
  readonly siteAssets: Map<number, SiteAsset>;
  readonly sites: Map<string, SiteRecord>;
  readonly siteVisits: Map<string, SiteVisitRecord>;
  readonly messages: Map<string, MessageRecord>;
  /** Return labels and attachments, by file id. */
  readonly files: Map<string, StoredFile>;
  readonly webhookSubscriptions: Map<string, WebhookSubscriptionRecord>;
}

/** The emulator's records, per tenant, as built from a seed. */
export class EmulatorState {
  readonly tenants = new Map<string, Tenant>();

  constructor(
    private readonly seed: Seed,
    now: string,
  ) {
    this.reload(now);
  }

  /** Drops every record and rebuilds the tenants from the seed. */
  reload(now: string): void {
    this.tenants.clear();
    for (const client of structuredClone(this.seed.clients)) {
      const tenant: Tenant = {
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        scopes: client.scopes,
        projects: client.projects,
        items: client.items,
        siteAssets: new Map(client.siteAssets.map((asset) => [asset.id, asset])),
        sites: new Map(),
        siteVisits: new Map(),
        messages: new Map(),
        files: new Map(),
        webhookSubscriptions: new Map(),
      };
      for (const site of client.sites) createSite(tenant, site, now);
      this.tenants.set(tenant.clientId, tenant);
    }
  }

  /** Adds a site asset at run time; asset ids are unique across all clients. */
  addSiteAsset(tenant: Tenant, asset: SiteAsset): void {
    for (const other of this.tenants.values()) {
      if (other.siteAssets.has(asset.id)) {
        throw new ApiError("duplicate_asset_id", `Site asset ${asset.id} already exists.`, {
          details: [{ field: "id", issue: "is already used; asset ids are unique across the emulator" }],
        });
      }
    }
    tenant.siteAssets.set(asset.id, asset);
  }
}
