import { describe, expect, it } from "vitest";
import { normalizeArguments } from "../../src/mcp/arguments.js";
import { assignAssets } from "../../src/mcp/tools/assign-assets.js";
import { createSiteVisit } from "../../src/mcp/tools/create-site-visit.js";

const validVisit = {
  clientSiteId: "DEMO-STORE-100",
  description: "Replace damaged kiosk screen",
  serviceType: "Break / Fix",
  projectId: 123,
  itemName: "TEST ITEM",
  startDate: "2026-04-15T16:00:00Z",
  dueDate: "2026-04-16T01:00:00Z",
};

function normalize(args: Record<string, unknown>) {
  return normalizeArguments(createSiteVisit.input, { ...validVisit, ...args });
}

describe("near-miss arguments that have one clear meaning are accepted", () => {
  it.each([
    ["integer as a string", { projectId: "123" }, { projectId: 123 }],
    ["integer array as a JSON string", { siteAssetIds: "[456,457]" }, { siteAssetIds: [456, 457] }],
    ["integer array as a comma list", { siteAssetIds: "456, 457" }, { siteAssetIds: [456, 457] }],
    ["integer array of strings", { siteAssetIds: ["456", "457"] }, { siteAssetIds: [456, 457] }],
    ["a single integer for an array", { siteAssetIds: 456 }, { siteAssetIds: [456] }],
    [
      "boolean as a string",
      { arePartsRequired: "true", partsReturnRequired: "FALSE" },
      { arePartsRequired: true, partsReturnRequired: false },
    ],
    [
      "date-time with a space for T",
      { startDate: "2026-04-15 16:00:00Z" },
      { startDate: "2026-04-15T16:00:00Z" },
    ],
    ["null for an optional field", { jobInstructions: null }, {}],
  ])("%s", (_label, given, expected) => {
    const result = normalize(given);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject(expected);
    if (result.ok && "jobInstructions" in given) expect(result.value).not.toHaveProperty("jobInstructions");
  });
});

describe("arguments without one clear meaning are refused, naming the field and the accepted form", () => {
  it.each([
    [
      "a non-numeric project id",
      { projectId: "abc" },
      'projectId: expected an integer, e.g. 123, got the string "abc"',
    ],
    ["a fractional project id", { projectId: 12.5 }, "projectId:"],
    [
      "a date-time without an offset",
      { startDate: "2026-04-15T16:00:00" },
      "startDate: must be an RFC 3339 date-time with an offset, e.g. 2026-04-15T16:00:00Z",
    ],
    [
      "a date without a time",
      { dueDate: "2026-04-16" },
      "dueDate: must be an RFC 3339 date-time with an offset",
    ],
    ["an impossible date", { dueDate: "2026-02-30T10:00:00Z" }, "dueDate: must be an RFC 3339 date-time"],
    [
      "a boolean as yes",
      { arePartsRequired: "yes" },
      'arePartsRequired: expected true or false, got the string "yes"',
    ],
    ["an array with a word", { siteAssetIds: '[456, "x"]' }, "siteAssetIds.1: expected an integer"],
    ["null for a required field", { itemName: null }, "itemName"],
    ["an empty description", { description: "   " }, "description: must not be empty"],
  ])("%s", (_label, given, expected) => {
    const result = normalize(given);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toContain(expected);
  });

  it("names a missing required field and its accepted form", () => {
    const { projectId: _omitted, ...rest } = validVisit;
    const result = normalizeArguments(createSiteVisit.input, rest);
    expect(result).toEqual({ ok: false, problems: ["projectId is required: expected an integer, e.g. 123"] });
  });

  it("refuses an unknown key with a suggestion and the accepted keys", () => {
    const result = normalize({ ticketNumber: "T-1" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toContain(
        'unknown field "ticketNumber" (did you mean "clientTicketNumber"?)',
      );
      expect(result.problems[0]).toContain("accepted fields: clientSiteId, description");
    }
  });

  it("refuses a differently-cased key instead of dropping it silently", () => {
    const result = normalizeArguments(assignAssets.input, { siteVisitId: "visit_1", siteAssetIDs: [1] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join()).toContain('did you mean "siteAssetIds"');
  });

  it("refuses an enum value outside the list, naming the allowed values", () => {
    const result = normalizeArguments(assignAssets.input, {
      siteVisitId: "visit_1",
      siteAssetIds: [1],
      mode: "append",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual(['mode: expected one of "replace", "add", "remove"']);
  });

  it("refuses arguments that are not an object", () => {
    expect(normalizeArguments(assignAssets.input, [1, 2])).toEqual({
      ok: false,
      problems: ["arguments must be a JSON object of named fields"],
    });
  });
});
