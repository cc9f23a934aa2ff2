import { describe, expect, it } from "vitest";
import { sanitizeDeep, stripHiddenCharacters } from "../../src/mcp/sanitize.js";

describe("text from the API", () => {
  it("loses invisible and bidirectional control characters but keeps line breaks", () => {
    const hostile = "Fix\u202Eevil\u202C screen\u200B now\u2066x\u2069\nline two\t!\u{E0041}";
    expect(stripHiddenCharacters(hostile)).toBe("Fixevil screen nowx\nline two\t!");
  });

  it("is cleaned everywhere inside a record", () => {
    expect(sanitizeDeep({ a: ["x\u200Dy"], b: { c: "\uFEFFz" }, n: 1 })).toEqual({
      a: ["xy"],
      b: { c: "z" },
      n: 1,
    });
  });
});
