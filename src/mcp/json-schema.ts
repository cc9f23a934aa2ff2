import { z } from "zod";

/** zod's default bounds for `.int()`: true of every integer a model sends, so only tokens. */
const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/**
 * The JSON Schema clients see for a tool's input or output: draft 2020-12, no `$schema`, and
 * without bounds that say nothing.
 */
export function publishedJsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return pruneBounds(json) as Record<string, unknown>;
}

function pruneBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneBounds);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(
        ([key, v]) => !((key === "minimum" || key === "maximum") && SAFE_INTEGER_BOUNDS.has(v as number)),
      )
      .map(([key, v]) => [key, pruneBounds(v)]),
  );
}
