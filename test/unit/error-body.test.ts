import { describe, expect, it } from "vitest";
import { parseErrorBody } from "../../src/ssn/error-body.js";

describe("error bodies are read leniently", () => {
  it("reads the contract's own shape", () => {
    const body = JSON.stringify({
      error: {
        code: "validation_failed",
        message: "Request validation failed",
        details: [{ field: "dueDate", issue: "before startDate" }],
      },
      requestId: "req_1",
    });
    expect(parseErrorBody(body)).toEqual({
      code: "validation_failed",
      message: "Request validation failed",
      details: [{ field: "dueDate", issue: "before startDate" }],
      requestId: "req_1",
    });
  });

  it("reads RFC 7807 problem details", () => {
    const body = JSON.stringify({
      type: "about:blank",
      title: "Unprocessable",
      detail: "dueDate is before startDate",
      errors: { dueDate: ["too early"] },
    });
    expect(parseErrorBody(body)).toMatchObject({
      message: "dueDate is before startDate",
      details: [{ field: "dueDate", issue: "too early" }],
    });
  });

  it("reads OAuth errors", () => {
    expect(parseErrorBody('{"error":"invalid_client","error_description":"bad secret"}')).toMatchObject({
      code: "invalid_client",
      message: "bad secret",
    });
  });

  it("keeps plain text as the message", () => {
    expect(parseErrorBody("Service Unavailable")).toEqual({
      code: undefined,
      message: "Service Unavailable",
      details: [],
      requestId: undefined,
    });
  });
});
