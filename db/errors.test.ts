import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeFailure } from "./errors";

const SECRET_PARAMETER = "caseworker@idva.example";

/** A unique violation as drizzle throws it on postgres.js: the statement and its parameters in the message, the server's error as the cause. */
function failedQuery(): DrizzleQueryError {
  const cause = Object.assign(new Error(`duplicate key value violates unique constraint "users_email_unique"`), {
    code: "23505",
    constraint_name: "users_email_unique",
    detail: `Key (email)=(${SECRET_PARAMETER}) already exists.`,
  });
  return new DrizzleQueryError(`insert into "users" ("email") values ($1)`, [SECRET_PARAMETER], cause);
}

describe("describeFailure", () => {
  it("describes a failed query by its SQLSTATE and constraint, never by its parameters", () => {
    const description = describeFailure(failedQuery());
    expect(description).toBe("A database query failed (SQLSTATE 23505, constraint users_email_unique).");
    expect(description).not.toContain(SECRET_PARAMETER);
  });

  it("describes any other failure by its message, on one line", () => {
    expect(describeFailure(new Error("Connection terminated\n    unexpectedly"))).toBe("Connection terminated unexpectedly");
  });

  it("describes a thrown value that is not an error as its text", () => {
    expect(describeFailure("the mail server said no")).toBe("the mail server said no");
  });

  it("cuts a long description at 500 characters", () => {
    expect(describeFailure(new Error("x".repeat(600)))).toBe("x".repeat(500));
  });
});
