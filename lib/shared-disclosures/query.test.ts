import { describe, expect, it } from "vitest";
import { Invalid } from "@/lib/errors";
import { encodeCursor, parseSharedQuery, queryStringOf } from "./query";

const ID = "0b5f6c1e-6a4e-4c55-9a57-2f0d3c0f9e11";

function refusal(params: URLSearchParams | Record<string, string | string[]>): Invalid {
  try {
    parseSharedQuery(params);
  } catch (error) {
    if (error instanceof Invalid) return error;
    throw error;
  }
  throw new Error("expected the query to be refused");
}

describe("parseSharedQuery", () => {
  it("reads every filter, treating blank form fields as no filter", () => {
    expect(parseSharedQuery({ provider: ID, partner_type: "idva_service", area: "domestic_abuse", from: "2026-01", to: "2026-03", lad: "E08000035", sort: "oldest", cursor: "" })).toEqual({
      filter: { providerOrgId: ID, partnerType: "idva_service", threatArea: "domestic_abuse", fromMonth: "2026-01", toMonth: "2026-03", ladCode: "E08000035" },
      sort: "oldest",
    });
    expect(parseSharedQuery(new URLSearchParams("provider=&area=&sort="))).toEqual({ filter: {}, sort: "newest" });
  });

  it.each([
    [{ provider: "not-a-uuid" }, "provider", "Choose a provider from the list"],
    [{ partner_type: "bank" }, "partner_type", "Choose a partner type from the list"],
    [{ area: "everything" }, "area", "Choose a threat area from the list"],
    [{ from: "2026-13" }, "from", "Enter the first month as a year and month, like 2026-01"],
    [{ from: "2026-03", to: "2026-01" }, "to", "The last month must be the same as or after the first month"],
    [{ lad: "E99999999" }, "lad", "Choose a local authority from the list"],
    [{ sort: "random" }, "sort", "Choose how to sort from the list"],
    [{ limit: "10" }, "query", "Unknown query parameter: limit"],
    [{ area: ["domestic_abuse", "rasso"] }, "area", "Give area once"],
  ])("refuses %j, naming the parameter", (params, field, message) => {
    const error = refusal(params);
    expect(error.fieldErrors[field]).toBe(message);
    expect(error.message).toContain(message);
  });

  it("reads back the cursors it writes, for the same sort order only", () => {
    const cursor = encodeCursor({ sort: "newest", key: "2026-05-01 10:11:12.123456", id: ID, direction: "after" });
    expect(parseSharedQuery({ cursor }).cursor).toEqual({ sort: "newest", key: "2026-05-01 10:11:12.123456", id: ID, direction: "after" });
    expect(refusal({ cursor, sort: "month_newest" }).fieldErrors).toEqual({ cursor: "Use the link to the next or previous page" });
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["a list of the wrong length", Buffer.from(JSON.stringify(["newest", ID])).toString("base64url")],
    ["a day that does not exist", encodeCursor({ sort: "newest", key: "2026-02-31 10:00:00", id: ID, direction: "after" })],
    ["a key that is no timestamp", encodeCursor({ sort: "newest", key: "'; drop table disclosures", id: ID, direction: "after" })],
    ["an id that is no uuid", encodeCursor({ sort: "newest", key: "2026-05-01 10:11:12", id: "1 or 1=1", direction: "after" })],
    ["an unknown direction", Buffer.from(JSON.stringify(["newest", "2026-05-01 10:11:12", ID, "sideways"])).toString("base64url")],
  ])("refuses a cursor that is %s", (_, cursor) => {
    expect(refusal({ cursor }).fieldErrors).toEqual({ cursor: "Use the link to the next or previous page" });
  });
});

describe("queryStringOf", () => {
  it("writes the filters the parser reads, leaving out the default sort", () => {
    const query = parseSharedQuery({ area: "tech_enabled", from: "2026-01", sort: "newest" });
    expect(queryStringOf(query)).toBe("area=tech_enabled&from=2026-01");
    expect(parseSharedQuery(new URLSearchParams(queryStringOf(query, { cursor: "" })))).toEqual(query);
  });
});
