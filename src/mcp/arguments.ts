import type { z } from "zod";

/** What a field holds, as far as repairing a model's near-miss goes. */
type FieldKind =
  | "integer"
  | "number"
  | "boolean"
  | "date-time"
  | "integer-array"
  | "enum"
  | "string"
  | "other";

export type NormalizedArguments<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const ACCEPTED_FORM: Record<FieldKind, string> = {
  integer: "an integer, e.g. 123",
  number: "a number",
  boolean: "true or false",
  "date-time": "an RFC 3339 date-time with an offset, e.g. 2026-04-15T16:00:00Z",
  "integer-array": "an array of integers, e.g. [456, 457]",
  enum: "one of the listed values",
  string: "a string",
  other: "a value of the documented type",
};

/**
 * Repairs the near-misses models send where they have one clear meaning — `"123"` for 123,
 * `"[456,457]"` or `"456, 457"` for an array, `"true"` for true, `"Add"` for the enum value `add`,
 * `null` for an omitted optional field, a space instead of `T` in a date-time — then validates
 * strictly. Everything else is refused with the field named and the accepted form; unknown keys
 * are refused with the list of accepted ones, so a misspelled field never becomes a silent no-op.
 */
export function normalizeArguments<S extends z.ZodObject>(
  schema: S,
  raw: unknown,
): NormalizedArguments<z.infer<S>> {
  const args = readObject(raw);
  if (!args) return { ok: false, problems: ["arguments must be a JSON object of named fields"] };
  const shape = schema.shape as Record<string, z.ZodType>;
  const accepted = Object.keys(shape);
  const problems: string[] = [];
  const repaired: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field) {
      problems.push(unknownKeyProblem(key, accepted));
      continue;
    }
    if (value === null && isOptional(field)) continue;
    const kind = kindOf(field);
    repaired[key] = kind === "enum" ? matchEnumValue(field, value) : repair(kind, value);
  }
  const result = schema.safeParse(repaired);
  if (result.success && problems.length === 0) return { ok: true, value: result.data };
  if (!result.success) {
    for (const issue of result.error.issues) {
      // Top-level unknown keys were named above, with the accepted ones; nested ones are named here.
      if (issue.code === "unrecognized_keys" && issue.path.length === 0) continue;
      problems.push(describeIssue(issue, shape, repaired));
    }
  }
  return { ok: false, problems };
}

function readObject(raw: unknown): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null) return {};
  return typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

function repair(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case "integer":
    case "number":
      return typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    case "boolean":
      if (typeof value !== "string") return value;
      return { true: true, false: false }[value.trim().toLowerCase()] ?? value;
    case "date-time":
      return typeof value === "string" ? repairDateTime(value) : value;
    case "string":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : value;
    case "integer-array":
      return repairIntegerArray(value);
    default:
      return value;
  }
}

/** The one allowed value a string names when case and surrounding spaces are ignored. */
function matchEnumValue(field: z.ZodType, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const wanted = value.trim().toLowerCase();
  const matches = enumValues(field).filter((option) => option.toLowerCase() === wanted);
  return matches.length === 1 ? matches[0] : value;
}

function enumValues(field: z.ZodType): string[] {
  const def = unwrap(field)._zod.def as { entries?: Record<string, unknown> };
  return Object.values(def.entries ?? {}).filter((entry): entry is string => typeof entry === "string");
}

/** `2026-04-15 16:00Z` → `2026-04-15T16:00:00Z`; `+0000` → `+00:00`. An offset is never invented. */
function repairDateTime(text: string): string {
  return text
    .trim()
    .replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:)/, "$1T$2")
    .replace(/T(\d{2}:\d{2})(?=[Zz+-])/, "T$1:00")
    .replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
}

function repairIntegerArray(value: unknown): unknown {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.map((entry) => repair("integer", entry));
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text.startsWith("[")) {
    const parsed = tryJson(text);
    return Array.isArray(parsed) ? parsed.map((entry) => repair("integer", entry)) : value;
  }
  if (/^\d+(\s*,\s*\d+)*$/.test(text)) return text.split(",").map((part) => Number(part.trim()));
  return value;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  shape: Record<string, z.ZodType>,
  given: Record<string, unknown>,
) {
  const [top] = issue.path;
  const fieldName = issue.path.map(String).join(".") || "arguments";
  const field = typeof top === "string" ? shape[top] : undefined;
  const kind = field ? kindOf(field) : "other";
  if (issue.code === "invalid_type") {
    const value = typeof top === "string" ? given[top] : undefined;
    if (value === undefined && issue.path.length === 1)
      return `${fieldName} is required: expected ${ACCEPTED_FORM[kind]}`;
    const expected =
      issue.path.length > 1 && kind === "integer-array" ? ACCEPTED_FORM.integer : ACCEPTED_FORM[kind];
    return `${fieldName}: expected ${expected}, got ${describeValue(valueAt(given, issue.path))}`;
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    return `${fieldName}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return `${fieldName}: ${issue.message}`;
}

function unknownKeyProblem(key: string, accepted: string[]): string {
  if (accepted.length === 0) return `unknown field "${key}"; this tool takes no arguments`;
  const suggestion = closest(key, accepted);
  return (
    `unknown field "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; ` +
    `accepted fields: ${accepted.join(", ")}`
  );
}

/** The accepted key nearest to a misspelling, if it is near enough to be a likely typo. */
function closest(key: string, accepted: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of accepted) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  const containment = best.name.toLowerCase().includes(key.toLowerCase()) && key.length >= 4;
  return best.distance <= Math.max(2, Math.floor(best.name.length / 4)) || containment
    ? best.name
    : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function kindOf(schema: z.ZodType): FieldKind {
  const inner = unwrap(schema);
  const def = inner._zod.def as { type: string; element?: z.ZodType };
  switch (def.type) {
    case "number":
      return (inner as unknown as { isInt?: boolean }).isInt ? "integer" : "number";
    case "boolean":
      return "boolean";
    case "enum":
      return "enum";
    case "string":
      return inner.meta()?.format === "date-time" ? "date-time" : "string";
    case "array":
      return def.element && kindOf(def.element) === "integer" ? "integer-array" : "other";
    default:
      return "other";
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if (!def.innerType || !["optional", "nullable", "default", "prefault"].includes(def.type)) return current;
    current = def.innerType;
  }
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let current = value;
  for (const step of path) current = (current as Record<PropertyKey, unknown> | undefined)?.[step];
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
