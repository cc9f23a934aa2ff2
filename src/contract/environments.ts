/** SSN environments and their base URLs [guide]. `local` is the project's own emulator. */
export const ENVIRONMENTS = {
  sandbox: "https://sandbox-api.siteservicesnow.com/api/v1",
  production: "https://api.siteservicesnow.com/api/v1",
  local: "http://127.0.0.1:4010/api/v1",
} as const;

export type EnvironmentName = keyof typeof ENVIRONMENTS;
export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];

/** Every API path is relative to a base URL ending in this prefix. */
export const API_PREFIX = "/api/v1";
