import { z } from "zod";

type JsonSchema = Record<string, unknown>;

/** zod's default bounds for `.int()`: true of every integer a model sends, so only tokens. */
const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/** Keywords whose value holds subschemas: a map of them, a list of them, or one. */
export const SCHEMA_MAPS = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
]);
export const SCHEMA_LISTS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
export const SCHEMA_VALUES = new Set([
  "items",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "propertyNames",
  "contains",
  "not",
  "if",
  "then",
  "else",
]);

/**
 * The JSON Schema clients see for a tool's input or output: draft 2020-12, without `$schema`,
 * without keywords that say nothing, and with integer bounds as `minimum`/`maximum`. Input
 * schemas, which models fill in, also stay inside the function-declaration subset that Gemini
 * accepts (the rules are listed in test/schema/tool-schemas.test.ts).
 */
export function publishedJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  const tidy = eachSchema(json, tidyKeywords);
  return io === "input" ? forModels(tidy) : withRecordsNamed(tidy);
}

/**
 * An output schema names the records it returns (a site visit, a message) by their fields instead
 * of spelling out each field's schema again: the same records appear in many tools, and their full
 * shape costs thousands of tokens in every tools/list. The structured content is still checked
 * against the full schema before it leaves the server, and the ssn:// resources carry whole records.
 */
function withRecordsNamed(root: JsonSchema): JsonSchema {
  if (!isObject(root.properties)) return root;
  const properties = Object.fromEntries(
    Object.entries(root.properties).map(([name, field]) => [
      name,
      isObject(field) ? nameRecords(field) : field,
    ]),
  );
  return { ...root, properties };
}

function nameRecords(schema: JsonSchema): JsonSchema {
  if (isObject(schema.properties)) {
    const fields = Object.keys(schema.properties).join(", ");
    const description = typeof schema.description === "string" ? `${schema.description}. ` : "";
    return { type: "object", description: `${description}Fields: ${fields}` };
  }
  if (isObject(schema.items)) return { ...schema, items: nameRecords(schema.items) };
  if (Array.isArray(schema.anyOf)) {
    return {
      ...schema,
      anyOf: schema.anyOf.map((branch) => (isObject(branch) ? nameRecords(branch) : branch)),
    };
  }
  return schema;
}

/**
 * Keeps the meaning and drops the noise: zod's safe-integer bounds, an `additionalProperties`
 * that allows anything (the default), and integer `exclusiveMinimum`/`exclusiveMaximum`, which
 * Gemini rejects, written as the equivalent inclusive bound (`> 0` is `>= 1`).
 */
function tidyKeywords(schema: JsonSchema): JsonSchema {
  const node = { ...schema };
  for (const key of ["minimum", "maximum"]) {
    if (SAFE_INTEGER_BOUNDS.has(node[key] as number)) delete node[key];
  }
  if (node.additionalProperties === true || isEmptyObject(node.additionalProperties)) {
    delete node.additionalProperties;
  }
  if (node.type === "integer") {
    const { exclusiveMinimum, exclusiveMaximum } = node;
    if (typeof exclusiveMinimum === "number") {
      node.minimum = Math.max(Math.floor(exclusiveMinimum) + 1, numberOr(node.minimum, -Infinity));
      delete node.exclusiveMinimum;
    }
    if (typeof exclusiveMaximum === "number") {
      node.maximum = Math.min(Math.ceil(exclusiveMaximum) - 1, numberOr(node.maximum, Infinity));
      delete node.exclusiveMaximum;
    }
  }
  return node;
}

/**
 * Two rewrites that keep an input schema inside Gemini's subset without changing what is accepted:
 * - `additionalProperties: false` goes, because the refusal happens in code: `normalizeArguments`
 *   refuses unknown top-level fields (listing the accepted ones) and strict zod objects refuse
 *   unknown nested ones.
 * - an optional top-level field that also allows null loses the null (`["string", "null"]` becomes
 *   `"string"`), because `normalizeArguments` treats null for an optional field as omitted. A
 *   required or nested nullable field is left alone: there null means something, and the schema
 *   gate refuses it.
 */
function forModels(root: JsonSchema): JsonSchema {
  const schema = eachSchema(root, (node) => {
    if (node.additionalProperties !== false) return node;
    const { additionalProperties: _refusedInCode, ...rest } = node;
    return rest;
  });
  if (!isObject(schema.properties)) return schema;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, field]) => [
      name,
      required.has(name) || !isObject(field) ? field : withoutNull(field),
    ]),
  );
  return { ...schema, properties };
}

function withoutNull(field: JsonSchema): JsonSchema {
  if (Array.isArray(field.type)) {
    const types = field.type.filter((type) => type !== "null");
    return { ...field, type: types.length === 1 ? types[0] : types };
  }
  if (Array.isArray(field.anyOf)) {
    const { anyOf, ...outer } = field;
    const branches = anyOf.filter((branch) => !(isObject(branch) && isNullOnly(branch)));
    const [only] = branches;
    if (branches.length === 1 && isObject(only)) return { ...only, ...outer };
    return { ...outer, anyOf: branches };
  }
  return field;
}

/** Applies `change` to `schema` and to every schema inside it, innermost first. */
function eachSchema(schema: JsonSchema, change: (node: JsonSchema) => JsonSchema): JsonSchema {
  const visit = (value: unknown) => (isObject(value) ? eachSchema(value, change) : value);
  const node = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (SCHEMA_MAPS.has(key) && isObject(value)) {
        return [key, Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, visit(sub)]))];
      }
      if (SCHEMA_LISTS.has(key) && Array.isArray(value)) return [key, value.map(visit)];
      if (SCHEMA_VALUES.has(key)) return [key, visit(value)];
      return [key, value];
    }),
  );
  return change(node);
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmptyObject(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 0;
}

function isNullOnly(schema: JsonSchema): boolean {
  return schema.type === "null" && Object.keys(schema).length === 1;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}
