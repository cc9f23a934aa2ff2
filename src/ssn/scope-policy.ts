import { isReadScope, type Scope } from "../contract/scopes.js";

/** Where the granted scopes came from, for `ssn_status`. */
export type ScopeSource = "token" | "configured" | "unknown" | "no-token";

export interface EffectiveScopes {
  scopes: Scope[];
  source: ScopeSource;
}

/**
 * The scopes this process may use: what the token granted (or, when the token response does not
 * say, the configured list), narrowed by the user's own limits. Unknown counts as not granted.
 */
export function effectiveScopes(
  tokenScopes: Scope[] | undefined,
  hasToken: boolean,
  limits: { configuredScopes: readonly Scope[] | undefined; readOnly: boolean },
): EffectiveScopes {
  let scopes: Scope[];
  let source: ScopeSource;
  if (!hasToken) {
    scopes = [];
    source = "no-token";
  } else if (tokenScopes) {
    scopes = limits.configuredScopes
      ? tokenScopes.filter((s) => limits.configuredScopes?.includes(s))
      : tokenScopes;
    source = "token";
  } else if (limits.configuredScopes) {
    scopes = [...limits.configuredScopes];
    source = "configured";
  } else {
    scopes = [];
    source = "unknown";
  }
  if (limits.readOnly) scopes = scopes.filter(isReadScope);
  return { scopes, source };
}
