import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_VALUES } from "../../src/mcp/json-schema.js";
import { TOOLS } from "../../src/mcp/tools/index.js";
import { fetchToolList, type ToolList } from "./tool-list.js";

/*
 * The schema gate (issue 8): every tool in `tools/list`, fetched from the built server through the
 * SDK client over stdio (what clients see), passes these rules. One schema a client rejects can
 * cost the whole tool list, so each rule is one a real client or model API enforces.
 *
 * The tool list:
 *  T1  every tool ssn-mcp has is listed (the demo credential has every scope), at most 25 of them;
 *  T2  names match ^[a-z][a-z0-9_]{0,39}$ and are unique; each tool has a title and a description;
 *      each has an output schema (every result carries structuredContent);
 *  T3  a list tool's output carries no file bodies: no contentEncoding and no base64, byte or
 *      binary format anywhere in it (files are listed by their metadata).
 *
 * Every input and output schema (structural):
 *  S1  the root is `type: "object"` with `properties`;
 *  S2  no anyOf, oneOf, allOf or not at the root;
 *  S3  no $ref, $dynamicRef, $defs or definitions anywhere: many clients resolve no references;
 *  S4  every array schema has `items`;
 *  S5  every property, at any depth (in items and in anyOf branches too), has a description;
 *  S6  it compiles with Ajv for draft 2020-12 in strict mode (type arrays allowed; formats are
 *      annotations, as 2020-12 makes them by default).
 *
 * Input schemas also pass a lint for Gemini's function declarations: their `parameters` take the
 * Gemini API's Schema object, "a select subset of an OpenAPI 3.0 schema object", and the API
 * answers 400 for the whole request when one declaration leaves it:
 *  G1  only keywords that both Gemini's Schema and JSON Schema 2020-12 define: type, format, title,
 *      description, enum, properties, required, items, minItems, maxItems, minLength, maxLength,
 *      pattern, minimum, maximum, minProperties, maxProperties, default. That shuts out
 *      additionalProperties (Gemini: `Unknown name "additionalProperties"`), const,
 *      exclusiveMinimum/exclusiveMaximum, multipleOf, uniqueItems, examples, $schema; nullable
 *      (OpenAPI, not 2020-12: an input leaves null out instead, and normalization treats null for
 *      an optional field as omitted); and anyOf/oneOf/allOf/not anywhere (older Gemini models and
 *      many client adapters reject unions; inputs do not need them).
 *  G2  every schema has one `type` out of string, number, integer, boolean, array, object: never a
 *      list of types (Gemini: "Proto field is not repeating, cannot start list") and never "null";
 *      Gemini CLI skips a tool whose parameters miss a type.
 *  G3  enum only on strings, and with string values (Gemini: "enum: only allowed for STRING type").
 *  G4  format only date-time or enum on strings, int32 or int64 on integers, float or double on
 *      numbers: the formats Gemini's documentation names.
 *  G5  keywords fit the type (Gemini: "properties: only allowed for OBJECT type"): properties,
 *      required, minProperties, maxProperties on objects; items, minItems, maxItems on arrays;
 *      minLength, maxLength, pattern on strings; minimum, maximum on integers and numbers.
 *  G6  every required name is a declared property.
 *  G7  every object below the root has a property (Gemini: "properties: should be non-empty for
 *      OBJECT type"). The root may have none: a tool without arguments, which Gemini clients
 *      declare without parameters; MCP requires an object root there.
 *
 * Output schemas get S1-S6 and not G1-G7: Gemini never sees them (a function declaration carries
 * only the parameters), while MCP clients validate structuredContent against them with a JSON
 * Schema validator, so they must say "or null" the standard way (a type list or anyOf with null),
 * which Gemini's subset cannot, and may say additionalProperties: false.
 */

type Schema = Record<string, unknown>;

interface SchemaNode {
  path: string;
  schema: Schema;
  /** Reached as a value of `properties`. */
  isProperty: boolean;
  isRoot: boolean;
}

const GEMINI_KEYWORDS = new Set([
  "type",
  "format",
  "title",
  "description",
  "enum",
  "properties",
  "required",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "minProperties",
  "maxProperties",
  "default",
]);
const GEMINI_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);
const GEMINI_FORMATS: Record<string, string[]> = {
  string: ["date-time", "enum"],
  integer: ["int32", "int64"],
  number: ["float", "double"],
};
const KEYWORD_TYPES: Record<string, string[]> = {
  properties: ["object"],
  required: ["object"],
  minProperties: ["object"],
  maxProperties: ["object"],
  items: ["array"],
  minItems: ["array"],
  maxItems: ["array"],
  minLength: ["string"],
  maxLength: ["string"],
  pattern: ["string"],
  minimum: ["integer", "number"],
  maximum: ["integer", "number"],
  enum: ["string"],
};

const FILE_BODY_FORMATS = new Set(["base64", "base64url", "byte", "binary"]);

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false });

/** S1-S6: what every client needs of any tool schema, input or output. */
function structuralProblems(root: Schema, where: string): string[] {
  const problems: string[] = [];
  if (root.type !== "object" || !isObject(root.properties)) {
    problems.push(`${where}: the root must be type "object" with properties (S1)`);
  }
  for (const key of ["anyOf", "oneOf", "allOf", "not"]) {
    if (key in root) problems.push(`${where}: ${key} at the root (S2)`);
  }
  for (const { path, schema, isProperty } of schemaNodes(root, where)) {
    for (const key of ["$ref", "$dynamicRef", "$defs", "definitions"]) {
      if (key in schema) problems.push(`${path}: ${key} (S3)`);
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.includes("array") && !isObject(schema.items))
      problems.push(`${path}: an array without items (S4)`);
    if (isProperty && !(typeof schema.description === "string" && schema.description.trim())) {
      problems.push(`${path}: a property without a description (S5)`);
    }
  }
  try {
    ajv.compile(root);
  } catch (error) {
    problems.push(`${where}: Ajv (draft 2020-12) cannot compile it: ${(error as Error).message} (S6)`);
  }
  return problems;
}

/** T3: file contents have no place in a list. */
function fileBodyProblems(root: Schema, where: string): string[] {
  const problems: string[] = [];
  for (const { path, schema } of schemaNodes(root, where)) {
    if ("contentEncoding" in schema) problems.push(`${path}: contentEncoding in a list (T3)`);
    if (FILE_BODY_FORMATS.has(schema.format as string)) {
      problems.push(`${path}: format ${String(schema.format)} in a list (T3)`);
    }
  }
  return problems;
}

/** G1-G7: what Gemini's function declarations accept as parameters. */
function geminiProblems(root: Schema, where: string): string[] {
  const problems: string[] = [];
  for (const { path, schema, isRoot } of schemaNodes(root, where)) {
    for (const key of Object.keys(schema)) {
      if (!GEMINI_KEYWORDS.has(key)) problems.push(`${path}: ${key} is outside Gemini's subset (G1)`);
    }
    const { type } = schema;
    if (typeof type !== "string" || !GEMINI_TYPES.has(type)) {
      problems.push(
        `${path}: type must be one of ${[...GEMINI_TYPES].join(", ")}, not ${JSON.stringify(type)} (G2)`,
      );
      continue;
    }
    if (Array.isArray(schema.enum) && !schema.enum.every((value) => typeof value === "string")) {
      problems.push(`${path}: enum values must be strings (G3)`);
    }
    for (const [key, types] of Object.entries(KEYWORD_TYPES)) {
      if (key in schema && !types.includes(type)) {
        problems.push(`${path}: ${key} is only allowed on ${types.join(" or ")}, not on ${type} (G3/G5)`);
      }
    }
    if ("format" in schema && !(GEMINI_FORMATS[type] ?? []).includes(schema.format as string)) {
      problems.push(
        `${path}: format ${JSON.stringify(schema.format)} is not one Gemini names for ${type} (G4)`,
      );
    }
    if (type === "object") {
      const names = Object.keys(isObject(schema.properties) ? schema.properties : {});
      const required = Array.isArray(schema.required) ? schema.required : [];
      for (const name of required) {
        if (!names.includes(name)) problems.push(`${path}: required names undeclared property ${name} (G6)`);
      }
      if (!isRoot && names.length === 0)
        problems.push(`${path}: an object below the root without properties (G7)`);
    }
  }
  return problems;
}

/** The schema and every schema inside it, each with a readable path. */
function* schemaNodes(
  schema: Schema,
  path: string,
  isProperty = false,
  isRoot = true,
): Generator<SchemaNode> {
  yield { path, schema, isProperty, isRoot };
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (!isObject(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      if (isObject(sub)) yield* schemaNodes(sub, `${path}.${key}.${name}`, key === "properties", false);
    }
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const [index, sub] of list.entries()) {
      if (isObject(sub)) yield* schemaNodes(sub, `${path}.${key}[${index}]`, false, false);
    }
  }
  for (const key of SCHEMA_VALUES) {
    const sub = schema[key];
    if (isObject(sub)) yield* schemaNodes(sub, `${path}.${key}`, false, false);
  }
}

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const TOOL_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_TOOLS = 25;

let listed: ToolList;
beforeAll(async () => {
  listed = await fetchToolList();
});

function listedTool(name: string) {
  const tool = listed.tools.find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`${name} is not in tools/list`);
  return tool;
}

describe("the tool list", () => {
  it("lists every tool, at most 25, under names every client accepts (T1, T2)", () => {
    const names = listed.tools.map((tool) => tool.name);
    expect(names).toEqual(TOOLS.map((tool) => tool.name));
    expect(names.length).toBeLessThanOrEqual(MAX_TOOLS);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(TOOL_NAME);
  });
});

describe.each(TOOLS.map((tool) => tool.name))("%s", (name) => {
  it("has a title, a description and an output schema (T2)", () => {
    const tool = listedTool(name);
    expect(tool.title?.trim()).toBeTruthy();
    expect(tool.description?.trim()).toBeTruthy();
    expect(tool.outputSchema).toBeDefined();
  });

  it("has an input schema every client and Gemini accept (S1-S6, G1-G7)", () => {
    const { inputSchema } = listedTool(name);
    expect([
      ...structuralProblems(inputSchema, "inputSchema"),
      ...geminiProblems(inputSchema, "inputSchema"),
    ]).toEqual([]);
  });

  it("has an output schema every client accepts (S1-S6)", () => {
    expect(structuralProblems(listedTool(name).outputSchema ?? {}, "outputSchema")).toEqual([]);
  });
});

describe.each(TOOLS.map((tool) => tool.name).filter((name) => name.startsWith("list_")))("%s", (name) => {
  it("lists no file bodies (T3)", () => {
    expect(fileBodyProblems(listedTool(name).outputSchema ?? {}, "outputSchema")).toEqual([]);
  });
});

/** A plain, valid input schema around one property, to show each rule catching its case. */
function withProperty(property: Schema): Schema {
  return { type: "object", properties: { value: { description: "A value", ...property } } };
}

describe("the gate catches what clients reject", () => {
  it("passes a plain schema", () => {
    const plain = withProperty({ type: "array", items: { type: "integer", minimum: 1 }, maxItems: 3 });
    expect([...structuralProblems(plain, "s"), ...geminiProblems(plain, "s")]).toEqual([]);
  });

  it.each([
    ["a union at the root", { anyOf: [{ type: "object", properties: {} }] }, "anyOf at the root (S2)"],
    ["a reference", withProperty({ $ref: "#/$defs/x" }), "s.properties.value: $ref (S3)"],
    ["an array without items", withProperty({ type: "array" }), "an array without items (S4)"],
    ["a property without a description", { type: "object", properties: { x: { type: "string" } } }, "(S5)"],
    ["a schema Ajv cannot compile", withProperty({ type: "string", minLength: "one" }), "(S6)"],
  ])("structurally: %s", (_label, schema, problem) => {
    expect(structuralProblems(schema as Schema, "s").join("\n")).toContain(problem);
  });

  it.each([
    [
      "additionalProperties",
      { type: "object", properties: {}, additionalProperties: false },
      "additionalProperties is outside",
    ],
    [
      "exclusiveMinimum",
      withProperty({ type: "integer", exclusiveMinimum: 0 }),
      "exclusiveMinimum is outside",
    ],
    ["const", withProperty({ type: "string", const: "a" }), "const is outside"],
    [
      "a nested union",
      withProperty({ anyOf: [{ type: "string" }, { type: "integer" }] }),
      "anyOf is outside",
    ],
    ["a list of types", withProperty({ type: ["string", "null"] }), 'not ["string","null"] (G2)'],
    ["a missing type", withProperty({}), "not undefined (G2)"],
    ["an integer enum", withProperty({ type: "integer", enum: [1, 2] }), "enum is only allowed on string"],
    ["a number format Gemini does not name", withProperty({ type: "string", format: "uri" }), "(G4)"],
    [
      "a keyword on the wrong type",
      withProperty({ type: "integer", maxLength: 3 }),
      "maxLength is only allowed",
    ],
    ["an undeclared required name", { type: "object", properties: {}, required: ["x"] }, "(G6)"],
    ["an empty nested object", withProperty({ type: "object", properties: {} }), "without properties (G7)"],
  ])("for Gemini: %s", (_label, schema, problem) => {
    expect(geminiProblems(schema as Schema, "s").join("\n")).toContain(problem);
  });

  it("finds a file body in a list", () => {
    const listing = withProperty({
      type: "array",
      items: withProperty({ type: "string", contentEncoding: "base64" }),
    });
    expect(fileBodyProblems(listing, "s")).toEqual([
      "s.properties.value.items.properties.value: contentEncoding in a list (T3)",
    ]);
  });

  it("lets the root of a tool without arguments have no properties", () => {
    expect(geminiProblems({ type: "object", properties: {} }, "s")).toEqual([]);
  });
});
