import { HEADERS } from "../../contract/errors.js";
import { parseScopeString, type Scope } from "../../contract/scopes.js";
import { authenticateClient } from "../auth.js";
import { type HttpAnswer, hasMediaType } from "../http.js";
import type { RequestContext } from "./context.js";

type OAuthErrorCode = "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** An RFC 6749 §5.2 error answer; the token endpoint never uses the API's error body. */
export function oauthError(error: OAuthErrorCode, description: string): HttpAnswer {
  const headers: Record<string, string> = { ...NO_STORE };
  if (error === "invalid_client") headers[HEADERS.wwwAuthenticate] = 'Basic realm="SSN"';
  return {
    status: error === "invalid_client" ? 401 : 400,
    body: { error, error_description: description },
    headers,
  };
}

/**
 * `POST /oauth/token`, client credentials grant (RFC 6749 §4.4). The client authenticates with
 * `client_id`/`client_secret` in the form or with HTTP Basic (§2.3.1), not both; an optional `scope`
 * asks for a subset of the client's allowed scopes.
 */
export function issueToken(ctx: RequestContext): HttpAnswer {
  if (!hasMediaType(ctx.headers["content-type"], "application/x-www-form-urlencoded")) {
    return oauthError("invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
  }
  const form = new URLSearchParams(ctx.rawBody.toString("utf8"));
  const repeated = [...new Set(form.keys())].find((name) => form.getAll(name).length > 1);
  if (repeated) return oauthError("invalid_request", `${repeated} must be sent only once.`);

  const credentials = clientCredentials(ctx.headers.authorization, form);
  if ("error" in credentials) return credentials.error;
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError("invalid_request", "grant_type is required.");

  const { state, config, tokens } = ctx.emulator;
  if (state.tenants.has(credentials.clientId)) ctx.identifyClient(credentials.clientId);
  const tenant = authenticateClient(state, credentials.clientId, credentials.secret);
  if (!tenant)
    return oauthError("invalid_client", "Client authentication failed: unknown client or wrong secret.");
  if (grantType !== "client_credentials") {
    return oauthError("unsupported_grant_type", "Only grant_type=client_credentials is supported.");
  }

  const scopes = grantedScopes(tenant.scopes, form.get("scope"));
  if ("error" in scopes) return scopes.error;
  const accessToken = tokens.issue(tenant.clientId, scopes.granted, config.tokenTtlSeconds);
  return {
    status: 200,
    body: {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: config.tokenTtlSeconds,
      scope: scopes.granted.join(" "),
    },
    headers: NO_STORE,
  };
}

function clientCredentials(
  authorization: string | undefined,
  form: URLSearchParams,
): { clientId: string; secret: string } | { error: HttpAnswer } {
  const formId = form.get("client_id");
  const formSecret = form.get("client_secret");
  if (authorization === undefined) {
    if (!formId) return { error: oauthError("invalid_request", "client_id is required.") };
    if (!formSecret) return { error: oauthError("invalid_request", "client_secret is required.") };
    return { clientId: formId, secret: formSecret };
  }
  const basic = parseBasic(authorization);
  if (!basic) {
    return {
      error: oauthError("invalid_client", "The Authorization header must be HTTP Basic client credentials."),
    };
  }
  if (formSecret !== null) {
    return {
      error: oauthError("invalid_request", "Use one client authentication method: Basic or the form."),
    };
  }
  if (formId !== null && formId !== basic.clientId) {
    return {
      error: oauthError("invalid_request", "client_id in the form differs from the Basic credentials."),
    };
  }
  return basic;
}

/** `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
function parseBasic(authorization: string): { clientId: string; secret: string } | undefined {
  const encoded = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(authorization)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  try {
    const formDecode = (part: string) => decodeURIComponent(part.replaceAll("+", " "));
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** All allowed scopes without `scope`; otherwise exactly the requested ones, each of which must be allowed. */
function grantedScopes(
  allowed: readonly Scope[],
  requested: string | null,
): { granted: readonly Scope[] } | { error: HttpAnswer } {
  if (requested === null || requested.trim() === "") return { granted: allowed };
  const { known, unknown } = parseScopeString(requested);
  const refused = [...unknown, ...known.filter((scope) => !allowed.includes(scope))];
  if (refused.length > 0) {
    return {
      error: oauthError(
        "invalid_scope",
        `Not allowed for this client: ${refused.join(" ")}. Allowed: ${allowed.join(" ") || "none"}.`,
      ),
    };
  }
  return { granted: allowed.filter((scope) => known.includes(scope)) };
}
