import type { EnvironmentName } from "../contract/environments.js";
import type { Scope } from "../contract/scopes.js";
import type { ScopeSource } from "../ssn/scope-policy.js";

export interface HiddenTool {
  name: string;
  missingScopes: Scope[];
  reason: string;
}

/** What `ssn_status` reports; never holds the client secret or a token. */
export interface StatusReport {
  environment: EnvironmentName;
  baseUrl: string;
  clientId: string | undefined;
  localSandbox: boolean;
  connected: boolean;
  problem: string | undefined;
  grantedScopes: Scope[];
  scopeSource: ScopeSource;
  readOnly: boolean;
  tokenExpiresAt: string | undefined;
  visibleTools: string[];
  hiddenTools: HiddenTool[];
}
