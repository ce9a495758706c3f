import type { DisclosureField, ThreatArea } from "@/lib/taxonomy";
import { toCsv } from "@/lib/uploads/csv-write";

/**
 * Shared disclosures as CSV, in the disclosure CSV's own conventions (lib/uploads/disclosure-columns.ts):
 * a column a field, codes rather than labels, several values separated by `;`, each threat area's
 * sub-types in a `sub_types.<area>` column. Only the fields some grant shares have a column; a
 * row's cell is empty where its own grants do not share the field. Cells are written by the
 * formula-safe writer (docs/security.md#exports-and-csv).
 */

const SEPARATOR = ";";

type ExportRow = {
  id: string;
  provider: { name: string; type: string };
  submittedAt: Date;
  threatAreas: readonly ThreatArea[];
  answers: Partial<Record<DisclosureField, unknown>>;
};

export function sharedDisclosuresCsv(fields: readonly DisclosureField[], areas: readonly ThreatArea[], rows: readonly ExportRow[]): string {
  const columns = fields.flatMap((field) => (field === "sub_types" ? areas.map((area) => `sub_types.${area}`) : [field]));
  const header = ["id", "provider", "provider_type", "submitted_at", ...columns];
  return toCsv([
    header,
    ...rows.map((row) => [row.id, row.provider.name, row.provider.type, row.submittedAt.toISOString(), ...columns.map((column) => cell(row.answers, column))]),
  ]);
}

function cell(answers: ExportRow["answers"], column: string): string {
  if (column === "threat_areas") return Object.keys((answers.threat_areas ?? {}) as object).join(SEPARATOR);
  if (column.startsWith("sub_types.")) return ((answers.sub_types as Record<string, string[]> | undefined)?.[column.slice("sub_types.".length)] ?? []).join(SEPARATOR);
  const value = answers[column as DisclosureField];
  if (Array.isArray(value)) return value.join(SEPARATOR);
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}
