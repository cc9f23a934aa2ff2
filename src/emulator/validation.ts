import type { z } from "zod";
import type { ErrorDetail } from "../contract/errors.js";
import { ApiError } from "./api-error.js";

/** Issue texts for fields a request must not carry, by field name; they replace "is not an accepted field". */
export type RefusedFields = Readonly<Record<string, string>>;

/** Validates a request body (or control body) against a schema; failures are a 422 naming each field. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  refused: RefusedFields = {},
): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ApiError("validation_failed", "The request is not valid; see details.", {
    details: toDetails(result.error.issues, refused),
  });
}

/** Zod issues as contract error details: dotted field paths (`siteAssetIds.1`) and what is accepted. */
export function toDetails(issues: readonly z.core.$ZodIssue[], refused: RefusedFields = {}): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: [...path, key].join("."),
        issue: refused[key] ?? "is not an accepted field",
      }));
    }
    return [{ field: path.length > 0 ? path.join(".") : "body", issue: describe(issue) }];
  });
}

/** One line for messages outside HTTP (seed file, flags): `field: issue; field: issue`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return toDetails(issues)
    .map(({ field, issue }) => (field === "body" ? issue : `${field}: ${issue}`))
    .join("; ");
}

const EXPECTED: Readonly<Record<string, string>> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  array: "an array",
  object: "an object",
};

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_type") return issue.message;
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  // Requires `reportInput: true`; the input itself is never echoed (it may be a secret).
  if (issue.input === undefined) return `is required: ${expected}`;
  return `must be ${expected}, not ${kindOf(issue.input)}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
