import { createHash, timingSafeEqual } from "node:crypto";
import {
  type AuthInfo,
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  OAuthError,
  OAuthErrorCode,
  type OAuthTokenVerifier,
  verifyBearerToken,
} from "@modelcontextprotocol/server";
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
import type { Logger } from "../log.js";
import type { InboundAuth } from "./http-config.js";

/** How a static token's verified identity is named to the session owner check and the logs. */
const STATIC_TOKEN_CLIENT = "static-token";
/** A static token never expires; the SDK wants an expiry, so each verification grants an hour. */
const STATIC_TOKEN_LIFETIME_SECONDS = 3600;

/** The inbound gate of `/mcp`: the caller's verified identity, or the HTTP answer refusing it. */
export interface Authentication {
  verify(authorizationHeader: string | undefined): Promise<AuthInfo | Response>;
  /** OAuth only: the RFC 9728 protected-resource document and the path it is served at. */
  resourceMetadata: { path: string; document: Record<string, unknown> } | undefined;
}

/** `undefined` when `/mcp` is open (loopback only; the configuration refuses anything else). */
export function createAuthentication(auth: InboundAuth, logger: Logger): Authentication | undefined {
  if (auth.kind === "none") return undefined;
  if (auth.kind === "token") {
    logger.addSecret(auth.token);
    return bearerGate(staticTokenVerifier(auth.token), { requiredScopes: [] }, undefined, logger);
  }
  const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(new URL(auth.audience));
  const resourceMetadata = {
    path: new URL(resourceMetadataUrl).pathname,
    document: {
      resource: auth.audience,
      authorization_servers: [auth.issuer],
      scopes_supported: [auth.scope],
      bearer_methods_supported: ["header"],
      resource_name: "ssn-mcp",
    },
  };
  return bearerGate(
    jwtVerifier(auth),
    { requiredScopes: [auth.scope], resourceMetadataUrl },
    resourceMetadata,
    logger,
  );
}

function bearerGate(
  verifier: OAuthTokenVerifier,
  options: { requiredScopes: string[]; resourceMetadataUrl?: string },
  resourceMetadata: Authentication["resourceMetadata"],
  logger: Logger,
): Authentication {
  return {
    async verify(authorizationHeader) {
      try {
        return await verifyBearerToken(authorizationHeader, { verifier, ...options });
      } catch (error) {
        // An OAuthError is the caller's token; anything else (the issuer's keys unreachable) is ours.
        if (!(error instanceof OAuthError)) {
          logger.warning(`token verification failed: ${error instanceof Error ? error.message : error}`);
        }
        return bearerAuthChallengeResponse(error, options);
      }
    },
    resourceMetadata,
  };
}

/** Who a verified caller is, for binding a session to the caller that opened it. */
export function principalOf(authInfo: AuthInfo | undefined): string {
  if (!authInfo) return "";
  return `${authInfo.clientId}\n${String(authInfo.extra?.subject ?? "")}`;
}

/** One shared bearer token, compared in constant time (digests, so lengths leak nothing either). */
function staticTokenVerifier(token: string): OAuthTokenVerifier {
  const expected = digest(token);
  return {
    async verifyAccessToken(candidate) {
      if (!timingSafeEqual(digest(candidate), expected)) {
        throw new OAuthError(OAuthErrorCode.InvalidToken, "Unknown token");
      }
      return {
        token: candidate,
        clientId: STATIC_TOKEN_CLIENT,
        scopes: [],
        expiresAt: Math.floor(Date.now() / 1000) + STATIC_TOKEN_LIFETIME_SECONDS,
      };
    },
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** OAuth 2.1 resource server: JWT access tokens signed by the issuer's keys, for this audience. */
function jwtVerifier(auth: Extract<InboundAuth, { kind: "oauth" }>): OAuthTokenVerifier {
  const keys = createRemoteJWKSet(new URL(auth.jwksUrl));
  return {
    async verifyAccessToken(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: auth.issuer, audience: auth.audience }));
      } catch (error) {
        // The issuer's key set being unreachable or broken is this server's problem, not the token's.
        if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw error;
        if (error instanceof errors.JOSEError)
          throw new OAuthError(OAuthErrorCode.InvalidToken, error.message);
        throw error;
      }
      const clientId = [payload.client_id, payload.azp, payload.sub].find((v) => typeof v === "string");
      return {
        token,
        clientId: (clientId as string | undefined) ?? "unknown",
        scopes: scopesOf(payload),
        expiresAt: payload.exp,
        resource: new URL(auth.audience),
        extra: { subject: payload.sub },
      };
    },
  };
}

/** RFC 9068 `scope` (space-separated), or the `scp` array some issuers use. */
function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === "string") return payload.scope.split(" ").filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === "string");
  return [];
}
