import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { Invalid } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { listDisclosures } from "./service";

let test: TestDatabase;
let manager: Viewer;
let lastPage: number;

beforeAll(async () => {
  test = await openDemoDatabase(new Date("2026-11-02T10:00:00Z"), { disclosuresPerPartner: 30 });
  manager = await viewerFor(test.db, "manager@idva.example");
  const first = await listDisclosures(manager, { page: 1 });
  lastPage = Math.ceil(first.total / first.pageSize);
});
afterAll(async () => {
  await test?.close();
});

describe("paging the disclosures list", () => {
  it("has more than one page to page through, the last one shown as asked", async () => {
    expect(lastPage).toBeGreaterThan(1);
    expect((await listDisclosures(manager, { page: lastPage })).page).toBe(lastPage);
    expect((await listDisclosures(manager, { page: lastPage + 1 })).page).toBe(lastPage);
  });

  it.each([99_999_999_999, Number.MAX_SAFE_INTEGER, 1e20, 1e308])("shows the last page for page %d, far beyond it", async (page) => {
    const shown = await listDisclosures(manager, { page });
    expect(shown.page).toBe(lastPage);
    expect(shown.items.length).toBeGreaterThan(0);
  });

  it.each([0, -1, -1e308, Number.NaN, Number.POSITIVE_INFINITY])("refuses page %d as invalid, never a database error", async (page) => {
    const attempt = listDisclosures(manager, { page });
    await expect(attempt).rejects.toBeInstanceOf(Invalid);
    await expect(attempt).rejects.toMatchObject({ status: 400, fieldErrors: { page: "Enter a page number of 1 or more" } });
  });
});
