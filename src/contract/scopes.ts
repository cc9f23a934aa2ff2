/**
 * The OAuth scopes of the SSN API and what each grants (contract.md "Scopes").
 * [guide] for sites and site visits; messages and webhooks are [assumed].
 */
export const SCOPES = [
  "sites:read",
  "sites:write",
  "site-visits:read",
  "site-visits:write",
  "messages:read",
  "messages:write",
  "webhooks:read",
  "webhooks:write",
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Parses an OAuth `scope` string (space-separated) into its known scopes and the unknown leftovers. */
export function parseScopeString(value: string): { known: Scope[]; unknown: string[] } {
  const known: Scope[] = [];
  const unknown: string[] = [];
  for (const word of value.split(/\s+/).filter(Boolean)) {
    if (isScope(word)) {
      if (!known.includes(word)) known.push(word);
    } else unknown.push(word);
  }
  return { known, unknown };
}

/** Scopes that only read: the ones `SSN_READ_ONLY` keeps. */
export function isReadScope(scope: Scope): boolean {
  return scope.endsWith(":read");
}
