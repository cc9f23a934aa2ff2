import type { GatedRegistration } from "../gated-registration.js";
import { itemsResource, projectsResource } from "./reference.js";
import { siteResource } from "./site.js";
import { siteVisitResource } from "./site-visit.js";

/** Every resource ssn-mcp offers, each present only while its read scope is granted. */
export const RESOURCES: readonly GatedRegistration[] = [
  siteVisitResource,
  siteResource,
  projectsResource,
  itemsResource,
];
