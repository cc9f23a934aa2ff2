/**
 * What a model should do next after an API error, by error code and by the field it concerns.
 * Kept as data so the advice for each case is written once.
 */
export const NEXT_STEP_BY_FIELD: Record<string, string> = {
  projectId: "call list_projects to see the valid, active project ids",
  itemName: "call list_items to see the valid item names",
  clientSiteId: "use the siteCode of one of your sites, or call create_site first",
  siteAssetIds: "use only asset ids of the visit's own site",
  siteVisitId: "call find_visit_by_ticket to look the visit up by its ticket number",
  messageId: "call list_messages for the visit to see its message ids",
  siteId: "call list_sites to see your sites and their ids",
  siteCode: "call list_sites to see your sites and their siteCodes",
};

export const NEXT_STEP_BY_CODE: Record<string, string> = {
  duplicate_site_code:
    "a site with this siteCode already exists: use it as clientSiteId, or choose another siteCode",
  duplicate_ticket_number:
    "a visit with this clientTicketNumber already exists: call find_visit_by_ticket to see it, or use another ticket number",
  version_conflict: "the record changed since it was read: read it again and retry with the new state",
  asset_site_mismatch: "every siteAssetId must belong to the visit's own site: remove the others",
  idempotency_key_reused:
    "this idempotencyKey was already used for a different request: omit it or use a new key",
  idempotency_in_progress:
    "the same create is still being processed: call again with the same arguments shortly",
  validation_failed: "correct the named fields and call again",
  unauthorized: "the SSN credential was not accepted: call ssn_status",
  insufficient_scope: "the SSN credential lacks a scope: call ssn_status to see what it may do",
  rate_limited: "the SSN API is rate limiting: wait and call again with the same arguments",
  internal: "a transient SSN API failure: calling again with the same arguments is safe",
};
