/** Groups of tools a user can switch on with `SSN_TOOLSETS`, on top of scope gating. */
export const TOOLSETS = ["sites", "site_visits", "messages", "files", "reference", "webhooks"] as const;
export type Toolset = (typeof TOOLSETS)[number];
