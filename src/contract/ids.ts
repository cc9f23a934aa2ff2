import { randomBytes } from "node:crypto";

/** Id prefixes of SSN resources (contract.md "Common shapes"); each is followed by 32 hex digits. */
export const ID_PREFIXES = {
  site: "site",
  siteVisit: "visit",
  message: "msg",
  file: "file",
  webhookSubscription: "whsub",
  event: "evt",
  request: "req",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBytes(16).toString("hex")}`;
}
