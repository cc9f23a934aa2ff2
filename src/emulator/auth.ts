import { timingSafeEqual } from "node:crypto";
import { HEADERS } from "../contract/errors.js";
import type { Scope } from "../contract/scopes.js";
import { ApiError } from "./api-error.js";
import type { EmulatorState, Tenant } from "./state.js";
import type { IssuedToken, TokenStore } from "./tokens.js";

/** The bearer token's grant; a missing, unknown or expired token is a 401 (RFC 6750 §3.1). */
export function authenticateBearer(authorization: string | undefined, tokens: TokenStore): IssuedToken {
  const token = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization ?? "")?.[1];
  const issued = token === undefined ? undefined : tokens.find(token);
  if (issued) return issued;
  const message =
    authorization === undefined
      ? "Send Authorization: Bearer <access token>; get a token from POST /oauth/token."
      : "The access token is invalid, expired or from another environment; get a new one from POST /oauth/token.";
  throw new ApiError("unauthorized", message, {
    headers: { [HEADERS.wwwAuthenticate]: 'Bearer error="invalid_token"' },
  });
}

export function requireScope(token: IssuedToken, scope: Scope): void {
  if (token.scopes.includes(scope)) return;
  const granted = token.scopes.length > 0 ? token.scopes.join(" ") : "no scopes";
  throw new ApiError(
    "insufficient_scope",
    `This request needs the ${scope} scope; the token grants ${granted}.`,
    {
      headers: { [HEADERS.wwwAuthenticate]: `Bearer error="insufficient_scope", scope="${scope}"` },
    },
  );
}

/** The client with these credentials, or undefined; the secret is compared in constant time. */
export function authenticateClient(
  state: EmulatorState,
  clientId: string,
  secret: string,
): Tenant | undefined {
  const tenant = state.tenants.get(clientId);
  if (!tenant) return undefined;
  const expected = Buffer.from(tenant.clientSecret);
  const given = Buffer.from(secret);
  return expected.length === given.length && timingSafeEqual(expected, given) ? tenant : undefined;
}
