import { describe, expect, it } from "vitest";
import { Invalid } from "@/lib/errors";
import { insightQueryString, monthsOf, parseInsightFilters, previousPeriod } from "./filters";

const NOW = new Date("2026-11-15T12:00:00Z");

function refusal(params: URLSearchParams | Record<string, string | string[]>): Invalid {
  try {
    parseInsightFilters(params, NOW);
  } catch (error) {
    if (error instanceof Invalid) return error;
    throw error;
  }
  throw new Error("expected the filters to be refused");
}

describe("parseInsightFilters", () => {
  it.each([
    [{}, "last_12_months", "2025-11", "2026-10"],
    [{ period: "" }, "last_12_months", "2025-11", "2026-10"],
    [{ period: "2026-04" }, "month", "2026-04", "2026-04"],
    [{ period: "2026-Q2" }, "quarter", "2026-04", "2026-06"],
    [{ period: "2025" }, "year", "2025-01", "2025-12"],
    [{ period: "2025-26" }, "financial_year", "2025-04", "2026-03"],
    [{ period: "1999-00" }, undefined, undefined, undefined],
  ])("reads the period %j as fixed bands of whole months", (params, kind, from, to) => {
    if (kind === undefined) {
      expect(refusal(params).fieldErrors.period).toMatch(/^Enter a period as a month/);
      return;
    }
    expect(parseInsightFilters(params, NOW).period).toMatchObject({ kind, from, to });
  });

  it("reads a local authority with its force area, and every other filter", () => {
    expect(parseInsightFilters({ lad: "E08000035", threat_area: "rasso", partner_type: "isva_service" }, NOW)).toMatchObject({
      forceAreaCode: "E23000010",
      ladCode: "E08000035",
      threatArea: "rasso",
      partnerType: "isva_service",
    });
  });

  it.each([
    [{ period: "2026-13" }, "period", /^Enter a period as a month/],
    [{ period: "2027-01" }, "period", /not after the current month/],
    [{ period: "2026-Q5" }, "period", /^Enter a period/],
    [{ force_area: "E99999999" }, "force_area", /^Choose a police force area from the list$/],
    [{ lad: "nowhere" }, "lad", /^Choose a local authority from the list$/],
    [{ force_area: "E23000005", lad: "E08000035" }, "lad", /^Choose a local authority in the police force area chosen/],
    [{ threat_area: "everything" }, "threat_area", /^Choose a threat area from the list$/],
    [{ partner_type: "bank" }, "partner_type", /^Choose a partner type from the list$/],
    [{ from: "2026-01" }, "query", /^Unknown query parameter: from$/],
    [{ period: ["2026-01", "2026-02"] }, "period", /^Give period once$/],
  ])("refuses %j, naming the parameter", (params, field, message) => {
    const error = refusal(params);
    expect(error.fieldErrors[field]).toMatch(message);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^There is a problem with the filters: /);
  });

  it("refuses a parameter given twice in a query string", () => {
    expect(refusal(new URLSearchParams("threat_area=rasso&threat_area=csae")).fieldErrors).toEqual({ threat_area: "Give threat_area once" });
  });
});

describe("periods", () => {
  it("compares with the band of the same length just before", () => {
    const quarter = parseInsightFilters({ period: "2026-Q1" }, NOW).period;
    expect(previousPeriod(quarter)).toMatchObject({ from: "2025-10", to: "2025-12", months: 3 });
    expect(monthsOf(quarter)).toEqual(["2026-01", "2026-02", "2026-03"]);
  });

  it("writes the query string the parser reads back", () => {
    const filters = parseInsightFilters({ period: "2025-26", lad: "E08000035", threat_area: "rasso" }, NOW);
    const query = insightQueryString(filters);
    expect(query).toBe("period=2025-26&lad=E08000035&threat_area=rasso");
    expect(parseInsightFilters(new URLSearchParams(query), NOW)).toEqual(filters);
  });
});
