import "server-only";
import type { DisclosureDetail, DisclosureRecord } from "@/lib/disclosures/service";
import { Invalid } from "@/lib/errors";

/** A disclosure as the API returns it: snake_case, the answers in the same shape as a submission. */
export function disclosureResource(record: DisclosureRecord | (DisclosureDetail & { createdAt?: Date })) {
  return {
    id: record.id,
    series_id: record.seriesId,
    version: record.version,
    status: record.status,
    submitted_at: record.submittedAt?.toISOString() ?? null,
    withdrawn_reason: record.withdrawnReason,
    answers: "answers" in record ? record.answers : record.input,
  };
}

/** An opaque keyset cursor: the creation time and id of the last disclosure of a page. */
export function encodeCursor(record: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([record.createdAt.toISOString(), record.id])).toString("base64url");
}

export function decodeCursor(cursor: string | null): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    // A year outside 2000–9999 was never written by encodeCursor, and the database could not read it back.
    const year = date.getUTCFullYear();
    if (Number.isNaN(date.getTime()) || year < 2000 || year > 9999 || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new Invalid("The cursor is not valid: use the next_cursor of a previous page.", { cursor: "Use the next_cursor of a previous page" });
  }
}

export function pageLimit(value: string | null): number {
  if (value === null) return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new Invalid("The limit must be a whole number from 1 to 200.", { limit: "Enter a whole number from 1 to 200" });
  return limit;
}
