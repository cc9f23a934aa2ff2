import { describe, expect, it } from "vitest";
import { partitionTools } from "../../src/mcp/gating.js";
import { TOOLS } from "../../src/mcp/tools/index.js";
import { effectiveScopes } from "../../src/ssn/scope-policy.js";
import { READ_TOOLS } from "../e2e/harness.js";

const names = (tools: { name: string }[]) => tools.map((t) => t.name);

describe("scope gating", () => {
  it("shows only the read tools to a read-only credential and names the scope each write lacks", () => {
    const granted = ["sites:read", "site-visits:read", "messages:read"] as const;
    const { visible, hidden } = partitionTools(TOOLS, {
      grantedByToken: granted,
      usable: granted,
      whyNoScopes: undefined,
      readOnly: false,
      allowList: undefined,
      toolsets: undefined,
    });
    expect(names(visible)).toEqual(READ_TOOLS);
    expect(hidden.find((h) => h.name === "create_site")).toEqual({
      name: "create_site",
      missingScopes: ["sites:write"],
      reason: 'the SSN credential lacks the scope "sites:write"',
    });
  });

  it("says when SSN_READ_ONLY, not the credential, withholds a write", () => {
    const granted = ["sites:read", "sites:write"] as const;
    const usable = effectiveScopes([...granted], true, {
      configuredScopes: undefined,
      readOnly: true,
    }).scopes;
    const { hidden } = partitionTools(TOOLS, {
      grantedByToken: granted,
      usable,
      whyNoScopes: undefined,
      readOnly: true,
      allowList: undefined,
      toolsets: undefined,
    });
    expect(hidden.find((h) => h.name === "create_site")?.reason).toBe(
      'needs "sites:write", withheld because SSN_READ_ONLY is set',
    );
  });

  it("narrows to SSN_TOOLS but always keeps ssn_status", () => {
    const all = ["site-visits:read", "site-visits:write"] as const;
    const { visible } = partitionTools(TOOLS, {
      grantedByToken: all,
      usable: all,
      whyNoScopes: undefined,
      readOnly: false,
      allowList: ["get_site_visit"],
      toolsets: undefined,
    });
    expect(names(visible)).toEqual(["ssn_status", "get_site_visit"]);
  });

  it("gives the real reason when no scope can be relied on yet", () => {
    const { hidden } = partitionTools(TOOLS, {
      grantedByToken: [],
      usable: [],
      whyNoScopes: "not connected to SSN: wrong secret",
      readOnly: false,
      allowList: undefined,
      toolsets: undefined,
    });
    expect(hidden.find((h) => h.name === "list_projects")?.reason).toBe("not connected to SSN: wrong secret");
  });

  it("counts unknown scopes as not granted", () => {
    expect(effectiveScopes(undefined, true, { configuredScopes: undefined, readOnly: false })).toEqual({
      scopes: [],
      source: "unknown",
    });
    expect(effectiveScopes(undefined, true, { configuredScopes: ["sites:read"], readOnly: false })).toEqual({
      scopes: ["sites:read"],
      source: "configured",
    });
    expect(
      effectiveScopes(["sites:read", "sites:write"], true, {
        configuredScopes: ["sites:read"],
        readOnly: false,
      }).scopes,
    ).toEqual(["sites:read"]);
  });
});
