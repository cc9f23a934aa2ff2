import { connectServer, credentialEnv, DEMO, type ListedTool, startTestEmulator } from "../e2e/harness.js";

export interface ToolList {
  tools: ListedTool[];
}

/**
 * The `tools/list` result exactly as the SDK client receives it from the built server over stdio,
 * with the demo credential: it has every scope, so every tool is listed.
 */
export async function fetchToolList(): Promise<ToolList> {
  const emulator = await startTestEmulator();
  try {
    const server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
    try {
      return (await server.client.listTools()) as ToolList;
    } finally {
      await server.close();
    }
  } finally {
    await emulator.close();
  }
}
