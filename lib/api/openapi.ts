import { z } from "zod";
import { disclosureSchema } from "@/lib/disclosures/schema";
import { THREAT_AREAS, questionOf } from "@/lib/taxonomy";
import { MAX_API_RETURNS } from "@/lib/uploads/recorded-crime";
import { ORGANISATION_TYPES } from "@/lib/access/organisation-types";
import { SHARED_SORTS } from "@/lib/shared-disclosures/query";
import { LAST_12_MONTHS } from "@/lib/insights/filters";
import { INSIGHT_VIEWS, type InsightViewName } from "@/lib/insights/views";

/** What each insight view holds, for its description: one line each. */
const VIEW_CONTENTS: Record<InsightViewName, string> = {
  overview: "headline counts per threat area with a trend against the period before, partner types and covered areas not contributing",
  "beyond-police": "partner type × threat area, reported to police, barriers to reporting, police recorded crime beside partner counts",
  communities: "Census 2021 ethnic groups, migrant, no recourse to public funds, LGBTQ+, disability, and how completely each partner type records them",
  perpetrators: "known other offending and its kinds, relationship to the victim, lone or group, ideology concern, each by threat area",
  "repeat-victimisation": "the repeat victimisation rate by organisation and by area, each a funnel plot against the overall rate with outliers classified; rates over withheld figures are null",
  "data-quality": "completeness of key fields and timeliness of submission, by organisation",
};

const problemSchema = {
  type: "object",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } },
    },
    reference: { type: "string" },
  },
} as const;

const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { description: "Problem details (RFC 9457)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } }]),
  );

/**
 * The API's OpenAPI 3.1 document, generated from the same zod schema the form, the server
 * actions and the CSV importer use, so the three can never disagree; each field is described by
 * its question's label.
 */
export function openApiDocument(now = new Date()) {
  const disclosure = describeFields(z.toJSONSchema(disclosureSchema({ now }), { io: "input", unrepresentable: "any", target: "draft-2020-12" }));
  const resource = {
    type: "object",
    required: ["id", "series_id", "version", "status", "submitted_at", "withdrawn_reason", "answers"],
    properties: {
      id: { type: "string", format: "uuid" },
      series_id: { type: "string", format: "uuid", description: "Shared by every version of one disclosure." },
      version: { type: "integer", minimum: 1 },
      status: { enum: ["submitted", "withdrawn", "superseded", "draft"] },
      submitted_at: { type: ["string", "null"], format: "date-time" },
      withdrawn_reason: { type: ["string", "null"] },
      answers: { $ref: "#/components/schemas/DisclosureInput" },
    },
  };
  const sharedResource = {
    type: "object",
    required: ["id", "provider", "submitted_at", "threat_areas", "fields", "answers", "agreement_ids"],
    properties: {
      id: { type: "string", format: "uuid" },
      provider: {
        type: "object",
        required: ["id", "name", "type"],
        properties: { id: { type: "string", format: "uuid" }, name: { type: "string" }, type: { enum: [...ORGANISATION_TYPES] } },
      },
      submitted_at: { type: "string", format: "date-time" },
      threat_areas: { type: "array", items: { enum: [...THREAT_AREAS.codes] }, description: "The disclosure's threat areas in scope of a record grant; its others are left out." },
      fields: { type: "array", items: { type: "string" }, description: "The field codes this row's agreements share." },
      answers: {
        type: "object",
        description: "The answers to those fields only, as a submission writes them; `sub_types` gives each area's sub-types and `force_area_code` the police force area.",
      },
      agreement_ids: { type: "array", items: { type: "string", format: "uuid" } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "VAWG partner data-sharing portal API",
      version: "1.0.0",
      description:
        "Partner case-management systems submit anonymised disclosures and read their own organisation's back; recipients' systems read the partner data shared with them. Authenticate with an organisation's API token: `Authorization: Bearer vawg_…`. Rules between answers (for example, `csae` needs a child age band; barriers only when not reported to police; free text is refused when it looks like personal data) are checked on submission and reported as problem details with field paths.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/disclosures": {
        post: {
          summary: "Submit one disclosure",
          description: "Needs the `submit` scope. A partner reference already used by a live disclosure is refused with 409.",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/DisclosureInput" } } } },
          responses: {
            "201": { description: "Submitted", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string", format: "uuid" } } } } } },
            ...problems(400, 401, 403, 409, 413, 415),
          },
        },
        get: {
          summary: "List the organisation's disclosures",
          description: "Needs the `read` scope. Submitted and withdrawn disclosures, oldest first, a page at a time.",
          parameters: [
            { name: "cursor", in: "query", schema: { type: "string" }, description: "The `next_cursor` of the previous page." },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: {
            "200": {
              description: "A page of disclosures",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { data: { type: "array", items: { $ref: "#/components/schemas/Disclosure" } }, next_cursor: { type: ["string", "null"] } },
                  },
                },
              },
            },
            ...problems(400, 401, 403),
          },
        },
      },
      "/api/v1/disclosures/{id}": {
        get: {
          summary: "One disclosure",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { "200": { description: "The disclosure", content: { "application/json": { schema: { $ref: "#/components/schemas/Disclosure" } } } }, ...problems(401, 403, 404) },
        },
      },
      "/api/v1/shared-disclosures": {
        get: {
          summary: "List the partner data shared with the organisation",
          description:
            "Needs an analyst's token with the `shared_read` scope; it acts as that analyst. Disclosures that other organisations share with it at record granularity under data-sharing agreements in force today, 50 a page. Each carries only the fields and threat areas its agreements share; free text never. A suspended or ended agreement's rows disappear at once. `record_access` is false when no agreement shares records (aggregates only, or nothing).",
          parameters: [
            { name: "provider", in: "query", schema: { type: "string", format: "uuid" }, description: "Only this provider organisation's rows." },
            { name: "partner_type", in: "query", schema: { enum: [...ORGANISATION_TYPES] }, description: "Only providers of this type." },
            { name: "area", in: "query", schema: { enum: [...THREAT_AREAS.codes] }, description: "Only rows shared under this threat area." },
            { name: "from", in: "query", schema: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }, description: "First month of disclosure (YYYY-MM)." },
            { name: "to", in: "query", schema: { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }, description: "Last month of disclosure (YYYY-MM)." },
            { name: "lad", in: "query", schema: { type: "string" }, description: "Only this local authority (ONS code)." },
            { name: "sort", in: "query", schema: { enum: [...SHARED_SORTS], default: "newest" } },
            { name: "cursor", in: "query", schema: { type: "string" }, description: "The `next` or `previous` of a page with the same filters and sort." },
          ],
          responses: {
            "200": {
              description: "A page of shared disclosures",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["record_access", "data", "next", "previous"],
                    properties: {
                      record_access: { type: "boolean" },
                      data: { type: "array", items: { $ref: "#/components/schemas/SharedDisclosure" } },
                      next: { type: ["string", "null"] },
                      previous: { type: ["string", "null"] },
                    },
                  },
                },
              },
            },
            ...problems(400, 401, 403),
          },
        },
      },
      "/api/v1/insights/{view}": {
        get: {
          summary: "Read an intelligence-gap view, under disclosure control",
          description:
            "Needs an analyst's token with the `shared_read` scope; it acts as that analyst. Counts of the disclosures that agreements in force today share with the organisation, at either granularity, built into the view's tables. Every figure has passed statistical disclosure control under the strictest policy of the agreements involved: counts from 1 to k−1 are suppressed (`value` null, `suppressed` \"primary\"), further figures are withheld so that none can be worked out from totals (\"secondary\"), published counts carry cell-key perturbation and may be rounded to base 5, and shares built on a suppressed figure are null. Periods and places are fixed bands, never free ranges. A disclosure in two threat areas counts once in each. Views: " +
            INSIGHT_VIEWS.map((view) => "`" + view + "` (" + VIEW_CONTENTS[view] + ")").join(", ") +
            ". Each read is recorded in the audit log.",
          parameters: [
            { name: "view", in: "path", required: true, schema: { enum: [...INSIGHT_VIEWS] } },
            {
              name: "period",
              in: "query",
              schema: { type: "string", default: LAST_12_MONTHS },
              description: "A month (2026-04), a quarter (2026-Q2), a calendar year (2026), a financial year (2025-26) or `last-12-months` (the default: the 12 complete months before this one).",
            },
            { name: "force_area", in: "query", schema: { type: "string" }, description: "A whole police force area (ONS code)." },
            { name: "lad", in: "query", schema: { type: "string" }, description: "A whole local authority (ONS code); police recorded crime is by force area, so none is set beside it." },
            { name: "threat_area", in: "query", schema: { enum: [...THREAT_AREAS.codes] } },
            { name: "partner_type", in: "query", schema: { enum: [...ORGANISATION_TYPES] } },
          ],
          responses: {
            "200": {
              description: "The view's published tables",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["view", "period", "filters", "disclosure_control", "scope"],
                    properties: {
                      view: { enum: [...INSIGHT_VIEWS] },
                      period: { type: "object" },
                      filters: { type: "object" },
                      disclosure_control: {
                        type: "object",
                        properties: { threshold: { type: "integer" }, round_to_base5: { type: "boolean" }, perturbed: { type: "boolean" } },
                      },
                      scope: { enum: ["shared", "own_organisation"] },
                    },
                    additionalProperties: true,
                  },
                },
              },
            },
            ...problems(400, 401, 403, 404),
          },
        },
      },
      "/api/v1/recorded-crime-returns": {
        post: {
          summary: "Send a police force's monthly recorded-crime returns",
          description:
            "Needs the `submit` scope and a police-force organisation. Saved all or nothing; a return for a force area, month and threat area already held replaces it.",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["returns"],
                  additionalProperties: false,
                  properties: {
                    returns: {
                      type: "array",
                      minItems: 1,
                      maxItems: MAX_API_RETURNS,
                      items: {
                        type: "object",
                        required: ["force_area_code", "month", "threat_area", "count"],
                        additionalProperties: false,
                        properties: {
                          force_area_code: { type: "string", pattern: "^(E23|W15)\\d{6}$" },
                          month: { type: "string", pattern: "^\\d{4}-\\d{2}$" },
                          threat_area: { enum: [...THREAT_AREAS.codes] },
                          count: { type: "integer", minimum: 0 },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          responses: { "200": { description: "Saved" }, ...problems(400, 401, 403, 413, 415) },
        },
      },
      "/api/v1/disclosures/{id}/withdraw": {
        post: {
          summary: "Withdraw a submitted disclosure",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { type: "object", required: ["reason"], properties: { reason: { type: "string", minLength: 3, maxLength: 500 } } } } },
          },
          responses: { "200": { description: "Withdrawn" }, ...problems(400, 401, 403, 404, 409) },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An organisation's API token (`vawg_…`)." } },
      schemas: { DisclosureInput: disclosure, Disclosure: resource, SharedDisclosure: sharedResource, Problem: problemSchema },
    },
  };
}

/** Each property of the disclosure's JSON schema described by the label of its question. */
function describeFields<S extends { properties?: Record<string, unknown> }>(schema: S): S {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([code, property]) => {
      const question = questionOf(code);
      return [code, question ? { description: question.label, ...(property as object) } : property];
    }),
  );
  return { ...schema, properties };
}
