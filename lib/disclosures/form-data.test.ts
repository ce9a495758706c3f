import { describe, expect, it } from "vitest";
import { formToInput, formValuesOf, inputToForm, multiple, single } from "./form-data";
import { draftSchema, type DisclosureInput } from "./schema";

const NOW = new Date("2025-03-10T09:30:00Z");

describe("formToInput", () => {
  it("nests each chosen area's sub-types under threat_areas", () => {
    expect(
      formToInput({
        threat_area: ["domestic_abuse", "stalking_harassment"],
        "threat_areas.domestic_abuse": ["coercive_control", "physical"],
        "threat_areas.stalking_harassment": "not_known",
      }),
    ).toEqual({ threat_areas: { domestic_abuse: ["coercive_control", "physical"], stalking_harassment: ["not_known"] } });
  });

  it("gives a chosen area without sub-types an empty list, and drops sub-types of areas not chosen", () => {
    expect(formToInput({ threat_area: "rasso", "threat_areas.spiking": ["drink"] })).toEqual({ threat_areas: { rasso: [] } });
  });

  it("leaves out empty answers and the action's own fields", () => {
    expect(
      formToInput({
        intent: "submit",
        draft_id: "x",
        $ACTION_ID_abc: "",
        disclosure_month: "2024-03",
        victim_sex: "",
        context: "   ",
        barriers: "",
        referrals: ["idva", ""],
      }),
    ).toEqual({ disclosure_month: "2024-03", referrals: ["idva"] });
  });

  it("makes a multiple choice sent once a list", () => {
    expect(formToInput({ protective_orders: "none", online_platforms: ["dating_app"] })).toEqual({
      protective_orders: ["none"],
      online_platforms: ["dating_app"],
    });
  });

  it("passes unknown names on so the schema refuses them by name", () => {
    const input = formToInput({ force_area_code: "E23000010" });
    expect(input).toEqual({ force_area_code: "E23000010" });
    expect(draftSchema({ now: NOW }).safeParse(input).success).toBe(false);
  });

  it("keeps the context exactly as typed, for the scanner's offsets", () => {
    expect(formToInput({ context: "  Seen at the clinic.  " })).toEqual({ context: "  Seen at the clinic.  " });
  });

  it("gives input the draft schema accepts", () => {
    const input = formToInput({
      disclosure_month: "2024-11",
      threat_area: ["domestic_abuse"],
      "threat_areas.domestic_abuse": ["not_known"],
      victim_age_band: "25-34",
      lad_code: "E08000035",
      protective_orders: ["not_known"],
    });
    expect(draftSchema({ now: NOW }).safeParse(input).success).toBe(true);
  });
});

describe("inputToForm", () => {
  it("flattens threat areas into the area group and one group per area", () => {
    expect(
      inputToForm({
        disclosure_month: "2024-03",
        threat_areas: { domestic_abuse: ["physical"], spiking: ["not_known"] },
        barriers: ["language"],
      }),
    ).toEqual({
      disclosure_month: "2024-03",
      threat_area: ["domestic_abuse", "spiking"],
      "threat_areas.domestic_abuse": ["physical"],
      "threat_areas.spiking": ["not_known"],
      barriers: ["language"],
    });
  });

  it("round-trips through formToInput", () => {
    const input: DisclosureInput = {
      disclosure_month: "2024-03",
      threat_areas: { rasso: ["rape"] },
      victim_sex: "female",
      referrals: ["isva", "sarc"],
      context: "Met at a drop-in.",
    };
    expect(formToInput(inputToForm(input))).toEqual(input);
  });
});

describe("formValuesOf", () => {
  it("keeps every value of a repeated name and lists for checkbox groups sent once", () => {
    const data = new FormData();
    data.append("victim_sex", "female");
    data.append("referrals", "idva");
    data.append("threat_area", "rasso");
    data.append("threat_area", "spiking");
    const values = formValuesOf(data);
    expect(values).toEqual({ victim_sex: "female", referrals: ["idva"], threat_area: ["rasso", "spiking"] });
    expect(single(values, "victim_sex")).toBe("female");
    expect(multiple(values, "referrals")).toEqual(["idva"]);
    expect(multiple(values, "barriers")).toEqual([]);
    expect(single(values, "space")).toBe("");
  });

  it("reads the lists a refused post echoes back as the form sent them", () => {
    const values = formValuesOf({ victim_sex: ["female"], referrals: ["idva"], threat_area: ["rasso", "spiking"], "threat_areas.rasso": ["rape"] });
    expect(values).toEqual({ victim_sex: "female", referrals: ["idva"], threat_area: ["rasso", "spiking"], "threat_areas.rasso": ["rape"] });
  });
});
