import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./disclosures";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const cursorOf = (createdAt: string, id = ID) => Buffer.from(JSON.stringify([createdAt, id])).toString("base64url");

describe("the API's page cursor", () => {
  it("reads back the cursor it writes", () => {
    const createdAt = new Date("2026-11-02T10:00:00.123Z");
    expect(decodeCursor(encodeCursor({ createdAt, id: ID }))).toEqual({ createdAt, id: ID });
  });

  it.each([
    ["a time the database cannot hold", cursorOf("+275760-09-13T00:00:00.000Z")],
    ["a time before the portal could exist", cursorOf("-000001-01-01T00:00:00.000Z")],
    ["no time at all", cursorOf("yesterday")],
    ["an id that is no uuid", cursorOf("2026-11-02T10:00:00Z", "1 or 1=1")],
    ["not JSON", Buffer.from("[").toString("base64url")],
    ["not a pair", Buffer.from("{}").toString("base64url")],
  ])("refuses %s with a 400, never a database error", (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400, fieldErrors: { cursor: "Use the next_cursor of a previous page" } }));
  });
});
