/**
 * Invisible and bidirectional control characters: text from the API is data, and these can hide
 * instructions from the person reading or reorder what a model sees. Tab, LF and CR are kept.
 */
const HIDDEN_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

export function stripHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, "");
}

/** Applies `stripHiddenCharacters` to every string inside a JSON value. */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === "string") return stripHiddenCharacters(value) as T;
  if (Array.isArray(value)) return value.map(sanitizeDeep) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeDeep(v)])) as T;
  }
  return value;
}

/** Cuts long free text for the readable rendering; the structured content keeps it whole. */
export function clip(text: string, max = 300): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters in the structured result)`;
}
