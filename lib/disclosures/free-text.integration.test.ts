import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/api-tokens/service";
import type { Viewer } from "@/lib/auth/viewer";
import { Invalid } from "@/lib/errors";
import { createLogger, replaceLogger } from "@/lib/log";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { importDisclosures } from "@/lib/uploads/disclosure-import";
import { disclosureCsv, streamOfText, validCells } from "@/lib/uploads/testing";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import * as withdraw from "@/app/api/v1/disclosures/[id]/withdraw/route";
import * as collection from "@/app/api/v1/disclosures/route";
import { toDisclosureInput } from "./rows";
import { saveCorrectionSection, submitDisclosure, withdrawDisclosure } from "./service";

/**
 * Free text is refused wherever it arrives (docs/privacy-check.md): the API's submission and
 * withdrawal, a correction, a withdrawal from the form and the CSV upload all name the field and
 * the span (or the row and column), and what was typed reaches neither the answer nor the log.
 */

// A name written plainly, and a phone number with O for zero, full-width digits and an invisible space.
const NAME_TEXT = "Her ex-partner Kyle came to the refuge at night.";
const NAME = { text: "Kyle", start: 16, end: 19 };
const PHONE_TEXT = "Mum asked us to ring O77OO ９００ 1\u200B23 in the evening.";
const PHONE = { text: "O77OO ９００ 1\u200B23", start: 22, end: 35 };
const TYPED = [NAME.text, PHONE.text, "O77OO", "９００"];

const NOW = new Date();
let test: TestDatabase;
let manager: Viewer;
let token: string;
let logged: string[] = [];

beforeAll(async () => {
  test = await openDemoDatabase();
  manager = await viewerFor(test.db, "manager@idva.example");
  token = (await createApiToken(manager, { name: "Case system", scopes: ["submit", "read"], expiresInDays: 30 })).token;
  replaceLogger(createLogger({ level: "info", destination: { write: (line: string) => void logged.push(line) } }));
});
afterAll(async () => {
  replaceLogger(createLogger({ level: "silent" }));
  await test?.close();
});
beforeEach(() => {
  logged = [];
});

let seed = 700;
function validInput(overrides: Record<string, unknown> = {}) {
  seed += 1;
  const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: ["E08000035"], months: ["2026-05"], now: NOW });
  return { ...toDisclosureInput(record!.disclosure, record!.threatAreas), ...overrides };
}

function post(path: string, body: unknown) {
  return new Request(`http://portal.test${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

type Problem = { status: number; detail: string; errors: { path: string; message: string }[] };

function expectNothingTyped(text: string) {
  for (const typed of TYPED) expect(text).not.toContain(typed);
}

describe("the API", () => {
  it.each([
    ["a name written plainly", NAME_TEXT, NAME, /looks like a name \(characters 16 to 19\): replace it with a role, such as ‘the victim’/],
    ["a disguised phone number", PHONE_TEXT, PHONE, /looks like a phone number \(characters 22 to 35\)$/],
  ])("refuses a submission whose context holds %s, naming the field and span, and logs the refusal without the text", async (_what, context, span, message) => {
    const response = await collection.POST(post("/api/v1/disclosures", validInput({ context })), { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    const body = await response.text();
    const problem = JSON.parse(body) as Problem;
    expect(problem.errors).toEqual([{ path: "context", message: expect.stringMatching(message) }]);
    expect(context.slice(span.start - 1, span.end)).toBe(span.text);
    expectNothingTyped(body);
    expect(logged.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: "API request refused: invalid input", fields: ["context"] }),
    );
    expectNothingTyped(logged.join("\n"));
  });

  it("refuses a withdrawal whose reason names someone, and the disclosure stays submitted", async () => {
    const { id } = await submitDisclosure(manager, validInput(), undefined, NOW);
    const response = await withdraw.POST(post(`/api/v1/disclosures/${id}/withdraw`, { reason: "Duplicate: Darren (34) was entered twice." }), { params: Promise.resolve({ id }) });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect((JSON.parse(body) as Problem).errors).toEqual([{ path: "reason", message: expect.stringMatching(/^looks like a name \(characters 12 to 17\)/) }]);
    expect(body).not.toContain("Darren");
    expect(logged.join("\n")).not.toContain("Darren");
    const accepted = await withdraw.POST(post(`/api/v1/disclosures/${id}/withdraw`, { reason: "Entered twice by mistake" }), { params: Promise.resolve({ id }) });
    expect(accepted.status).toBe(200);
  });
});

describe("the service behind the forms", () => {
  it("refuses a correction whose context holds a name, by field and span", async () => {
    const { id } = await submitDisclosure(manager, validInput(), undefined, NOW);
    const refusal = await saveCorrectionSection(manager, { section: "Context", input: { context: NAME_TEXT }, complete: true }, id, NOW).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Invalid);
    expect((refusal as Invalid).fieldErrors).toEqual({ context: expect.stringMatching(/^looks like a name \(characters 16 to 19\)/) });
  });

  it("refuses a withdrawal reason holding a disguised phone number, counting from the reason as typed", async () => {
    const { id } = await submitDisclosure(manager, validInput(), undefined, NOW);
    const refusal = await withdrawDisclosure(manager, id, `  ${PHONE_TEXT}`, NOW).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Invalid);
    expect((refusal as Invalid).fieldErrors).toEqual({ reason: "looks like a phone number (characters 24 to 37)" });
    expectNothingTyped(JSON.stringify(refusal));
  });
});

describe("the CSV upload", () => {
  it("refuses a file with a name and a disguised phone number in its context, by row and column, and logs only where", async () => {
    const csv = disclosureCsv([
      validCells(++seed, NOW, { partner_reference: "FREE-1" }),
      validCells(++seed, NOW, { partner_reference: "FREE-2", context: NAME_TEXT }),
      validCells(++seed, NOW, { partner_reference: "FREE-3", context: PHONE_TEXT }),
    ]);
    const result = await importDisclosures(manager, streamOfText(csv, 512), { now: NOW });
    expect(result.phase).toBe("failed");
    if (result.phase !== "failed") return;
    expect(result.errors).toEqual([
      { row: 3, column: "context", message: expect.stringMatching(/^looks like a name \(characters 16 to 19\): replace it with a role/) },
      { row: 4, column: "context", message: "looks like a phone number (characters 22 to 35)" },
    ]);
    expectNothingTyped(JSON.stringify(result));
    expect(logged.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: "Upload refused", errorCount: 2, cells: ["3:context", "4:context"] }),
    );
    expectNothingTyped(logged.join("\n"));
  });
});
