import { z } from "zod";
import { IDEMPOTENCY_KEY_PATTERN } from "../../contract/idempotency.js";
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from "../../contract/paging.js";

/** Paging arguments shared by every list tool. */
export const pagingShape = {
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(PAGE_SIZE_MAX)
    .optional()
    .describe(`How many records per page, 1–${PAGE_SIZE_MAX}; default ${PAGE_SIZE_DEFAULT}`),
  cursor: z.string().min(1).optional().describe("nextCursor from the previous page, to continue"),
};

export const nextCursorField = z
  .string()
  .optional()
  .describe("Present when there are more records: pass it as cursor");

export const idempotencyKeyField = z
  .string()
  .regex(IDEMPOTENCY_KEY_PATTERN, "must be 1–255 visible ASCII characters without spaces")
  .optional()
  .describe(
    "Optional Idempotency-Key for this create. By default the same create repeated within 15 minutes reuses one, so it cannot create a duplicate",
  );

export const alreadyExistedField = z
  .boolean()
  .describe("True when an earlier identical create was returned instead of making a new record");

export const siteVisitIdField = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .describe("Id of the site visit, e.g. visit_0d995b97…");

export const messageIdField = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .describe("Id of the message, e.g. msg_f9fab538…");

export const expectedVersionField = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe("The version you read; the change is refused with version_conflict if the record changed since");
