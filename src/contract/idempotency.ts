/**
 * The form of an Idempotency-Key [assumed, after the IETF draft]: 1–255 visible ASCII characters,
 * as an HTTP header value can carry them.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
