import { describe, expect, it } from "vitest";
import { z } from "zod";
import { normalizeArguments } from "../../src/mcp/arguments.js";
import { publishedJsonSchema } from "../../src/mcp/json-schema.js";

/** The published schema of one field, as input or output. */
function field(schema: z.ZodType, io: "input" | "output" = "input") {
  const published = publishedJsonSchema(z.strictObject({ value: schema }), io);
  return (published.properties as Record<string, unknown>).value;
}

describe("the published JSON Schema keeps zod's meaning in the subset clients accept", () => {
  it("has no $schema", () => {
    expect(publishedJsonSchema(z.strictObject({}), "input")).not.toHaveProperty("$schema");
  });

  it("drops zod's safe-integer bounds, which every integer a model sends meets anyway", () => {
    expect(field(z.number().int())).toEqual({ type: "integer" });
  });

  it.each([
    ["> 0", z.number().int().positive(), { type: "integer", minimum: 1 }],
    ["< 0", z.number().int().negative(), { type: "integer", maximum: -1 }],
    ["> 5 and < 10", z.number().int().gt(5).lt(10), { type: "integer", minimum: 6, maximum: 9 }],
    ["> 2.5", z.number().int().gt(2.5), { type: "integer", minimum: 3 }],
  ])("writes an integer bound %s as the equivalent inclusive bound", (_label, schema, expected) => {
    expect(field(schema)).toEqual(expected);
    expect(field(schema, "output")).toEqual(expected);
  });

  it("keeps the tighter bound when an integer has both an inclusive and an exclusive one", () => {
    // zod itself keeps only the tighter check; `meta` makes it emit both keywords.
    expect(field(z.number().int().positive().meta({ minimum: 5 }))).toEqual({ type: "integer", minimum: 5 });
    expect(field(z.number().int().positive().meta({ minimum: -5 }))).toEqual({ type: "integer", minimum: 1 });
  });

  it("leaves an exclusive bound on a non-integer, which has no inclusive equivalent (the gate refuses it)", () => {
    expect(field(z.number().positive())).toEqual({ type: "number", exclusiveMinimum: 0 });
  });

  it("drops additionalProperties that allows anything, in input and output", () => {
    const loose = z.looseObject({ id: z.string().describe("Id") });
    expect(field(loose, "input")).not.toHaveProperty("additionalProperties");
    expect(field(loose, "output")).not.toHaveProperty("additionalProperties");
  });

  it("drops additionalProperties: false from input schemas, where the refusal happens in code", () => {
    const input = z.strictObject({
      nested: z.strictObject({ id: z.string().describe("Id") }).describe("Nested"),
    });
    const published = publishedJsonSchema(input, "input");
    expect(JSON.stringify(published)).not.toContain("additionalProperties");
    expect(normalizeArguments(input, { nested: { id: "a" }, extra: 1 }).ok).toBe(false);
    expect(normalizeArguments(input, { nested: { id: "a", extra: 1 } }).ok).toBe(false);
  });

  it("keeps additionalProperties: false on an output schema's root, which clients validate results against", () => {
    const output = z.object({ count: z.number().describe("How many") });
    expect(publishedJsonSchema(output, "output").additionalProperties).toBe(false);
  });

  it("names an output's records by their fields instead of repeating their schemas", () => {
    const record = z.object({ id: z.string().describe("Id"), status: z.string().describe("Status") });
    const output = z.object({
      visit: record.describe("The visit"),
      visits: z.array(record).describe("Visits"),
      maybe: record.nullable().describe("A visit or null"),
    });
    expect(publishedJsonSchema(output, "output").properties).toEqual({
      visit: { type: "object", description: "The visit. Fields: id, status" },
      visits: {
        type: "array",
        description: "Visits",
        items: { type: "object", description: "Fields: id, status" },
      },
      maybe: {
        description: "A visit or null",
        anyOf: [{ type: "object", description: "Fields: id, status" }, { type: "null" }],
      },
    });
  });

  it("publishes an optional top-level input field without null, which normalization treats as omitted", () => {
    const input = z.strictObject({
      note: z.string().nullish().describe("A note"),
      place: z
        .strictObject({ city: z.string().describe("City") })
        .nullish()
        .describe("A place"),
    });
    expect(publishedJsonSchema(input, "input").properties).toEqual({
      note: { type: "string", description: "A note" },
      place: {
        type: "object",
        properties: { city: { type: "string", description: "City" } },
        required: ["city"],
        description: "A place",
      },
    });
    expect(normalizeArguments(input, { note: null, place: null })).toEqual({ ok: true, value: {} });
  });

  it("leaves null where it means something: required or nested input fields, and every output field", () => {
    const nullable = z.string().nullable().describe("Text or null");
    expect(field(nullable, "input")).toEqual({ type: ["string", "null"], description: "Text or null" });
    const nested = z.strictObject({ inner: z.string().nullish().describe("Inner") }).describe("Outer");
    expect(field(nested, "input")).toMatchObject({
      properties: { inner: { type: ["string", "null"] } },
    });
    expect(field(z.string().nullish().describe("Text"), "output")).toEqual({
      type: ["string", "null"],
      description: "Text",
    });
  });
});
