import type { z } from "zod";
import type { Scope } from "../contract/scopes.js";
import type { SsnClient } from "../ssn/client.js";
import type { StatusReport } from "./status-report.js";

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
