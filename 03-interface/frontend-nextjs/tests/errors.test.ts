import { describe, expect, it } from "vitest";

import { describeApiError, messageFromBody } from "@/lib/errors";

describe("describeApiError", () => {
  it("shows the API's own message from its error body", () => {
    const body = { error: { code: "conflict", message: "This email is already registered.", details: null } };
    expect(describeApiError(409, body)).toBe("This email is already registered.");
  });

  it("turns the API's lower-case message into a sentence", () => {
    const body = { error: { code: "invalid_input", message: "the uploaded file is empty", details: null } };
    expect(describeApiError(422, body)).toBe("The uploaded file is empty.");
  });

  it("lists invalid fields of a validation error", () => {
    const body = {
      error: {
        code: "validation_error",
        message: "request validation failed",
        details: [{ loc: ["body", "title"], message: "String should have at most 300 characters" }],
      },
    };
    expect(describeApiError(422, body)).toBe(
      "Some of the information sent is not valid (title: String should have at most 300 characters).",
    );
  });

  it("explains the status when the body says nothing useful", () => {
    expect(describeApiError(413, "")).toBe("The file is larger than the upload limit.");
    expect(describeApiError(503, null)).toContain("temporarily unavailable");
    expect(describeApiError(0, null)).toContain("could not be reached");
  });

  it("never shows an internal server error's text", () => {
    expect(describeApiError(500, { error: { code: "internal_error", message: "Traceback ..." } })).not.toContain(
      "Traceback",
    );
  });
});

describe("messageFromBody", () => {
  it("reads FastAPI's default detail string too", () => {
    expect(messageFromBody({ detail: "Not Found" })).toBe("Not Found");
    expect(describeApiError(404, { detail: "Not Found" })).toBe("Not Found.");
  });
});
