import type { Config } from "./config.js";
import { demoCredential } from "./demo/credentials.js";
import { startEmulator } from "./emulator/index.js";

/** `--local-sandbox`: the emulator in-process with the demo seed, and its all-scopes credential. */
export async function startLocalSandbox(
  config: Config,
): Promise<{ config: Config; close: () => Promise<void> }> {
  const emulator = await startEmulator({ port: 0 });
  return {
    config: {
      ...config,
      environment: "local",
      baseUrl: emulator.baseUrl,
      credential: demoCredential("demo-client"),
      credentialProblem: undefined,
    },
    close: () => emulator.close(),
  };
}
