import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { agreementDay, visibleDisclosuresCondition, visibleThreatAreasCondition, type Grant } from "./visibility";

const dialect = new PgDialect({ casing: "snake_case" });
const render = (condition: Parameters<PgDialect["sqlToQuery"]>[0]) => dialect.sqlToQuery(condition);

function grant(overrides: Partial<Grant>): Grant {
  return {
    agreementId: "a1",
    versionId: "v1",
    providerOrgId: "p1",
    threatArea: "domestic_abuse",
    granularity: "record",
    forceAreaCode: "E23000010",
    ladCode: null,
    fields: [],
    disclosureThreshold: 5,
    roundToBase5: true,
    ...overrides,
  };
}

describe("agreementDay", () => {
  it("is the UK calendar date, in summer time too", () => {
    expect(agreementDay(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(agreementDay(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
    expect(agreementDay(new Date("2027-01-01T00:00:00Z"))).toBe("2027-01-01");
  });
});

describe("visibleDisclosuresCondition", () => {
  it("selects nothing without grants", () => {
    expect(render(visibleDisclosuresCondition([], { granularity: "aggregate" })).sql).toBe("false");
    expect(render(visibleThreatAreasCondition([], { granularity: "record" })).sql).toBe("false");
  });

  it("selects nothing at record level when every grant is aggregate", () => {
    const grants = [grant({ granularity: "aggregate" }), grant({ threatArea: "stalking_harassment", granularity: "aggregate" })];
    expect(render(visibleDisclosuresCondition(grants, { granularity: "record" })).sql).toBe("false");
    expect(render(visibleDisclosuresCondition(grants, { granularity: "aggregate" })).sql).not.toBe("false");
  });

  it("asks for submitted rows of the provider, in the geography, tagged with a threat area in scope", () => {
    const query = render(
      visibleDisclosuresCondition(
        [grant({}), grant({ threatArea: "tech_enabled" }), grant({ threatArea: "spiking", granularity: "aggregate" }), grant({ providerOrgId: "p2", ladCode: "E08000035" })],
        { granularity: "record" },
      ),
    );
    expect(query.sql).toContain('"disclosures"."status" = $1');
    expect(query.sql).toContain('"disclosures"."threat_areas" && ');
    expect(query.sql).toContain('"disclosures"."lad_code" = ');
    // One scope per provider and geography, each with its own threat areas; aggregate-only "spiking" left out.
    expect(query.params).toEqual(["submitted", "p1", "E23000010", `{"domestic_abuse","tech_enabled"}`, "p2", "E23000010", "E08000035", `{"domestic_abuse"}`]);
  });

  it("counts record grants for aggregate queries too", () => {
    const query = render(visibleThreatAreasCondition([grant({}), grant({ threatArea: "spiking", granularity: "aggregate" })], { granularity: "aggregate" }));
    expect(query.params).toEqual(["submitted", "p1", "E23000010", "domestic_abuse", "spiking"]);
  });
});
