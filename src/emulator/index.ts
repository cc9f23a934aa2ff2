export { DEMO_SEED } from "./demo-seed.js";
export type { FaultRule } from "./faults.js";
export type { RequestLogEntry } from "./request-log.js";
export { loadSeedFile, parseSeed, type Seed, type SeedInput } from "./seed.js";
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "./server.js";
export { ConfigurationError } from "./settings.js";
export type { DeliveryLogEntry } from "./webhook-delivery.js";
