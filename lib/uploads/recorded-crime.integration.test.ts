import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as route from "@/app/api/v1/recorded-crime-returns/route";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/api-tokens/service";
import type { Viewer } from "@/lib/auth/viewer";
import { Forbidden, Invalid } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { importRecordedCrime, listCoveredForceAreas, submitRecordedCrimeReturns } from "./recorded-crime";
import { streamOfText } from "./testing";

const NOW = new Date("2026-11-15T12:00:00Z");
const WEST_YORKSHIRE = "E23000010";
const GREATER_MANCHESTER = "E23000005";
let test: TestDatabase;
let police: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  police = await viewerFor(test.db, "manager@police.example");
});
afterAll(async () => {
  await test?.close();
});

async function held(month: string, threatArea: "domestic_abuse" | "rasso" | "spiking") {
  const rows = await test.db
    .select({ count: t.recordedCrimeReturns.count })
    .from(t.recordedCrimeReturns)
    .where(and(eq(t.recordedCrimeReturns.orgId, police.organisation.id), eq(t.recordedCrimeReturns.month, `${month}-01`), eq(t.recordedCrimeReturns.threatArea, threatArea)));
  return rows.map((row) => row.count);
}

const upload = (viewer: Viewer, csv: string) => importRecordedCrime(viewer, streamOfText(csv), { now: NOW });

describe("uploading recorded-crime returns", () => {
  it("lists the force areas the police organisation covers", async () => {
    expect(await listCoveredForceAreas(police)).toEqual([{ code: WEST_YORKSHIRE, name: "West Yorkshire" }]);
  });

  it("saves a clean file for a police force's partner lead, and replaces counts when uploaded again", async () => {
    const csv = `force_area_code,month,threat_area,count\r\n${WEST_YORKSHIRE},2016-10,spiking,1\r\ne23000010,2016-10,rasso, 12 \r\n`;
    expect(await upload(police, csv)).toEqual({ phase: "done", rows: 2, added: 2, updated: 0, alreadySubmitted: [] });
    expect(await held("2016-10", "rasso")).toEqual([12]);
    expect(await upload(police, csv.replace(" 12 ", "15"))).toEqual({ phase: "done", rows: 2, added: 0, updated: 2, alreadySubmitted: [] });
    expect(await held("2016-10", "rasso")).toEqual([15]);
  });

  it("commits nothing from a file with a bad row and reports each bad cell", async () => {
    const csv = [
      "month,threat_area,count,force_area_code",
      `2016-09,domestic_abuse,100,${WEST_YORKSHIRE}`,
      `2026-12,domestic_abuse,-1,${GREATER_MANCHESTER}`,
      `2014-12,stalking,1.5,E99999999`,
      `2016-09,domestic_abuse,7,${WEST_YORKSHIRE}`,
      `2016-09,rasso,,${WEST_YORKSHIRE}`,
    ].join("\n");
    const result = await upload(police, csv);
    expect(result.phase).toBe("failed");
    if (result.phase !== "failed") return;
    expect(result.errors.map((error) => `${error.row}:${error.column}`)).toEqual([
      "3:force_area_code",
      "3:month",
      "3:count",
      "4:force_area_code",
      "4:month",
      "4:threat_area",
      "4:count",
      "5:",
      "6:count",
    ]);
    expect(result.errors[0]!.message).toBe("Enter a force area your organisation covers");
    expect(result.errors[7]!.message).toMatch(/on row 2/);
    expect(await held("2016-09", "domestic_abuse")).toEqual([]);
  });

  it("is refused to a partner lead of an organisation that is not a police force, and to a police analyst", async () => {
    for (const email of ["manager@idva.example", "analyst@police.example"]) {
      const someone = await viewerFor(test.db, email);
      await expect(upload(someone, `force_area_code,month,threat_area,count\n${WEST_YORKSHIRE},2016-01,rasso,1\n`)).rejects.toBeInstanceOf(Forbidden);
      await expect(submitRecordedCrimeReturns(someone, { returns: [] }, NOW)).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it("refuses more than 5,000 returns in one API call", async () => {
    const returns = Array.from({ length: 5_001 }, () => ({ force_area_code: WEST_YORKSHIRE, month: "2016-01", threat_area: "rasso", count: 1 }));
    await expect(submitRecordedCrimeReturns(police, { returns }, NOW)).rejects.toMatchObject({ fieldErrors: { returns: "Send at most 5,000 returns" } });
  });
});

describe("POST /api/v1/recorded-crime-returns", () => {
  let token: string;
  beforeAll(async () => {
    token = (await createApiToken(police, { name: "Force returns", scopes: ["submit"], expiresInDays: 30 })).token;
  });

  const post = (body: unknown, bearer = token) =>
    route.POST(
      new Request("http://portal.test/api/v1/recorded-crime-returns", {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  it("saves the returns and says how many were added and updated", async () => {
    const response = await post({ returns: [{ force_area_code: WEST_YORKSHIRE, month: "2016-08", threat_area: "spiking", count: 4 }] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 1, added: 1, updated: 0 });
    expect(await held("2016-08", "spiking")).toEqual([4]);
  });

  it("answers bad returns with problem+json naming each field's path, and saves none", async () => {
    const response = await post({
      returns: [
        { force_area_code: WEST_YORKSHIRE, month: "2016-07", threat_area: "spiking", count: 3 },
        { force_area_code: WEST_YORKSHIRE, month: "2016-07", threat_area: "rasso", count: "3" },
        { force_area_code: GREATER_MANCHESTER, month: "2030-01", threat_area: "rasso", count: 2, extra: 1 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(["returns[1].count", "returns[2]", "returns[2].force_area_code", "returns[2].month"]);
    expect(await held("2016-07", "spiking")).toEqual([]);
  });

  it("refuses a token of an organisation that is not a police force", async () => {
    const idva = await viewerFor(test.db, "manager@idva.example");
    const other = (await createApiToken(idva, { name: "Case system", scopes: ["submit"], expiresInDays: 30 })).token;
    const response = await post({ returns: [{ force_area_code: WEST_YORKSHIRE, month: "2016-08", threat_area: "spiking", count: 4 }] }, other);
    expect(response.status).toBe(403);
  });

  it("throws Invalid for a body without a list", async () => {
    await expect(submitRecordedCrimeReturns(police, { items: [] }, NOW)).rejects.toBeInstanceOf(Invalid);
  });
});
