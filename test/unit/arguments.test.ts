import { describe, expect, it } from "vitest";
import { normalizeArguments } from "../../src/mcp/arguments.js";
import { assignAssets } from "../../src/mcp/tools/assign-assets.js";
import { createSiteVisit } from "../../src/mcp/tools/create-site-visit.js";
import { ssnStatus } from "../../src/mcp/tools/ssn-status.js";

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
    ["integer as a string with spaces around it", { projectId: " 123 " }, { projectId: 123 }],
    ["integer written with a zero fraction", { projectId: "123.0" }, { projectId: 123 }],
    ["integer array as a JSON string", { siteAssetIds: "[456,457]" }, { siteAssetIds: [456, 457] }],
    ["integer array as a comma list", { siteAssetIds: "456, 457" }, { siteAssetIds: [456, 457] }],
    ["integer array of strings", { siteAssetIds: ["456", "457"] }, { siteAssetIds: [456, 457] }],
    ["a single integer for an array", { siteAssetIds: 456 }, { siteAssetIds: [456] }],
    ["a single integer as a string for an array", { siteAssetIds: "456" }, { siteAssetIds: [456] }],
    ["an empty array as a JSON string", { siteAssetIds: "[]" }, { siteAssetIds: [] }],
    [
      "boolean as a string",
      { arePartsRequired: "true", partsReturnRequired: "FALSE" },
      { arePartsRequired: true, partsReturnRequired: false },
    ],
    ["boolean as a string with spaces around it", { arePartsRequired: " True " }, { arePartsRequired: true }],
    [
      "date-time with a space for T",
      { startDate: "2026-04-15 16:00:00Z" },
      { startDate: "2026-04-15T16:00:00Z" },
    ],
    [
      "date-time with a space for T and a numeric offset",
      { startDate: "2026-04-15 16:00:00+02:00" },
      { startDate: "2026-04-15T16:00:00+02:00" },
    ],
    [
      "date-time with fractional seconds",
      { dueDate: "2026-04-16T01:00:00.250+05:30" },
      { dueDate: "2026-04-16T01:00:00.250+05:30" },
    ],
    [
      "free text with spaces around it",
      { description: "  Replace screen  " },
      { description: "Replace screen" },
    ],
    ["null for an optional field", { jobInstructions: null }, {}],
    [
      "a date-time without seconds",
      { startDate: "2026-04-15T16:00Z" },
      { startDate: "2026-04-15T16:00:00Z" },
    ],
    [
      "an offset without a colon",
      { dueDate: "2026-04-16T01:00:00+0000" },
      { dueDate: "2026-04-16T01:00:00+00:00" },
    ],
    ["a number for a text field", { itemName: 42 }, { itemName: "42" }],
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
      "an integer in exponent notation",
      { projectId: "1e3" },
      'projectId: expected an integer, e.g. 123, got the string "1e3"',
    ],
    [
      "an empty string for an integer",
      { projectId: "" },
      'projectId: expected an integer, e.g. 123, got the string ""',
    ],
    ["a project id of zero", { projectId: 0 }, "projectId: Too small: expected number to be >0"],
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
      "a date-time as a Unix timestamp",
      { startDate: 1776268800 },
      "startDate: expected an RFC 3339 date-time with an offset, e.g. 2026-04-15T16:00:00Z, got number 1776268800",
    ],
    [
      "a date in a local notation",
      { startDate: "15/04/2026 16:00" },
      "startDate: must be an RFC 3339 date-time with an offset",
    ],
    [
      "a boolean as yes",
      { arePartsRequired: "yes" },
      'arePartsRequired: expected true or false, got the string "yes"',
    ],
    ["a boolean as 1", { arePartsRequired: 1 }, "arePartsRequired: expected true or false, got number 1"],
    ["an array with a word", { siteAssetIds: '[456, "x"]' }, "siteAssetIds.1: expected an integer"],
    [
      "ids separated by spaces",
      { siteAssetIds: "456 457" },
      'siteAssetIds: expected an array of integers, e.g. [456, 457], got the string "456 457"',
    ],
    ["a negative asset id", { siteAssetIds: [-1] }, "siteAssetIds.0: Too small: expected number to be >0"],
    ["null for a required field", { itemName: null }, "itemName"],
    ["an empty description", { description: "   " }, "description: must not be empty"],
    [
      "free text over its limit",
      { description: "x".repeat(4_001) },
      "description: must be at most 4000 characters",
    ],
    // An empty string for an optional field may mean "none" or "clear it": ask instead of guessing.
    [
      "an empty string for an optional text field",
      { jobInstructions: "" },
      "jobInstructions: must not be empty",
    ],
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

  it("refuses an enum value outside the list, naming the allowed values (see the enum table)", () => {
    const result = normalizeArguments(assignAssets.input, {
      siteVisitId: "visit_1",
      siteAssetIds: [1],
      mode: "append",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual(['mode: expected one of "replace", "add", "remove"']);
  });

  it("refuses names every object inherits, like any unknown field", () => {
    const result = normalizeArguments(ssnStatus.input, JSON.parse('{"constructor": 1, "__proto__": {}}'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toContain('unknown field "constructor"');
  });

  it("says when a tool takes no arguments at all", () => {
    expect(normalizeArguments(ssnStatus.input, { verbose: true })).toEqual({
      ok: false,
      problems: ['unknown field "verbose"; this tool takes no arguments'],
    });
  });

  it("refuses an idempotencyKey a header cannot carry", () => {
    const result = normalize({ idempotencyKey: "ключ-ключ-ключ" });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.join()).toContain("idempotencyKey: must be 1–255 visible ASCII characters");
  });

  it("refuses arguments that are not an object", () => {
    expect(normalizeArguments(assignAssets.input, [1, 2])).toEqual({
      ok: false,
      problems: ["arguments must be a JSON object of named fields"],
    });
  });
});

describe("enum values", () => {
  const withMode = (mode: unknown) =>
    normalizeArguments(assignAssets.input, { siteVisitId: "visit_1", siteAssetIds: [1], mode });

  it.each([
    ["the exact value", "add", "add"],
    ["a capitalized value", "Add", "add"],
    ["an upper-case value with spaces around it", " REMOVE ", "remove"],
    ["null, which leaves the default", null, "replace"],
  ])("accepts %s", (_label, given, expected) => {
    expect(withMode(given)).toMatchObject({ ok: true, value: { mode: expected } });
  });

  it.each([
    ["a value outside the list", "append"],
    ["a value with more words", "add more"],
    ["a number", 1],
  ])("refuses %s, naming the allowed values", (_label, given) => {
    expect(withMode(given)).toEqual({
      ok: false,
      problems: ['mode: expected one of "replace", "add", "remove"'],
    });
  });
});
