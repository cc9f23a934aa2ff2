/** The vendor guide's own example payloads (getting-started.md), used by the demo and the tests. */

export const GUIDE_SITE = {
  name: "Demo Store 100",
  siteCode: "DEMO-STORE-100",
  addressLine1: "123 Main St",
  city: "Phoenix",
  stateRegion: "AZ",
  postalCode: "85001",
  country: "US",
};

/** "Create a Site Visit". */
export const GUIDE_VISIT = {
  clientSiteId: "DEMO-STORE-100",
  description: "Replace damaged kiosk screen",
  clientTicketNumber: "CLIENT-TKT-10027",
  serviceType: "Break / Fix",
  jobInstructions: "Check in with store manager before opening the equipment.",
  projectId: 123,
  itemName: "TEST ITEM",
  startDate: "2026-04-15T16:00:00Z",
  dueDate: "2026-04-16T01:00:00Z",
  arePartsRequired: false,
  partsReturnRequired: false,
  schedulingRule: "Date/Time Specific",
};

/** "Assign Site Assets to a Site Visit". */
export const GUIDE_VISIT_WITH_ASSETS = { ...GUIDE_VISIT, siteAssetIds: [456, 457] };

/** "Add a Message", without the visit it goes to. */
export const GUIDE_MESSAGE = {
  type: "Support",
  messageThread: "Client note: technician should call before arrival.",
  status: "Open",
  urgency: "Normal",
  buyer: true,
  clientContacts: true,
};
