import type { z } from "zod";
import type { Scope } from "../contract/scopes.js";
import type { SsnClient } from "../ssn/client.js";
import type { StatusReport } from "./status-report.js";
import type { Toolset } from "./toolsets.js";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  /** The SSN API; only scoped tools use it, and they run only when it exists. */
  readonly ssn: SsnClient;
  readonly status: () => StatusReport;
  readonly signal: AbortSignal;
  /** Reports progress when the client asked for it (a progress token); otherwise does nothing. */
  readonly progress: (progress: number, total: number, message: string) => Promise<void>;
  readonly files: FileAccess;
  /**
   * Asks the person to confirm through the client (MCP elicitation): true or false as they
   * answered, or undefined when this client cannot ask.
   */
  readonly confirm: (message: string) => Promise<boolean | undefined>;
}

/** Which local files tools may read: only over stdio, only inside these directories. */
export interface FileAccess {
  readonly pathsAllowed: boolean;
  /** `SSN_FILE_ROOTS` and the roots the MCP client declares, as absolute directories. */
  roots(): Promise<string[]>;
}

/**
 * A tool is data plus one handler. Gating, argument normalization, error mapping, text rendering
 * and logging happen once, in the registration path (`tool-dispatch.ts`), never inside a tool.
 */
export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  /** All of these must be granted for the tool to be listed and callable; none for `ssn_status`. */
  requiredScopes: readonly Scope[];
  /** The `SSN_TOOLSETS` group it belongs to; `ssn_status` belongs to none and is always listed. */
  toolset: Toolset | undefined;
  annotations: ToolAnnotations;
  input: I;
  output: O;
  run(input: z.infer<I>, ctx: ToolContext): Promise<z.infer<O>>;
  /** A few readable lines for a person; the structured content carries everything. */
  render(output: z.infer<O>): string;
  /** For a write whose answer was lost: the call that tells whether it took effect. */
  settleWith?: string;
}

/** Keeps each tool file's input and output types tied to its own schemas. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(
  definition: ToolDefinition<I, O>,
): ToolDefinition {
  return definition as unknown as ToolDefinition;
}

export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
