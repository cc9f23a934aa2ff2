import type { FileMeta, Message, Site, SiteVisit } from "../contract/schemas.js";
import { clip } from "./sanitize.js";

/** Free text on one line, so a record stays a few lines however its text is laid out. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " / ");
}

/** A few readable lines per record, with the ids a model needs for its next call. */
export function renderSiteVisit(visit: SiteVisit): string {
  const lines = [
    `Site visit ${visit.id} (${visit.status})${visit.clientTicketNumber ? `, ticket ${visit.clientTicketNumber}` : ""}`,
    `Site: ${visit.clientSiteId} · project ${visit.projectId} · item ${visit.itemName} · ${visit.serviceType}`,
    `When: ${visit.startDate} → ${visit.dueDate}`,
    `Description: ${clip(oneLine(visit.description))}`,
  ];
  if (visit.siteVisitAssets.length > 0) {
    const ids = visit.siteVisitAssets.map((asset) => asset.siteAssetId).join(", ");
    lines.push(`Assets (${ids}): ${clip(visit.assetsToService ?? "")}`);
  } else lines.push("Assets: none assigned");
  lines.push(`Version ${visit.version}; resource ssn://site-visits/${visit.id}`);
  return lines.join("\n");
}

export function renderSite(site: Site): string {
  return [
    `Site ${site.siteCode} (${site.id}): ${site.name}`,
    `${site.addressLine1}${site.addressLine2 ? `, ${site.addressLine2}` : ""}, ${site.city}, ${site.stateRegion} ${site.postalCode}, ${site.country}`,
  ].join("\n");
}

export function renderMessage(message: Message): string {
  const labels = [message.type, message.status, message.urgency].filter(Boolean).join(", ");
  return [
    `Message ${message.id} on ${message.siteVisitId}${labels ? ` (${labels})` : ""}`,
    clip(oneLine(message.messageThread)),
  ].join("\n");
}

export function renderFile(file: FileMeta): string {
  return `${file.fileName} (${file.id}): ${file.contentType}, ${file.size} bytes, sha256 ${file.sha256}`;
}

/** The line that says an earlier identical create was returned instead of a new record. */
export function replayNote(alreadyExisted: boolean): string {
  return alreadyExisted
    ? "\nThis is the record created earlier by the same call (idempotent replay); no second record was made."
    : "";
}

/** A page of records, one rendering each, or `empty` when there are none; says how to get more. */
export function renderPage<T>(
  records: T[],
  renderOne: (record: T) => string,
  empty: string,
  nextCursor?: string,
): string {
  if (records.length === 0) return empty;
  const more = nextCursor ? `\nMore results: call again with cursor "${nextCursor}".` : "";
  return records.map(renderOne).join("\n") + more;
}
