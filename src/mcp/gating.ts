import { isReadScope, type Scope } from "../contract/scopes.js";
import type { HiddenTool } from "./status-report.js";
import type { ToolDefinition } from "./tool.js";

export interface GatingLimits {
  /** Scopes granted before the user's own limits (for telling a read-only limit from a missing grant). */
  grantedByToken: readonly Scope[];
  /** What calls may use: granted, narrowed by SSN_SCOPES and SSN_READ_ONLY. */
  usable: readonly Scope[];
  readOnly: boolean;
  allowList: readonly string[] | undefined;
}

/** Splits the tools into those this credential may see and call, and the rest with the reason. */
export function partitionTools(
  tools: readonly ToolDefinition[],
  limits: GatingLimits,
): { visible: ToolDefinition[]; hidden: HiddenTool[] } {
  const visible: ToolDefinition[] = [];
  const hidden: HiddenTool[] = [];
  for (const tool of tools) {
    const missingScopes = tool.requiredScopes.filter((scope) => !limits.usable.includes(scope));
    const allowed =
      !limits.allowList || tool.requiredScopes.length === 0 || limits.allowList.includes(tool.name);
    if (missingScopes.length === 0 && allowed) {
      visible.push(tool);
      continue;
    }
    hidden.push({ name: tool.name, missingScopes, reason: hiddenReason(missingScopes, allowed, limits) });
  }
  return { visible, hidden };
}

function hiddenReason(missing: Scope[], allowed: boolean, limits: GatingLimits): string {
  if (missing.length === 0 && !allowed) return "not in SSN_TOOLS";
  const names = missing.map((scope) => `"${scope}"`).join(", ");
  const limitedByReadOnly =
    limits.readOnly && missing.every((scope) => !isReadScope(scope) && limits.grantedByToken.includes(scope));
  if (limitedByReadOnly) return `needs ${names}, withheld because SSN_READ_ONLY is set`;
  return `the SSN credential lacks the scope ${names}`;
}
