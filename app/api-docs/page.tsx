import type { Metadata } from "next";
import { connection } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { DISCLOSURE_FIELDS } from "@/lib/taxonomy";
import { TitledSection } from "@/components/titled-section";
import { DataTable, ScrollRegion } from "@/components/data-table";

export const metadata: Metadata = { title: "API" };

type Operation = { summary: string; description?: string; responses: Record<string, unknown> };
type JsonSchema = { enum?: string[]; type?: string | string[]; pattern?: string; items?: JsonSchema; propertyNames?: JsonSchema; maxLength?: number; anyOf?: JsonSchema[] };

/** The API explained for the people who connect partner systems, from the same OpenAPI document. */
export default async function ApiDocsPage() {
  await connection();
  const document = openApiDocument();
  const input = document.components.schemas.DisclosureInput as { properties: Record<string, JsonSchema>; required?: string[] };
  return (
    <div className="max-w-4xl space-y-8">
      <h1 className="text-3xl font-bold">The portal&apos;s API</h1>
      <p>{document.info.description}</p>
      <p>
        The machine-readable description is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Partner leads
        create tokens on the API tokens page; a token belongs to the organisation and can be revoked at any time.
      </p>

      <TitledSection id="operations-title" title="Operations" className="space-y-4">
        {Object.entries(document.paths).flatMap(([path, methods]) =>
          Object.entries(methods as Record<string, Operation>).map(([method, operation]) => (
            <div key={`${method} ${path}`} className="border-l-4 border-rule pl-4">
              <h3 className="font-mono text-lg font-bold break-words">
                {method.toUpperCase()} {path}
              </h3>
              <p>{operation.summary}.</p>
              {operation.description ? <p className="text-muted">{operation.description}</p> : null}
              <p className="text-muted">Answers: {Object.keys(operation.responses).join(", ")}.</p>
            </div>
          )),
        )}
      </TitledSection>

      <TitledSection id="example-title" title="Example" className="space-y-2">
        <ScrollRegion label="An example request">
          <pre className="bg-panel p-4 text-sm">
          {`curl -X POST https://<portal>/api/v1/disclosures \\
  -H "Authorization: Bearer vawg_…" \\
  -H "Content-Type: application/json" \\
  -d '{"disclosure_month":"2026-10","threat_areas":{"domestic_abuse":["coercive_control"]},
       "lad_code":"E08000035","victim_age_band":"25-34", … }'`}
          </pre>
        </ScrollRegion>
        <p>Errors are problem details (RFC 9457) with the path of every field in error.</p>
      </TitledSection>

      <TitledSection id="fields-title" title="Fields of a disclosure" className="space-y-2">
        <DataTable caption="Fields of a disclosure, whether each is required, and the values it takes" columns={["Field", "Required", "Values"]}>
          {Object.entries(input.properties).map(([field, schema]) => (
            <tr key={field} className="border-b border-rule align-top">
              <th scope="row" className="py-2 pr-4 font-normal">
                <code className="font-mono">{field}</code>
                <br />
                <span className="text-muted">{DISCLOSURE_FIELDS.has(field) ? DISCLOSURE_FIELDS.label(field) : field === "partner_reference" ? "Your own case reference (stored only as a keyed hash)" : ""}</span>
              </th>
              <td className="py-2 pr-4">{input.required?.includes(field) ? "Yes" : "No"}</td>
              <td className="py-2 font-mono text-sm break-words">{describe(schema)}</td>
            </tr>
          ))}
        </DataTable>
      </TitledSection>
    </div>
  );
}

function describe(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.join(", ");
  if (schema.anyOf) return schema.anyOf.map(describe).join(" or ");
  if (schema.items) return `list of: ${describe(schema.items)}`;
  if (schema.propertyNames) return `object keyed by threat area (${describe(schema.propertyNames)}), each a list of sub-type codes`;
  if (schema.pattern) return `text matching ${schema.pattern}`;
  if (schema.maxLength) return `text, at most ${schema.maxLength} characters`;
  return Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "");
}
