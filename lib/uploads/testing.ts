import { generateDisclosures } from "@/scripts/seed/synthetic";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { toCsv } from "./csv-write";
import { DISCLOSURE_COLUMNS, SEPARATOR, SUB_TYPES_PREFIX } from "./disclosure-columns";

/** Test helpers: valid disclosures as CSV rows, and byte streams of text. */

export type Cells = Record<string, string>;

/** A synthetic, valid disclosure in Leeds as the CSV's cells, different for each seed. */
export function validCells(seed: number, now: Date, overrides: Cells = {}): Cells {
  const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: ["E08000035"], months: ["2026-09"], now });
  const input = toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>;
  const cells: Cells = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "threat_areas") {
      const areas = value as Record<string, string[]>;
      cells.threat_areas = Object.keys(areas).join(SEPARATOR);
      for (const [area, subTypes] of Object.entries(areas)) cells[`${SUB_TYPES_PREFIX}${area}`] = subTypes.join(SEPARATOR);
    } else if (Array.isArray(value)) cells[key] = value.join(SEPARATOR);
    else if (typeof value === "string") cells[key] = value;
  }
  return { ...cells, ...overrides };
}

export function disclosureCsv(rows: readonly Cells[], columns: readonly string[] = DISCLOSURE_COLUMNS): string {
  return toCsv([columns, ...rows.map((row) => columns.map((column) => row[column] ?? ""))]);
}

export function streamOfText(text: string, chunkSize = 4096): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}
