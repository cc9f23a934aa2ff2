import { toApiTime } from "../../contract/datetime.js";
import { newId } from "../../contract/ids.js";
import type { SiteVisitCreate, SiteVisitPatch } from "../../contract/schemas.js";
import { ApiError, notFound } from "../api-error.js";
import type { SiteAsset, SiteVisitRecord, Tenant } from "../state.js";
import { checkVersion, firstVersion, nextVersion } from "./audit.js";
import { requireActiveProject, requireItem } from "./catalog.js";
import { findSiteByCode } from "./sites.js";

/** Status of a new visit [assumed]. */
const INITIAL_STATUS = "Open";

export function getSiteVisit(tenant: Tenant, id: string): SiteVisitRecord {
  const visit = tenant.siteVisits.get(id);
  if (!visit) throw notFound("site visit", id);
  return visit;
}

export function listSiteVisits(
  tenant: Tenant,
  filters: { clientTicketNumber?: string; clientSiteId?: string },
): SiteVisitRecord[] {
  return [...tenant.siteVisits.values()].filter(
    (visit) =>
      (filters.clientTicketNumber === undefined || visit.clientTicketNumber === filters.clientTicketNumber) &&
      (filters.clientSiteId === undefined || visit.clientSiteId === filters.clientSiteId),
  );
}

/** Checks run in the order 422 (the request alone), 404 (references), 409 (conflicts). */
export function createSiteVisit(tenant: Tenant, input: SiteVisitCreate, now: string): SiteVisitRecord {
  const startDate = toApiTime(new Date(input.startDate));
  const dueDate = toApiTime(new Date(input.dueDate));
  const siteAssetIds = input.siteAssetIds ?? [];
  checkDateOrder(startDate, dueDate);
  checkNoRepeatedAssets(siteAssetIds);

  const site = findSiteByCode(tenant, input.clientSiteId);
  if (!site) throw notFound("site with siteCode", input.clientSiteId, "clientSiteId");
  requireActiveProject(tenant, input.projectId);
  requireItem(tenant, input.itemName);
  checkAssets(tenant, site.siteCode, siteAssetIds);
  checkTicketNumberFree(tenant, input.clientTicketNumber);

  const visit: SiteVisitRecord = {
    id: newId("siteVisit"),
    siteId: site.id,
    clientSiteId: site.siteCode,
    description: input.description,
    clientTicketNumber: input.clientTicketNumber ?? null,
    serviceType: input.serviceType,
    jobInstructions: input.jobInstructions ?? null,
    projectId: input.projectId,
    itemName: input.itemName,
    startDate,
    dueDate,
    arePartsRequired: input.arePartsRequired ?? false,
    partsReturnRequired: input.partsReturnRequired ?? false,
    schedulingRule: input.schedulingRule ?? null,
    siteAssetIds,
    status: INITIAL_STATUS,
    returnLabel: null,
    ...firstVersion(now),
  };
  tenant.siteVisits.set(visit.id, visit);
  return visit;
}

/** Omitted fields stay; `siteAssetIds: []` clears the assets [guide]. Date order is checked on the result. */
export function updateSiteVisit(
  tenant: Tenant,
  id: string,
  patch: SiteVisitPatch,
  expectedVersion: number | undefined,
  now: string,
): SiteVisitRecord {
  const visit = getSiteVisit(tenant, id);
  checkVersion(visit, expectedVersion, "site visit");
  const { startDate, dueDate, ...rest } = patch;
  const changes: Partial<SiteVisitRecord> = { ...rest };
  if (startDate !== undefined) changes.startDate = toApiTime(new Date(startDate));
  if (dueDate !== undefined) changes.dueDate = toApiTime(new Date(dueDate));
  const updated = nextVersion(visit, changes, now);
  checkDateOrder(updated.startDate, updated.dueDate);
  if (patch.siteAssetIds) checkNoRepeatedAssets(patch.siteAssetIds);

  if (patch.projectId !== undefined) requireActiveProject(tenant, patch.projectId);
  if (patch.itemName !== undefined) requireItem(tenant, patch.itemName);
  if (patch.siteAssetIds) checkAssets(tenant, visit.clientSiteId, patch.siteAssetIds);
  checkTicketNumberFree(tenant, patch.clientTicketNumber, id);

  tenant.siteVisits.set(id, updated);
  return updated;
}

/** The visit as the API returns it, with its assets summarized and listed. */
export function renderSiteVisit(tenant: Tenant, visit: SiteVisitRecord) {
  const assets = visit.siteAssetIds.flatMap((assetId) => tenant.siteAssets.get(assetId) ?? []);
  const { createdAt, updatedAt, version, ...fields } = visit;
  return {
    ...fields,
    assetsToService: assets.length > 0 ? assets.map(summarizeAsset).join("; ") : null,
    siteVisitAssets: assets.map((asset) => ({
      siteAssetId: asset.id,
      uniqueId: asset.uniqueId,
      friendlyLocation: asset.friendlyLocation,
      assetStatus: asset.assetStatus,
      assetDisplay: asset.assetDisplay,
    })),
    createdAt,
    updatedAt,
    version,
  };
}

/** `Kiosk screen (K-100-1, Front counter)`, as in the contract's example. */
function summarizeAsset(asset: SiteAsset): string {
  return `${asset.assetDisplay} (${asset.uniqueId}, ${asset.friendlyLocation})`;
}

function checkDateOrder(startDate: string, dueDate: string): void {
  if (Date.parse(dueDate) >= Date.parse(startDate)) return;
  throw new ApiError("validation_failed", "The request is not valid; see details.", {
    details: [{ field: "dueDate", issue: `must not be before startDate (${startDate})` }],
  });
}

function checkNoRepeatedAssets(siteAssetIds: readonly number[]): void {
  const details = siteAssetIds.flatMap((assetId, index) =>
    siteAssetIds.indexOf(assetId) < index
      ? [{ field: `siteAssetIds.${index}`, issue: `repeats site asset ${assetId}` }]
      : [],
  );
  if (details.length > 0) {
    throw new ApiError("validation_failed", "The request is not valid; see details.", { details });
  }
}

/** Unknown (or another client's) asset → 404; an asset of another of the client's sites → 409 [guide]. */
function checkAssets(tenant: Tenant, siteCode: string, siteAssetIds: readonly number[]): void {
  const unknown = siteAssetIds.flatMap((assetId, index) =>
    tenant.siteAssets.has(assetId)
      ? []
      : [{ field: `siteAssetIds.${index}`, issue: `no site asset ${assetId} exists for your client` }],
  );
  if (unknown.length > 0) {
    throw new ApiError("not_found", "Some site assets do not exist for your client; see details.", {
      details: unknown,
    });
  }
  const elsewhere = siteAssetIds.flatMap((assetId, index) => {
    const asset = tenant.siteAssets.get(assetId);
    return asset && asset.siteCode !== siteCode
      ? [{ field: `siteAssetIds.${index}`, issue: `site asset ${assetId} belongs to site ${asset.siteCode}` }]
      : [];
  });
  if (elsewhere.length > 0) {
    throw new ApiError(
      "asset_site_mismatch",
      `Every site asset must belong to the visit's site ${siteCode}; see details.`,
      { details: elsewhere },
    );
  }
}

function checkTicketNumberFree(tenant: Tenant, ticketNumber: string | undefined, visitId?: string): void {
  if (ticketNumber === undefined) return;
  for (const visit of tenant.siteVisits.values()) {
    if (visit.clientTicketNumber === ticketNumber && visit.id !== visitId) {
      throw new ApiError(
        "duplicate_ticket_number",
        `You already have a site visit with clientTicketNumber ${ticketNumber}.`,
        { details: [{ field: "clientTicketNumber", issue: `is already used by site visit ${visit.id}` }] },
      );
    }
  }
}
