import { z } from "zod";
import { isRfc3339DateTime } from "./datetime.js";

/**
 * Request and resource shapes of the SSN API (contract.md). Request schemas are strict (the API
 * rejects unknown fields with 422); resource schemas are loose (the client keeps unknown fields).
 * Length limits not stated by the guide are [assumed] and live here only.
 */
export const LIMITS = {
  siteCode: 64,
  shortText: 200,
  longText: 4000,
  messageThread: 20_000,
} as const;

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
export const dateTime = z
  .string()
  .refine(isRfc3339DateTime, {
    message: "must be an RFC 3339 date-time with an offset, e.g. 2026-04-15T16:00:00Z",
  })
  .meta({ format: "date-time" });
const assetIds = z.array(z.number().int().positive()).max(100);

export const siteCreateShape = {
  name: text(LIMITS.shortText).describe("Display name of the site, e.g. Demo Store 100"),
  siteCode: text(LIMITS.siteCode).describe("Your own stable, unique site identifier, e.g. DEMO-STORE-100"),
  addressLine1: text(LIMITS.shortText).describe("Street address"),
  addressLine2: text(LIMITS.shortText).optional().describe("Second address line"),
  city: text(LIMITS.shortText).describe("City"),
  stateRegion: text(LIMITS.shortText).describe("State or region, e.g. AZ"),
  postalCode: text(32).describe("Postal code"),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as US")
    .describe("ISO 3166-1 alpha-2 country code, e.g. US"),
};
export const SiteCreate = z.strictObject(siteCreateShape);
export type SiteCreate = z.infer<typeof SiteCreate>;

const { siteCode: _siteCode, ...sitePatchable } = siteCreateShape;
export const SitePatch = z.strictObject(sitePatchable).partial();
export type SitePatch = z.infer<typeof SitePatch>;

export const siteVisitCreateShape = {
  clientSiteId: text(LIMITS.siteCode).describe("The siteCode of one of your sites"),
  description: text(LIMITS.longText).describe("What is wrong / what to do"),
  clientTicketNumber: text(LIMITS.siteCode)
    .optional()
    .describe("Your own ticket reference; unique per client"),
  serviceType: text(LIMITS.shortText).describe("Service type, free text, e.g. Break / Fix"),
  jobInstructions: text(LIMITS.longText).optional().describe("Instructions for the technician"),
  projectId: z.number().int().positive().describe("An active project id (see list_projects)"),
  itemName: text(LIMITS.shortText).describe("An item name (see list_items)"),
  startDate: dateTime.describe("Start, RFC 3339 with offset, e.g. 2026-04-15T16:00:00Z"),
  dueDate: dateTime.describe("Due, RFC 3339 with offset; not before startDate"),
  arePartsRequired: z.boolean().optional().describe("Whether parts are required; default false"),
  partsReturnRequired: z.boolean().optional().describe("Whether parts must be returned; default false"),
  schedulingRule: text(LIMITS.shortText).optional().describe("Scheduling rule, e.g. Date/Time Specific"),
  siteAssetIds: assetIds.optional().describe("Ids of site assets of the same site to service"),
};
export const SiteVisitCreate = z.strictObject(siteVisitCreateShape);
export type SiteVisitCreate = z.infer<typeof SiteVisitCreate>;

const { clientSiteId: _clientSiteId, ...siteVisitPatchable } = siteVisitCreateShape;
export const SiteVisitPatch = z.strictObject(siteVisitPatchable).partial();
export type SiteVisitPatch = z.infer<typeof SiteVisitPatch>;

export const messageCreateShape = {
  siteVisitId: z.string().min(1).describe("Id of the site visit, e.g. visit_0d99…"),
  type: text(LIMITS.shortText).optional().describe("Message type, e.g. Support"),
  messageThread: text(LIMITS.messageThread).describe("The message text"),
  status: text(LIMITS.shortText).optional().describe("Message status, e.g. Open"),
  urgency: text(LIMITS.shortText).optional().describe("Urgency, e.g. Normal"),
  buyer: z.boolean().optional().describe("Whether the buyer is notified"),
  clientContacts: z.boolean().optional().describe("Whether client contacts are notified"),
};
export const MessageCreate = z.strictObject(messageCreateShape);
export type MessageCreate = z.infer<typeof MessageCreate>;

const { status, urgency, messageThread, buyer, clientContacts } = messageCreateShape;
export const MessagePatch = z
  .strictObject({ status, urgency, messageThread, buyer, clientContacts })
  .partial();
export type MessagePatch = z.infer<typeof MessagePatch>;

/** Fields the API sets on messages itself [guide]; sending one is a 422 [assumed]. */
export const MESSAGE_SERVER_FIELDS = ["method", "occurredAt", "ssnPm"] as const;
/** Fields the guide says never to send on a site [guide]. */
export const SITE_FORBIDDEN_FIELDS = ["tenantId", "quickbaseRecordId"] as const;

// ---- Resources, as the API returns them (loose: unknown fields are kept) ----

const audit = {
  createdAt: z.string().describe("When the record was created (UTC)"),
  updatedAt: z.string().describe("When the record last changed (UTC)"),
  version: z.number().int().describe("Version for optimistic concurrency (If-Match)"),
};

export const FileMeta = z.looseObject({
  id: z.string().describe("File id"),
  fileName: z.string().describe("Stored file name"),
  contentType: z.string().describe("Detected content type"),
  size: z.number().int().describe("Size in bytes"),
  sha256: z.string().describe("SHA-256 of the content, hex"),
  uploadedAt: z.string().describe("Upload time (UTC)"),
});
export type FileMeta = z.infer<typeof FileMeta>;

export const Site = z.looseObject({
  id: z.string().describe("Site id"),
  ...siteCreateShape,
  addressLine2: z.string().nullish().describe("Second address line"),
  ...audit,
});
export type Site = z.infer<typeof Site>;

export const SiteVisitAsset = z.looseObject({
  siteAssetId: z.number().int().describe("Site asset id"),
  uniqueId: z.string().describe("Asset's unique id, e.g. K-100-1"),
  friendlyLocation: z.string().describe("Where the asset is"),
  assetStatus: z.string().describe("Asset status"),
  assetDisplay: z.string().describe("Asset display name"),
});
export type SiteVisitAsset = z.infer<typeof SiteVisitAsset>;

export const SiteVisit = z.looseObject({
  id: z.string().describe("Site visit id"),
  siteId: z.string().describe("Id of the visit's site"),
  clientSiteId: z.string().describe("siteCode of the visit's site"),
  description: z.string().describe("What is wrong / what to do"),
  clientTicketNumber: z.string().nullish().describe("Your ticket reference"),
  serviceType: z.string().describe("Service type"),
  jobInstructions: z.string().nullish().describe("Technician instructions"),
  projectId: z.number().int().describe("Project id"),
  itemName: z.string().describe("Item name"),
  startDate: z.string().describe("Start (UTC)"),
  dueDate: z.string().describe("Due (UTC)"),
  arePartsRequired: z.boolean().describe("Parts required"),
  partsReturnRequired: z.boolean().describe("Parts return required"),
  schedulingRule: z.string().nullish().describe("Scheduling rule"),
  status: z.string().describe("Visit status, e.g. Open"),
  assetsToService: z.string().nullish().describe("Human-readable summary of the assigned assets"),
  siteVisitAssets: z.array(SiteVisitAsset).describe("Assigned site assets"),
  returnLabel: FileMeta.nullish().describe("Return label file, if uploaded"),
  ...audit,
});
export type SiteVisit = z.infer<typeof SiteVisit>;

export const Message = z.looseObject({
  id: z.string().describe("Message id"),
  siteVisitId: z.string().describe("Site visit id"),
  type: z.string().nullish().describe("Message type"),
  messageThread: z.string().describe("Message text"),
  status: z.string().nullish().describe("Message status"),
  urgency: z.string().nullish().describe("Urgency"),
  buyer: z.boolean().describe("Buyer notified"),
  clientContacts: z.boolean().describe("Client contacts notified"),
  method: z.string().describe("Set by the API: Email"),
  occurredAt: z.string().describe("Set by the API: when it occurred (UTC)"),
  ssnPm: z.boolean().describe("Set by the API: true"),
  attachments: z.array(FileMeta).describe("Attached files"),
  ...audit,
});
export type Message = z.infer<typeof Message>;

export const Project = z.looseObject({
  id: z.number().int().describe("Project id, valid for projectId"),
  name: z.string().describe("Project name"),
  active: z.boolean().describe("Whether the project is active"),
});
export type Project = z.infer<typeof Project>;

export const Item = z.looseObject({
  name: z.string().describe("Item name, valid for itemName"),
  description: z.string().nullish().describe("Item description"),
});
export type Item = z.infer<typeof Item>;
