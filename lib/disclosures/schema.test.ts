import { describe, expect, it } from "vitest";
import { z } from "zod";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import type { OrganisationType } from "@/lib/access/organisation-types";
import { listLocalAuthorities, listLocalAuthoritiesInForceArea } from "@/lib/reference";
import { CONTEXT_MAX_LENGTH, DISCLOSURE_FIELDS } from "@/lib/taxonomy";
import { toFieldErrors } from "./field-errors";
import { toDisclosureInput, toDisclosureRow } from "./rows";
import { disclosureSchema, draftSchema, ukMonthOf, type DisclosureInput, type TextScanner } from "./schema";

const NOW = new Date("2025-03-10T09:30:00Z");
const LEEDS = "E08000035";
const WEST_YORKSHIRE = "E23000010";

const submit = (input: unknown, options: { now?: Date; scanText?: TextScanner } = {}) =>
  disclosureSchema({ now: options.now ?? NOW, scanText: options.scanText }).safeParse(input);
const draft = (input: unknown, options: { now?: Date; scanText?: TextScanner } = {}) =>
  draftSchema({ now: options.now ?? NOW, scanText: options.scanText }).safeParse(input);

/** Field errors of a failed parse (an empty list when it passed). */
const errorsOf = (result: z.ZodSafeParseResult<unknown>) => (result.success ? [] : toFieldErrors(result.error));
const messagesAt = (result: z.ZodSafeParseResult<unknown>, path: string) =>
  errorsOf(result)
    .filter((error) => error.path === path)
    .map((error) => error.message);

/** A complete submission in which every conditional list is allowed: online, not reported, other offending known. */
const VALID: DisclosureInput = {
  disclosure_month: "2025-02",
  abuse_recency: "ongoing",
  threat_areas: { domestic_abuse: ["coercive_control", "economic"], stalking_harassment: ["cyberstalking"] },
  victim_age_band: "25-34",
  victim_sex: "female",
  victim_gender_differs_from_sex_at_birth: "no",
  victim_ethnicity: "pakistani",
  victim_lgbtq: "not_known",
  victim_disability: "no",
  victim_mental_health_need: "yes",
  victim_migrant: "yes",
  victim_no_recourse_to_public_funds: "yes",
  victim_repeat: "no",
  victim_children_in_household: "yes",
  perpetrator_relationship: "ex_partner",
  perpetrator_sex: "male",
  perpetrator_age_band: "35-44",
  perpetrator_number: "lone",
  perpetrator_other_offending: "yes",
  perpetrator_other_offending_types: ["violence", "drugs"],
  perpetrator_ideology_concern: "no",
  space: "online",
  online_platforms: ["private_messaging"],
  lad_code: LEEDS,
  reported_to_police: "no",
  barriers: ["fear_of_perpetrator", "immigration_concerns"],
  victim_wants: ["safety_planning", "support"],
  protective_orders: ["none"],
  referrals: ["idva", "marac"],
  context: "Abuse escalated after separation; contact now through messaging apps.",
  partner_reference: "CASE-2025-0042",
};

const withValues = (changes: Record<string, unknown>): Record<string, unknown> => ({ ...VALID, ...changes });
const without = (...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(VALID).filter(([key]) => !keys.includes(key)));

describe("disclosureSchema", () => {
  it("accepts a complete disclosure", () => {
    const result = submit(VALID);
    expect(errorsOf(result)).toEqual([]);
  });

  it("has one key per taxonomy field, less the derived force area, plus the partner reference", () => {
    const expected = DISCLOSURE_FIELDS.codes.filter((code) => code !== "force_area_code" && code !== "sub_types");
    const keys = Object.keys(disclosureSchema({ now: NOW }).shape);
    expect(keys.sort()).toEqual([...expected, "partner_reference"].sort());
    expect(Object.keys(draftSchema({ now: NOW }).shape).sort()).toEqual(keys);
  });

  it("documents every code list in the generated JSON schema", () => {
    const json = z.toJSONSchema(disclosureSchema({ now: NOW }), { io: "input", unrepresentable: "any" }) as {
      properties: Record<string, { enum?: string[]; pattern?: string }>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(json.additionalProperties).toBe(false);
    expect(json.properties.victim_sex?.enum).toEqual(["female", "male", "not_known"]);
    expect(json.properties.disclosure_month?.pattern).toBeDefined();
    expect(json.required).toContain("threat_areas");
    expect(json.required).not.toContain("context");
  });

  describe("disclosure month", () => {
    it("accepts the current month and refuses the next one", () => {
      expect(submit(withValues({ disclosure_month: "2025-03" })).success).toBe(true);
      expect(messagesAt(submit(withValues({ disclosure_month: "2025-04" })), "disclosure_month")).toEqual([
        "Enter a month that is not in the future",
      ]);
    });

    it("accepts January 2015 and refuses December 2014", () => {
      expect(submit(withValues({ disclosure_month: "2015-01" })).success).toBe(true);
      expect(messagesAt(submit(withValues({ disclosure_month: "2014-12" })), "disclosure_month")).toEqual([
        "Enter a month that is January 2015 or later",
      ]);
    });

    it("takes the current month in UK time", () => {
      // 23:30 UTC on 31 March 2025 is 00:30 on 1 April in British Summer Time.
      const springNight = new Date("2025-03-31T23:30:00Z");
      expect(submit(withValues({ disclosure_month: "2025-04" }), { now: springNight }).success).toBe(true);
      // In winter the UK keeps UTC, so the last evening of January is still January.
      const winterNight = new Date("2025-01-31T23:30:00Z");
      expect(submit(withValues({ disclosure_month: "2025-01" }), { now: winterNight }).success).toBe(true);
      expect(submit(withValues({ disclosure_month: "2025-02" }), { now: winterNight }).success).toBe(false);
    });

    it.each(["2025-2", "2025-13", "2025-00", "February 2025", "2025-02-01", "202502"])("refuses %s as a month", (month) => {
      expect(messagesAt(submit(withValues({ disclosure_month: month })), "disclosure_month")).toEqual([
        "Enter the month of disclosure as a year and month, like 2024-03",
      ]);
    });

    it("asks for a missing month", () => {
      expect(messagesAt(submit(without("disclosure_month")), "disclosure_month")).toEqual(["Enter the month of disclosure"]);
      expect(messagesAt(submit(withValues({ disclosure_month: "" })), "disclosure_month")).toEqual([
        "Enter the month of disclosure",
      ]);
    });

    it("refuses a month that is not text", () => {
      expect(messagesAt(submit(withValues({ disclosure_month: 202502 })), "disclosure_month")).toEqual([
        "Enter the month of disclosure as a year and month, like 2024-03",
      ]);
    });
  });

  describe("local authority district", () => {
    it("accepts every ONS district code", () => {
      const schema = disclosureSchema({ now: NOW });
      const refused = listLocalAuthorities().filter((authority) => !schema.safeParse(withValues({ lad_code: authority.code })).success);
      expect(refused).toEqual([]);
    });

    it("accepts a code in lower case or with spaces around it, and keeps it in upper case", () => {
      const result = submit(withValues({ lad_code: ` ${LEEDS.toLowerCase()} ` }));
      expect(result.success && result.data.lad_code).toBe(LEEDS);
    });

    it.each(["E99999999", "E23000010", "Leeds", "X"])("refuses %s", (code) => {
      expect(messagesAt(submit(withValues({ lad_code: code })), "lad_code")).toEqual([
        "Select a local authority district from the list",
      ]);
    });

    it("asks for a missing district", () => {
      expect(messagesAt(submit(without("lad_code")), "lad_code")).toEqual(["Select the local authority district"]);
    });
  });

  describe("threat areas", () => {
    it("asks for at least one area", () => {
      expect(messagesAt(submit(without("threat_areas")), "threat_areas")).toEqual(["Select at least one threat area"]);
      expect(messagesAt(submit(withValues({ threat_areas: {} })), "threat_areas")).toEqual(["Select at least one threat area"]);
    });

    it("refuses an area that is not in the taxonomy, and 'not known' as an area", () => {
      for (const area of ["burglary", "not_known"]) {
        const result = submit(withValues({ threat_areas: { domestic_abuse: ["physical"], [area]: ["other"] } }));
        expect(messagesAt(result, "threat_areas")).toEqual(["Select threat areas from the list"]);
      }
    });

    it("refuses areas given as a list", () => {
      const result = submit(withValues({ threat_areas: ["domestic_abuse"] }));
      expect(messagesAt(result, "threat_areas")).toEqual(["Select threat areas from the list"]);
    });

    it("accepts sub-types of their own area and refuses another area's", () => {
      expect(submit(withValues({ threat_areas: { rasso: ["rape", "sexual_assault"] } })).success).toBe(true);
      const result = submit(withValues({ threat_areas: { rasso: ["rape", "coercive_control"] } }));
      expect(errorsOf(result)).toEqual([
        { path: "threat_areas.rasso", message: "Select types of rape and serious sexual offences from the list" },
      ]);
    });

    it("keeps 'not known' on its own among sub-types", () => {
      expect(submit(withValues({ threat_areas: { spiking: ["not_known"] } })).success).toBe(true);
      expect(messagesAt(submit(withValues({ threat_areas: { spiking: ["drink", "not_known"] } })), "threat_areas.spiking")).toEqual([
        "Select ‘Not known’ on its own, not with other types",
      ]);
    });

    it("refuses a sub-type given twice", () => {
      expect(messagesAt(submit(withValues({ threat_areas: { spiking: ["drink", "drink"] } })), "threat_areas.spiking")).toEqual([
        "Select each type only once",
      ]);
    });

    it("asks a submission for at least one sub-type in each area, and lets a draft wait", () => {
      const input = withValues({ threat_areas: { domestic_abuse: [], tech_enabled: ["online_harassment"] } });
      expect(errorsOf(submit(input))).toEqual([
        { path: "threat_areas.domestic_abuse", message: "Select at least one type of domestic abuse, or ‘Not known’" },
      ]);
      expect(draft(input).success).toBe(true);
    });

    it("keeps the area's name as written when it starts with an abbreviation", () => {
      expect(messagesAt(submit(withValues({ threat_areas: { tech_enabled: [] } })), "threat_areas.tech_enabled")).toEqual([
        "Select at least one type of tech-enabled VAWG, or ‘Not known’",
      ]);
    });
  });

  describe("child sexual abuse and exploitation", () => {
    const csae = { threat_areas: { csae: ["online_grooming"] }, perpetrator_relationship: "online_contact_only" };

    it.each(["10-14", "15-17"])("accepts a victim aged %s", (band) => {
      expect(submit(withValues({ ...csae, victim_age_band: band })).success).toBe(true);
    });

    it.each(["18-24", "75+", "not_known"])("refuses a victim age band of %s", (band) => {
      expect(messagesAt(submit(withValues({ ...csae, victim_age_band: band })), "victim_age_band")).toEqual([
        "Select 10 to 14 or 15 to 17: child sexual abuse and exploitation is recorded only for victims under 18",
      ]);
    });

    it("lets a draft choose the area before the age band", () => {
      expect(draft({ threat_areas: { csae: [] } }).success).toBe(true);
      expect(draft({ threat_areas: { csae: [] }, victim_age_band: "25-34" }).success).toBe(false);
    });
  });

  describe("online platforms", () => {
    const offline = { space: "private_dwelling", threat_areas: { domestic_abuse: ["physical"] } };

    it("are accepted when the space is online", () => {
      expect(submit(withValues({ space: "online", threat_areas: { rasso: ["rape"] }, online_platforms: ["dating_app"] })).success).toBe(true);
    });

    it("are accepted offline when a tech-enabled sub-type is chosen", () => {
      const input = withValues({ space: "private_dwelling", threat_areas: { tech_enabled: ["tracking_or_spyware"] } });
      expect(submit({ ...input, online_platforms: ["smart_device_or_tracker"] }).success).toBe(true);
      const cyberstalking = withValues({ ...offline, threat_areas: { stalking_harassment: ["cyberstalking"] } });
      expect(submit({ ...cyberstalking, online_platforms: ["not_known"] }).success).toBe(true);
    });

    it("are refused offline without a tech-enabled sub-type, even as 'not known'", () => {
      for (const platforms of [["mainstream_social_media"], ["not_known"]]) {
        expect(messagesAt(submit(withValues({ ...offline, online_platforms: platforms })), "online_platforms")).toEqual([
          "Only select online platform types when the space is ‘Online’ or a tech-enabled type of abuse is selected",
        ]);
      }
      expect(submit(withValues({ ...offline, space: "not_known", online_platforms: ["other"] })).success).toBe(false);
    });

    it("may be left out offline", () => {
      expect(submit(withValues({ ...offline, online_platforms: [] })).success).toBe(true);
      expect(submit(without("online_platforms")).success).toBe(true);
    });

    it("wait in a draft until the space is given", () => {
      expect(draft({ online_platforms: ["dating_app"] }).success).toBe(true);
      expect(draft({ space: "workplace", online_platforms: ["dating_app"] }).success).toBe(false);
    });
  });

  describe("barriers to reporting", () => {
    it("are accepted when the victim did not report to the police", () => {
      expect(submit(withValues({ reported_to_police: "no", barriers: ["language"] })).success).toBe(true);
      expect(submit(withValues({ reported_to_police: "no", barriers: [] })).success).toBe(true);
    });

    it.each(["yes", "not_known"])("are refused when reported to the police is %s", (reported) => {
      expect(messagesAt(submit(withValues({ reported_to_police: reported, barriers: ["language"] })), "barriers")).toEqual([
        "Only select barriers to reporting when the victim did not report to the police",
      ]);
      expect(submit(withValues({ reported_to_police: reported, barriers: [] })).success).toBe(true);
    });
  });

  describe("kinds of other offending", () => {
    it("are accepted when the perpetrator is known to other offending", () => {
      expect(submit(withValues({ perpetrator_other_offending: "yes", perpetrator_other_offending_types: ["not_known"] })).success).toBe(true);
    });

    it.each(["no", "not_known"])("are refused when other offending is %s", (answer) => {
      const result = submit(withValues({ perpetrator_other_offending: answer, perpetrator_other_offending_types: ["weapons"] }));
      expect(messagesAt(result, "perpetrator_other_offending_types")).toEqual([
        "Only select kinds of other offending when the perpetrator is known to other offending",
      ]);
      expect(submit(withValues({ perpetrator_other_offending: answer, perpetrator_other_offending_types: [] })).success).toBe(true);
    });

    it("are asked of a submission when the perpetrator is known to other offending, and not of a draft", () => {
      const input = withValues({ perpetrator_other_offending: "yes", perpetrator_other_offending_types: [] });
      expect(messagesAt(submit(input), "perpetrator_other_offending_types")).toEqual([
        "Select the kinds of other offending, or ‘Not known’",
      ]);
      expect(draft({ perpetrator_other_offending: "yes" }).success).toBe(true);
    });
  });

  describe("multi-valued answers", () => {
    const lists = [
      { field: "perpetrator_other_offending_types", code: "weapons", items: "kinds of offending", item: "kind of offending", list: "kinds of other offending" },
      { field: "online_platforms", code: "gaming_platform", items: "platform types", item: "platform type", list: "online platform types" },
      { field: "barriers", code: "language", items: "barriers", item: "barrier", list: "barriers to reporting" },
      { field: "victim_wants", code: "civil_order", items: "answers", item: "answer", list: "what the victim wants" },
      { field: "protective_orders", code: "restraining_order", items: "orders", item: "order", list: "protective orders" },
      { field: "referrals", code: "sarc", items: "referrals", item: "referral", list: "referrals" },
    ];

    describe.each(lists)("$field", ({ field, code, items, item, list }) => {
      it("accepts listed codes, and 'not known' on its own", () => {
        expect(submit(withValues({ [field]: [code] })).success).toBe(true);
        expect(submit(withValues({ [field]: ["not_known"] })).success).toBe(true);
      });

      it("keeps 'not known' on its own", () => {
        expect(messagesAt(submit(withValues({ [field]: [code, "not_known"] })), field)).toEqual([
          `Select ‘Not known’ on its own, not with other ${items}`,
        ]);
      });

      it("refuses a code given twice", () => {
        expect(messagesAt(submit(withValues({ [field]: [code, code] })), field)).toEqual([`Select each ${item} only once`]);
      });

      it("refuses codes from outside the list, once for the question", () => {
        expect(messagesAt(submit(withValues({ [field]: ["bogus", "also_bogus"] })), field)).toEqual([
          `Select ${list} from the list`,
        ]);
        expect(messagesAt(submit(withValues({ [field]: code })), field)).toEqual([`Select ${list} from the list`]);
      });
    });

    it("keeps 'none' on its own among protective orders", () => {
      expect(messagesAt(submit(withValues({ protective_orders: ["none", "restraining_order"] })), "protective_orders")).toEqual([
        "Select ‘None’ on its own, not with other orders",
      ]);
    });

    it("asks a submission for protective orders, where 'none' and 'not known' are answers", () => {
      const missing = "Select the protective orders in place, ‘None’ or ‘Not known’";
      expect(messagesAt(submit(without("protective_orders")), "protective_orders")).toEqual([missing]);
      expect(messagesAt(submit(withValues({ protective_orders: [] })), "protective_orders")).toEqual([missing]);
      expect(draft({ protective_orders: [] }).success).toBe(true);
    });

    it("lets a submission leave out barriers, what the victim wants, referrals and platforms", () => {
      const result = submit(without("barriers", "victim_wants", "referrals", "online_platforms"));
      expect(result.success && [result.data.barriers, result.data.victim_wants, result.data.referrals, result.data.online_platforms]).toEqual([
        [],
        [],
        [],
        [],
      ]);
    });
  });

  describe("single answers", () => {
    const answers = [
      ["abuse_recency", "Select how long ago the abuse happened"],
      ["victim_age_band", "Select the victim’s age band"],
      ["victim_sex", "Select the victim’s sex"],
      ["victim_gender_differs_from_sex_at_birth", "Select whether the victim’s gender differs from their sex at birth"],
      ["victim_ethnicity", "Select the victim’s ethnicity"],
      ["victim_lgbtq", "Select whether the victim is LGBTQ+"],
      ["victim_disability", "Select whether the victim has a disability"],
      ["victim_mental_health_need", "Select whether the victim has a mental-health need"],
      ["victim_migrant", "Select whether the victim is a migrant"],
      ["victim_no_recourse_to_public_funds", "Select whether the victim has no recourse to public funds"],
      ["victim_repeat", "Select whether the victim was known to your organisation before"],
      ["victim_children_in_household", "Select whether there are children in the household"],
      ["perpetrator_relationship", "Select the perpetrator’s relationship to the victim"],
      ["perpetrator_sex", "Select the perpetrator’s sex"],
      ["perpetrator_age_band", "Select the perpetrator’s age band"],
      ["perpetrator_number", "Select whether there was a lone perpetrator or a group"],
      ["perpetrator_other_offending", "Select whether the perpetrator is known to other offending"],
      ["perpetrator_ideology_concern", "Select whether there is a misogynistic or incel ideology concern"],
      ["space", "Select the space where the abuse happened"],
      ["reported_to_police", "Select whether the victim reported to the police"],
    ] as const;

    describe.each(answers)("%s", (field, prompt) => {
      it("is required for a submission and optional in a draft", () => {
        expect(errorsOf(submit(without(field)))).toEqual([{ path: field, message: prompt }]);
        expect(messagesAt(submit(withValues({ [field]: "" })), field)).toEqual([prompt]);
        expect(draft({ [field]: VALID[field] }).success).toBe(true);
      });

      it("accepts 'not known'", () => {
        // A list that depends on this answer is emptied, so that "not known" does not contradict it.
        const dependent = { reported_to_police: "barriers", perpetrator_other_offending: "perpetrator_other_offending_types" } as const;
        const list = (dependent as Record<string, string>)[field];
        const input = withValues({ [field]: "not_known", ...(list ? { [list]: [] } : {}) });
        expect(errorsOf(submit(input))).toEqual([]);
      });

      it("refuses a code from outside its list, naming the question but not the value", () => {
        const label = DISCLOSURE_FIELDS.label(field);
        expect(errorsOf(submit(withValues({ [field]: "someone@example.org" })))).toEqual([
          { path: field, message: `Select one of the listed answers for ‘${label}’` },
        ]);
        expect(draft({ [field]: 3 }).success).toBe(false);
      });
    });

    it("accepts 'not stated' as an ethnicity", () => {
      expect(submit(withValues({ victim_ethnicity: "not_stated" })).success).toBe(true);
    });

    it("refuses null: an unanswered field is left out", () => {
      expect(messagesAt(submit(withValues({ victim_sex: null })), "victim_sex")).toEqual([
        "Select one of the listed answers for ‘Victim sex’",
      ]);
      expect(draft({ victim_sex: null }).success).toBe(false);
    });
  });

  describe("context", () => {
    it("is optional and trimmed", () => {
      expect(submit(without("context")).success).toBe(true);
      const result = submit(withValues({ context: "  Disclosed at a routine appointment.\n" }));
      expect(result.success && result.data.context).toBe("Disclosed at a routine appointment.");
    });

    it("accepts 1,000 characters and refuses 1,001, counting characters rather than UTF-16 units", () => {
      expect(submit(withValues({ context: "a".repeat(CONTEXT_MAX_LENGTH) })).success).toBe(true);
      expect(submit(withValues({ context: "😀".repeat(CONTEXT_MAX_LENGTH) })).success).toBe(true);
      expect(submit(withValues({ context: `  ${"a".repeat(CONTEXT_MAX_LENGTH)}  ` })).success).toBe(true);
      expect(messagesAt(submit(withValues({ context: "a".repeat(CONTEXT_MAX_LENGTH + 1) })), "context")).toEqual([
        "Enter context of 1,000 characters or fewer",
      ]);
    });

    const scanForEmails: TextScanner = (text) =>
      [...text.matchAll(/\S+@\S+/g)].map((match) => ({
        start: match.index,
        end: match.index + match[0].length,
        message: "Remove the e-mail address",
      }));

    it("reports each finding of the scanner with its position, and never the text", () => {
      const context = "Met via ann@example.org, later bob@example.org.";
      const result = submit(withValues({ context }), { scanText: scanForEmails });
      expect(result.success).toBe(false);
      const issues = result.error?.issues.filter((issue) => issue.path[0] === "context") ?? [];
      expect(issues).toHaveLength(2);
      expect(issues.map((issue) => issue.code === "custom" && issue.params)).toEqual([
        { start: 8, end: 24 },
        { start: 31, end: 47 },
      ]);
      expect(context.slice(8, 24)).toBe("ann@example.org,");
      expect(JSON.stringify(result.error)).not.toContain("example.org");
      expect(errorsOf(result)).toEqual([
        { path: "context", message: "Remove the e-mail address", start: 8, end: 24 },
        { path: "context", message: "Remove the e-mail address", start: 31, end: 47 },
      ]);
    });

    it("gives positions in the text as sent, before trimming", () => {
      const result = submit(withValues({ context: "   ann@example.org" }), { scanText: scanForEmails });
      expect(errorsOf(result)).toEqual([{ path: "context", message: "Remove the e-mail address", start: 3, end: 18 }]);
    });

    it("scans drafts too, and accepts what the scanner passes", () => {
      expect(draft({ context: "ann@example.org" }, { scanText: scanForEmails }).success).toBe(false);
      expect(submit(withValues({ context: "No personal data here." }), { scanText: scanForEmails }).success).toBe(true);
    });

    it("accepts any text when no scanner is given", () => {
      expect(submit(withValues({ context: "ann@example.org" })).success).toBe(true);
    });

    it("does not scan text that is empty or too long", () => {
      const calls: string[] = [];
      const scanText: TextScanner = (text) => {
        calls.push(text);
        return [];
      };
      submit(withValues({ context: "   " }), { scanText });
      submit(withValues({ context: "a".repeat(CONTEXT_MAX_LENGTH + 1) }), { scanText });
      expect(calls).toEqual([]);
    });
  });

  describe("partner reference", () => {
    it("is optional and trimmed", () => {
      expect(submit(without("partner_reference")).success).toBe(true);
      const result = submit(withValues({ partner_reference: "  REF-1  " }));
      expect(result.success && result.data.partner_reference).toBe("REF-1");
    });

    it("accepts 1 to 100 printable characters", () => {
      expect(submit(withValues({ partner_reference: "x" })).success).toBe(true);
      expect(submit(withValues({ partner_reference: "é".repeat(100) })).success).toBe(true);
    });

    it.each([
      ["empty", ""],
      ["only spaces", "   "],
      ["over 100 characters", "x".repeat(101)],
    ])("refuses a reference that is %s", (_, reference) => {
      expect(messagesAt(submit(withValues({ partner_reference: reference })), "partner_reference")).toEqual([
        "Enter a partner reference of 1 to 100 characters, or leave it out",
      ]);
    });

    it.each([
      ["a control character", "REF\u0000"],
      ["a line break inside", "REF\n1"],
      ["a zero-width space", "REF\u200B1"],
    ])("refuses %s", (_, reference) => {
      expect(messagesAt(submit(withValues({ partner_reference: reference })), "partner_reference")).toEqual([
        "Enter a partner reference using only printable characters",
      ]);
    });
  });

  describe("unknown keys", () => {
    it.each(["org_id", "orgId", "created_by", "status", "id", "created_at", "submitted_at", "sub_types"])("refuses %s", (key) => {
      const result = submit(withValues({ [key]: "x" }));
      expect(errorsOf(result)).toEqual([{ path: key, message: `Remove ‘${key}’: it is not a field of a disclosure` }]);
    });

    it("refuses a force area and says it comes from the district", () => {
      const result = submit(withValues({ force_area_code: WEST_YORKSHIRE }));
      expect(errorsOf(result)).toEqual([
        { path: "force_area_code", message: "Remove ‘force_area_code’: the police force area is worked out from lad_code" },
      ]);
      expect(result.error?.issues[0]?.message).toBe(
        "Remove ‘force_area_code’: it is not a field of a disclosure (the police force area is worked out from lad_code)",
      );
    });

    it("names every unknown key in one message, and each in its own field error", () => {
      const result = draft({ org_id: "x", status: "submitted" });
      expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
        [[], "Remove the fields that are not part of a disclosure: ‘org_id’, ‘status’"],
      ]);
      expect(errorsOf(result).map((error) => error.path)).toEqual(["org_id", "status"]);
    });

    it("does not repeat a key that could carry what someone typed", () => {
      const key = "Jane Doe lives at 1 High Street";
      expect(draft({ [key]: "x" }).error?.issues[0]?.message).toBe("Remove a field: it is not a field of a disclosure");
    });

    it("reports the other problems alongside", () => {
      const result = submit(withValues({ org_id: "x", disclosure_month: "2030-01" }));
      expect(errorsOf(result).map((error) => error.path).sort()).toEqual(["disclosure_month", "org_id"]);
    });

    it("refuses a body that is not an object", () => {
      for (const body of [null, [], "disclosure", 1]) {
        expect(errorsOf(submit(body))).toEqual([{ path: "", message: "Send the disclosure as an object of fields" }]);
      }
    });
  });

  it("reports every problem at once", () => {
    const result = submit(
      withValues({
        disclosure_month: "2014-06",
        lad_code: "E00000000",
        victim_sex: "unknown",
        reported_to_police: "yes",
        space: "workplace",
        threat_areas: { domestic_abuse: ["physical"] },
      }),
    );
    expect(errorsOf(result).map((error) => error.path).sort()).toEqual([
      "barriers",
      "disclosure_month",
      "lad_code",
      "online_platforms",
      "victim_sex",
    ]);
  });
});

describe("draftSchema", () => {
  it("accepts an empty draft", () => {
    expect(draft({}).success).toBe(true);
  });

  it("accepts a complete disclosure", () => {
    expect(draft(VALID).success).toBe(true);
  });

  it("holds every value given to the submission's rules", () => {
    expect(messagesAt(draft({ disclosure_month: "2025-04" }), "disclosure_month")).toEqual(["Enter a month that is not in the future"]);
    expect(messagesAt(draft({ lad_code: "E99999999" }), "lad_code")).toEqual(["Select a local authority district from the list"]);
    expect(messagesAt(draft({ threat_areas: { rasso: ["physical"] } }), "threat_areas.rasso")).toHaveLength(1);
    expect(messagesAt(draft({ barriers: ["language", "language"] }), "barriers")).toEqual(["Select each barrier only once"]);
    expect(messagesAt(draft({ reported_to_police: "yes", barriers: ["language"] }), "barriers")).toHaveLength(1);
    expect(messagesAt(draft({ perpetrator_other_offending: "no", perpetrator_other_offending_types: ["drugs"] }), "perpetrator_other_offending_types")).toHaveLength(1);
    expect(messagesAt(draft({ partner_reference: "" }), "partner_reference")).toHaveLength(1);
  });

  it("accepts an empty set of threat areas while the draft is being written", () => {
    expect(draft({ threat_areas: {} }).success).toBe(true);
  });
});

describe("synthetic disclosures", () => {
  const now = new Date("2025-03-10T09:30:00Z");
  const months = Array.from({ length: 27 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  const ladCodes = [...listLocalAuthoritiesInForceArea(WEST_YORKSHIRE), ...listLocalAuthoritiesInForceArea("W15000003")].map(
    (authority) => authority.code,
  );
  const partnerTypes: OrganisationType[] = ["idva_service", "isva_service", "health", "local_authority", "third_sector", "police_force"];
  const records = partnerTypes.flatMap((partnerType, i) =>
    generateDisclosures({ seed: 500 + i, count: 1_500, partnerType, ladCodes, months, now }),
  );

  it("all pass the submission schema", () => {
    const schema = disclosureSchema({ now });
    const failures = records.flatMap((record, index) => {
      const result = schema.safeParse(toDisclosureInput(record.disclosure, record.threatAreas));
      return result.success ? [] : [{ index, errors: toFieldErrors(result.error) }];
    });
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it("come back as the same rows", () => {
    const schema = disclosureSchema({ now });
    for (const record of records.slice(0, 2_000)) {
      const parsed = schema.parse(toDisclosureInput(record.disclosure, record.threatAreas));
      const row = toDisclosureRow(parsed);
      const stored = Object.fromEntries(Object.keys(row.disclosure).map((key) => [key, (record.disclosure as Record<string, unknown>)[key]]));
      expect(row.disclosure).toEqual(stored);
      expect(row.threatAreas).toEqual(record.threatAreas);
    }
  });
});

describe("toDisclosureRow", () => {
  it("derives the force area from the district and stores the month as its first day", () => {
    const { disclosure } = toDisclosureRow(disclosureSchema({ now: NOW }).parse(VALID));
    expect(disclosure).toMatchObject({ ladCode: LEEDS, forceAreaCode: WEST_YORKSHIRE, disclosureMonth: "2025-02-01" });
    const cardiff = toDisclosureRow(disclosureSchema({ now: NOW }).parse(withValues({ lad_code: "W06000015" })));
    expect(cardiff.disclosure.forceAreaCode).toBe("W15000003");
  });

  it("maps every answer to its column", () => {
    const { disclosure, threatAreas } = toDisclosureRow(disclosureSchema({ now: NOW }).parse(VALID));
    expect(disclosure).toEqual({
      disclosureMonth: "2025-02-01",
      abuseRecency: "ongoing",
      victimAgeBand: "25-34",
      victimSex: "female",
      victimGenderDiffersFromSexAtBirth: "no",
      victimEthnicity: "pakistani",
      victimLgbtq: "not_known",
      victimDisability: "no",
      victimMentalHealthNeed: "yes",
      victimMigrant: "yes",
      victimNoRecourseToPublicFunds: "yes",
      victimRepeat: "no",
      victimChildrenInHousehold: "yes",
      perpetratorRelationship: "ex_partner",
      perpetratorSex: "male",
      perpetratorAgeBand: "35-44",
      perpetratorNumber: "lone",
      perpetratorOtherOffending: "yes",
      perpetratorOtherOffendingTypes: ["violence", "drugs"],
      perpetratorIdeologyConcern: "no",
      space: "online",
      onlinePlatforms: ["private_messaging"],
      ladCode: LEEDS,
      forceAreaCode: WEST_YORKSHIRE,
      reportedToPolice: "no",
      barriers: ["fear_of_perpetrator", "immigration_concerns"],
      victimWants: ["safety_planning", "support"],
      protectiveOrders: ["none"],
      referrals: ["idva", "marac"],
      context: "Abuse escalated after separation; contact now through messaging apps.",
    });
    expect(threatAreas).toEqual([
      { threatArea: "domestic_abuse", subTypes: ["coercive_control", "economic"] },
      { threatArea: "stalking_harassment", subTypes: ["cyberstalking"] },
    ]);
  });

  it("keeps the partner reference and every server-owned column out", () => {
    const { disclosure } = toDisclosureRow(disclosureSchema({ now: NOW }).parse(VALID));
    for (const key of ["partnerReference", "partnerReferenceHash", "orgId", "createdBy", "status", "id", "submittedAt"]) {
      expect(disclosure).not.toHaveProperty(key);
    }
    expect(JSON.stringify(disclosure)).not.toContain(VALID.partner_reference);
  });

  it("lists threat areas in taxonomy order", () => {
    const parsed = disclosureSchema({ now: NOW }).parse(
      withValues({ threat_areas: { spiking: ["drink"], rasso: ["rape"], domestic_abuse: ["sexual"] } }),
    );
    expect(toDisclosureRow(parsed).threatAreas.map((entry) => entry.threatArea)).toEqual(["domestic_abuse", "rasso", "spiking"]);
  });

  it("stores an empty draft as nulls and empty lists", () => {
    const { disclosure, threatAreas } = toDisclosureRow(draftSchema({ now: NOW }).parse({}));
    expect(threatAreas).toEqual([]);
    expect(disclosure.disclosureMonth).toBeNull();
    expect(disclosure.ladCode).toBeNull();
    expect(disclosure.forceAreaCode).toBeNull();
    expect(disclosure.victimSex).toBeNull();
    expect(disclosure.context).toBeNull();
    expect(disclosure.barriers).toEqual([]);
    expect(disclosure.protectiveOrders).toEqual([]);
  });

  it("stores blank context as null", () => {
    const { disclosure } = toDisclosureRow(disclosureSchema({ now: NOW }).parse(withValues({ context: "  " })));
    expect(disclosure.context).toBeNull();
  });
});

describe("toDisclosureInput", () => {
  it("leaves out unanswered columns and turns the stored month back into YYYY-MM", () => {
    expect(toDisclosureInput({ disclosureMonth: "2024-11-01", victimSex: null, context: null, barriers: [] }, [])).toEqual({
      disclosure_month: "2024-11",
      barriers: [],
    });
  });

  it("round-trips a parsed disclosure", () => {
    const parsed = disclosureSchema({ now: NOW }).parse(VALID);
    const row = toDisclosureRow(parsed);
    const { partner_reference: _, ...rest } = VALID;
    expect(toDisclosureInput(row.disclosure, row.threatAreas)).toEqual(rest);
  });
});

describe("toFieldErrors", () => {
  it("drops list positions and merges repeats", () => {
    const result = submit(withValues({ referrals: ["bogus", "marac", "worse"] }));
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ["referrals", 0],
      ["referrals", 2],
    ]);
    expect(errorsOf(result)).toEqual([{ path: "referrals", message: "Select referrals from the list" }]);
  });

  it("accepts a list of issues as well as an error", () => {
    const result = submit(without("space"));
    expect(toFieldErrors(result.error?.issues ?? [])).toEqual(toFieldErrors(result.error!));
  });
});

describe("ukMonthOf", () => {
  it.each([
    ["2025-03-31T22:59:59Z", "2025-03"],
    ["2025-03-31T23:00:00Z", "2025-04"],
    ["2024-12-31T23:59:59Z", "2024-12"],
    ["2025-01-01T00:00:00Z", "2025-01"],
    ["2025-10-31T23:30:00Z", "2025-10"],
  ])("puts %s in %s", (instant, month) => {
    expect(ukMonthOf(new Date(instant))).toBe(month);
  });

  it("refuses an invalid date", () => {
    expect(() => ukMonthOf(new Date("not a date"))).toThrow(RangeError);
  });
});
