import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";

const credential = { SSN_CLIENT_ID: "id-1", SSN_CLIENT_SECRET: "s3cret-value" };

describe("configuration", () => {
  it("defaults to the sandbox environment", () => {
    const config = parseConfig([], credential);
    expect(config.environment).toBe("sandbox");
    expect(config.baseUrl).toBe("https://sandbox-api.siteservicesnow.com/api/v1");
    expect(config.credential).toEqual({ clientId: "id-1", clientSecret: "s3cret-value" });
  });

  it("takes flags over environment variables", () => {
    const config = parseConfig(["--environment", "production", "--read-only"], {
      ...credential,
      SSN_ENVIRONMENT: "sandbox",
    });
    expect(config.environment).toBe("production");
    expect(config.readOnly).toBe(true);
  });

  it("parses scopes, tools and booleans", () => {
    const config = parseConfig([], {
      ...credential,
      SSN_SCOPES: "sites:read,site-visits:read",
      SSN_TOOLS: "get_site_visit, list_projects",
      SSN_READ_ONLY: "yes",
    });
    expect(config.configuredScopes).toEqual(["sites:read", "site-visits:read"]);
    expect(config.toolAllowList).toEqual(["get_site_visit", "list_projects"]);
    expect(config.readOnly).toBe(true);
  });

  it.each([
    [
      { SSN_ENVIRONMENT: "staging" },
      'SSN_ENVIRONMENT / --environment is not valid (got "staging"): expected sandbox, production, local',
    ],
    [{ SSN_SCOPES: "sites:read sites:admin" }, "SSN_SCOPES / --scopes is not valid"],
    [{ SSN_BASE_URL: "http://api.example.com/api/v1" }, "SSN_BASE_URL / --base-url is not valid"],
    [{ SSN_BASE_URL: "https://api.example.com" }, "expected an https URL ending in /api/v1"],
    [
      { SSN_READ_ONLY: "maybe" },
      'SSN_READ_ONLY / --read-only is not valid (got "maybe"): expected true or false',
    ],
    [{ SSN_LOG_LEVEL: "verbose" }, "SSN_LOG_LEVEL / --log-level is not valid"],
  ])("stops on a bad value with one line naming the variable: %o", (env, message) => {
    expect(() => parseConfig([], { ...credential, ...env })).toThrow(ConfigError);
    expect(() => parseConfig([], { ...credential, ...env })).toThrow(message);
  });

  it("takes file roots from SSN_FILE_ROOTS and from arguments, as an MCP bundle passes them", () => {
    const config = parseConfig(["/srv/labels", "${user_config.file_roots}"], {
      ...credential,
      SSN_FILE_ROOTS: "/srv/a",
    });
    expect(config.fileRoots).toEqual(["/srv/a", "/srv/labels"]);
    expect(config.warnings).toEqual([
      "a file-root argument holds the unresolved placeholder ${user_config.file_roots}; it is ignored",
    ]);
    expect(() => parseConfig(["labels"], credential)).toThrow(
      'the file-root argument "labels" is not an absolute directory',
    );
  });

  it("takes a base URL with a trailing slash", () => {
    expect(parseConfig([], { ...credential, SSN_BASE_URL: "https://api.example.com/api/v1/" }).baseUrl).toBe(
      "https://api.example.com/api/v1",
    );
  });

  it("says which settings --local-sandbox overrides", () => {
    const config = parseConfig(["--local-sandbox", "--environment", "production"], credential);
    expect(config.warnings).toEqual([
      "--local-sandbox uses the built-in emulator and its demo credential; ignoring SSN_CLIENT_ID, SSN_CLIENT_SECRET, SSN_ENVIRONMENT",
    ]);
  });

  it("explains a missing credential and how to fix it", () => {
    const config = parseConfig([], {});
    expect(config.credential).toBeUndefined();
    expect(config.credentialProblem).toContain("SSN_CLIENT_ID is not set and SSN_CLIENT_SECRET is not set");
    expect(config.credentialProblem).toContain("--local-sandbox");
  });

  it("reports unresolved launcher placeholders without echoing them as credentials", () => {
    const config = parseConfig([], {
      SSN_CLIENT_ID: "${user_config.client_id}",
      SSN_CLIENT_SECRET: "__encrypted__:abcd",
    });
    expect(config.credential).toBeUndefined();
    expect(config.credentialProblem).toContain(
      "SSN_CLIENT_ID holds the unresolved placeholder ${user_config.client_id}",
    );
    expect(config.credentialProblem).toContain(
      "SSN_CLIENT_SECRET holds an encrypted value the launcher did not decrypt",
    );
    expect(config.credentialProblem).not.toContain("abcd");
  });

  it("ignores a placeholder in an optional setting, with a warning", () => {
    const config = parseConfig([], { ...credential, SSN_BASE_URL: "${user_config.base_url}" });
    expect(config.baseUrl).toBe("https://sandbox-api.siteservicesnow.com/api/v1");
    expect(config.warnings).toEqual([
      "SSN_BASE_URL holds the unresolved placeholder ${user_config.base_url}; it is ignored",
    ]);
  });

  it("never echoes the secret in an error", () => {
    expect(() => parseConfig(["--client-secret", "x"], credential)).toThrow();
  });
});
