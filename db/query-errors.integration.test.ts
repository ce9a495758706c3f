import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { isUniqueViolation, withoutQueryParameters } from "./errors";
import { createTestDatabase, refusedWith, type TestDatabase } from "./testing";

const SECRET_PARAMETER = "hunter2-parameter-never-logged";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** Everything a log line could show of an error: message, stack, properties, causes. */
function asLogged(error: unknown): string {
  return [inspect(error, { depth: 10 }), String(error), (error as Error).stack ?? "", inspect(withoutQueryParameters(error), { depth: 10 })].join("\n");
}

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

describe("a failed query", () => {
  it("keeps its parameters out of every form an error is logged in", async () => {
    const error = await failure(() => handle.db.execute(sql`select ${SECRET_PARAMETER}::int`));
    expect(asLogged(error)).not.toContain(SECRET_PARAMETER);
    expect(error).toMatchObject(refusedWith("22P02", /invalid input syntax for type integer/));
  });

  it("keeps the parameters of a statement built by the query builder out too, and still says what went wrong", async () => {
    const error = await failure(() => handle.db.select().from(t.organisations).limit(10).offset(1e20));
    expect(asLogged(error)).not.toContain("100000000000000000000");
    expect(asLogged(error)).not.toContain("1e+20");
    expect(String(error)).toMatch(/A database query failed \(SQLSTATE 22003\)/);
  });

  it("still shows a unique violation for what it is, without the duplicated value", async () => {
    await handle.db.insert(t.organisations).values({ name: SECRET_PARAMETER, type: "third_sector" });
    const error = await failure(() => handle.db.insert(t.organisations).values({ name: SECRET_PARAMETER, type: "third_sector" }));
    expect(isUniqueViolation(error)).toBe(true);
    expect(asLogged(error)).not.toContain(SECRET_PARAMETER);
  });
});
