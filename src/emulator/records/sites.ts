import { newId } from "../../contract/ids.js";
import type { SiteCreate, SitePatch } from "../../contract/schemas.js";
import { ApiError, notFound } from "../api-error.js";
import type { SiteRecord, Tenant } from "../state.js";
import { checkVersion, firstVersion, nextVersion } from "./audit.js";

export function findSiteByCode(tenant: Tenant, siteCode: string): SiteRecord | undefined {
  for (const site of tenant.sites.values()) if (site.siteCode === siteCode) return site;
  return undefined;
}

export function getSite(tenant: Tenant, id: string): SiteRecord {
  const site = tenant.sites.get(id);
  if (!site) throw notFound("site", id);
  return site;
}

export function listSites(tenant: Tenant, filters: { siteCode?: string }): SiteRecord[] {
  return [...tenant.sites.values()].filter(
    (site) => filters.siteCode === undefined || site.siteCode === filters.siteCode,
  );
}

export function createSite(tenant: Tenant, input: SiteCreate, now: string): SiteRecord {
  if (findSiteByCode(tenant, input.siteCode)) {
    throw new ApiError("duplicate_site_code", `You already have a site with siteCode ${input.siteCode}.`, {
      details: [{ field: "siteCode", issue: "is already used by another of your sites" }],
    });
  }
  const site: SiteRecord = {
    id: newId("site"),
    ...input,
    addressLine2: input.addressLine2 ?? null,
    ...firstVersion(now),
  };
  tenant.sites.set(site.id, site);
  return site;
}

export function updateSite(
  tenant: Tenant,
  id: string,
  changes: SitePatch,
  expectedVersion: number | undefined,
  now: string,
): SiteRecord {
  const site = getSite(tenant, id);
  checkVersion(site, expectedVersion, "site");
  const updated = nextVersion(site, changes, now);
  tenant.sites.set(id, updated);
  return updated;
}
