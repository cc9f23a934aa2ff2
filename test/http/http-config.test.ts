import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { DEFAULT_MAX_BODY_BYTES, parseHttpMode } from "../../src/http/http-config.js";

const credential = { SSN_CLIENT_ID: "id-1", SSN_CLIENT_SECRET: "s3cret-value" };
const TOKEN = "t".repeat(40);
const OAUTH = {
  SSN_MCP_OAUTH_ISSUER: "https://login.example.com",
  SSN_MCP_OAUTH_JWKS_URL: "https://login.example.com/jwks.json",
  SSN_MCP_OAUTH_AUDIENCE: "https://mcp.example.com/mcp",
  SSN_MCP_OAUTH_SCOPE: "ssn-mcp",
};

const failure = (argv: string[], env: NodeJS.ProcessEnv): string => {
  try {
    parseHttpMode(argv, { ...credential, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("ssn-mcp http settings", () => {
  it("defaults to loopback port 3000 with sessions, no auth, in-memory state", () => {
    const { http, config } = parseHttpMode([], { ...credential, SSN_TIMEOUT: "20" });
    expect(http).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      stateless: false,
      auth: { kind: "none" },
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      sessionIdleMs: 1_800_000,
      drainMs: 25_000,
      redisUrl: undefined,
    });
    expect(http.allowedHosts).toEqual(["localhost", "127.0.0.1", "[::1]"]);
    expect(config.timeoutMs).toBe(20_000);
  });

  it("takes its own flags and hands the shared ones on", () => {
    const { http, config } = parseHttpMode(
      ["--port=8080", "--read-only", "--host", "0.0.0.0", "--stateless", "--log-level", "debug"],
      { ...credential, SSN_MCP_HTTP_TOKEN: TOKEN, SSN_MCP_ALLOWED_HOSTS: "mcp.example.com, Other.Example" },
    );
    expect(http).toMatchObject({ host: "0.0.0.0", port: 8080, stateless: true, auth: { kind: "token" } });
    expect(http.allowedHosts).toEqual([
      "localhost",
      "127.0.0.1",
      "[::1]",
      "mcp.example.com",
      "other.example",
    ]);
    expect(config).toMatchObject({ readOnly: true, logLevel: "debug" });
    expect(
      parseHttpMode([], { ...credential, SSN_MCP_STATELESS: "yes", SSN_MCP_PORT: "0" }).http,
    ).toMatchObject({
      stateless: true,
      port: 0,
    });
  });

  it("reads OAuth mode and allows the audience's host", () => {
    const { http } = parseHttpMode([], { ...credential, ...OAUTH });
    expect(http.auth).toEqual({
      kind: "oauth",
      issuer: OAUTH.SSN_MCP_OAUTH_ISSUER,
      jwksUrl: OAUTH.SSN_MCP_OAUTH_JWKS_URL,
      audience: OAUTH.SSN_MCP_OAUTH_AUDIENCE,
      scope: "ssn-mcp",
    });
    expect(http.allowedHosts).toContain("mcp.example.com");
  });

  it.each([
    [["--host", "0.0.0.0"], {}, "refusing to listen on 0.0.0.0 without authentication"],
    [["--port", "70000"], {}, 'SSN_MCP_PORT / --port is not valid (got "70000")'],
    [[], { SSN_MCP_HTTP_TOKEN: TOKEN, SSN_MCP_OAUTH_ISSUER: OAUTH.SSN_MCP_OAUTH_ISSUER }, "not both"],
    [
      [],
      { SSN_MCP_OAUTH_ISSUER: OAUTH.SSN_MCP_OAUTH_ISSUER },
      "OAuth mode also needs SSN_MCP_OAUTH_JWKS_URL, SSN_MCP_OAUTH_AUDIENCE, SSN_MCP_OAUTH_SCOPE",
    ],
    [
      [],
      { ...OAUTH, SSN_MCP_OAUTH_JWKS_URL: "http://login.example.com/jwks" },
      "SSN_MCP_OAUTH_JWKS_URL is not valid",
    ],
    [[], { SSN_MCP_ALLOWED_ORIGINS: "https://app.example.com" }, "SSN_MCP_ALLOWED_ORIGINS is not valid"],
    [[], { SSN_MCP_SESSION_IDLE_SECONDS: "0" }, "SSN_MCP_SESSION_IDLE_SECONDS is not valid"],
    [
      [],
      { SSN_MCP_HTTP_TOKEN: "${user_config.token}" },
      "SSN_MCP_HTTP_TOKEN holds the unresolved placeholder",
    ],
  ])("stops the start on %j %j with one line naming the setting", (argv, env, expected) => {
    const message = failure(argv, env);
    expect(message).toContain(expected);
    expect(message).not.toContain("\n");
  });

  it("names an unknown flag, as the shared settings do", () => {
    expect(() => parseHttpMode(["--bogus"], credential)).toThrow("Unknown option '--bogus'");
  });

  it("never shows a secret it refuses", () => {
    const shortToken = "too-short-token";
    expect(failure([], { SSN_MCP_HTTP_TOKEN: shortToken })).not.toContain(shortToken);
    const redisUrl = "http://user:hunter22@redis.internal:6379";
    const message = failure([], { SSN_REDIS_URL: redisUrl });
    expect(message).toContain("SSN_REDIS_URL is not valid");
    expect(message).not.toContain("hunter22");
    const badEscape = failure([], { SSN_REDIS_URL: "redis://user:pa%zzss@redis.internal:6379" });
    expect(badEscape).toContain("SSN_REDIS_URL is not valid: expected redis://");
    expect(badEscape).not.toContain("pa%zzss");
  });
});
