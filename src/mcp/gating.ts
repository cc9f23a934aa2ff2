import { isReadScope, type Scope } from "../contract/scopes.js";
import type { HiddenTool } from "./status-report.js";
import type { ToolDefinition } from "./tool.js";
import type { Toolset } from "./toolsets.js";

export interface GatingLimits {
  /** Scopes granted before the user's own limits (for telling a read-only limit from a missing grant). */
  grantedByToken: readonly Scope[];
  /** What calls may use: granted, narrowed by SSN_SCOPES and SSN_READ_ONLY. */
  usable: readonly Scope[];
  /** Set when no scope can be relied on (no token yet, or a token that did not say): the reason to give. */
  whyNoScopes: string | undefined;
  readOnly: boolean;
  allowList: readonly string[] | undefined;
  toolsets: readonly Toolset[] | undefined;
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
    const excludedBy = userExclusion(tool, limits);
    if (missingScopes.length === 0 && !excludedBy) {
      visible.push(tool);
      continue;
    }
    hidden.push({ name: tool.name, missingScopes, reason: excludedBy ?? scopeReason(missingScopes, limits) });
  }
  return { visible, hidden };
}

/** Why the user's own choice (`SSN_TOOLS`, `SSN_TOOLSETS`) leaves a tool out; `ssn_status` never is. */
function userExclusion(tool: ToolDefinition, limits: GatingLimits): string | undefined {
  if (!tool.toolset) return undefined;
  if (limits.allowList && !limits.allowList.includes(tool.name)) return "not in SSN_TOOLS";
  if (limits.toolsets && !limits.toolsets.includes(tool.toolset)) {
    return `its toolset "${tool.toolset}" is not in SSN_TOOLSETS`;
  }
  return undefined;
}

function scopeReason(missing: Scope[], limits: GatingLimits): string {
  if (limits.whyNoScopes) return limits.whyNoScopes;
  const names = missing.map((scope) => `"${scope}"`).join(", ");
  const limitedByReadOnly =
    limits.readOnly && missing.every((scope) => !isReadScope(scope) && limits.grantedByToken.includes(scope));
  if (limitedByReadOnly) return `needs ${names}, withheld because SSN_READ_ONLY is set`;
  return `the SSN credential lacks the scope ${names}`;
}
