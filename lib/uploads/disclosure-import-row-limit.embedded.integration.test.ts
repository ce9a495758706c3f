import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { importDisclosures } from "./disclosure-import";
import type { UploadEvent } from "./events";
import { disclosureCsv, validCells } from "./testing";

// The row limit is enforced while the file streams, before any query: the database plays no part,
// so this runs once, on PGlite (see vitest.config.ts), and not again against a server.

const NOW = new Date("2026-11-15T12:00:00Z");
let test: TestDatabase;
let manager: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  manager = await viewerFor(test.db, "manager@idva.example");
});
afterAll(async () => {
  await test?.close();
});

async function disclosuresOf(viewer: Viewer): Promise<number> {
  const [row] = await test.db.select({ n: count() }).from(t.disclosures).where(eq(t.disclosures.orgId, viewer.organisation.id));
  return row!.n;
}

const good = () => validCells(1, NOW);

describe("uploading disclosures", () => {
  it("refuses a file of 50,001 rows while it streams, without reading the rest", async () => {
    const header = `${disclosureCsv([]).trimEnd()}\r\n`;
    const row = disclosureCsv([good()]).split("\r\n")[1]!;
    const encoder = new TextEncoder();
    const total = 60_000;
    let written = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (written === 0) controller.enqueue(encoder.encode(header));
        if (written >= total) return controller.close();
        const batch = Math.min(1_000, total - written);
        controller.enqueue(encoder.encode(`${row}\r\n`.repeat(batch)));
        written += batch;
      },
    });
    const before = await disclosuresOf(manager);
    const events: UploadEvent[] = [];
    const result = await importDisclosures(manager, stream, { now: NOW, onProgress: (event) => void events.push(event) });
    expect(result).toMatchObject({ phase: "failed", message: expect.stringMatching(/more than 50,000 rows/) });
    expect(written).toBeLessThan(total);
    expect(events.some((event) => event.phase === "validating" && event.rows === 50_000)).toBe(true);
    expect(await disclosuresOf(manager)).toBe(before);
  }, 120_000);
});
