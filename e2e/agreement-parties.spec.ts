import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { portalDatabase } from "./support/database";
import { resumeSession } from "./support/sign-in";

// A draft between organisations made for this test alone: no other spec reads them, and the demo
// agreements stay as they are.

/** Organisations of this test's own, and a draft in which the first provides to the second. */
async function draftWithOrganisations(): Promise<{ agreementId: string; names: [string, string, string] }> {
  const suffix = randomBytes(4).toString("hex");
  const names: [string, string, string] = [`E2E Refuge ${suffix}`, `E2E Police ${suffix}`, `E2E Council ${suffix}`];
  const agreementId = await portalDatabase().begin(async (tx) => {
    const orgIds: string[] = [];
    for (const [index, name] of names.entries()) {
      const [organisation] = await tx<{ id: string }[]>`insert into organisations (name, type) values (${name}, ${index === 1 ? "police_force" : "third_sector"}) returning id`;
      orgIds.push(organisation!.id);
    }
    const [agreement] = await tx<{ id: string }[]>`insert into agreements (reference, title) values (${`DSA-CSV-${suffix.toUpperCase()}`}, 'Parties from a file') returning id`;
    const [version] = await tx<{ id: string }[]>`
      insert into agreement_versions (agreement_id, version, purpose, processing_regime, article6_basis, article9_condition, dpa_condition, retention_months, start_date, end_date, review_date)
      values (${agreement!.id}, 1, 'To test filling in the parties from a CSV file.', 'uk_gdpr', '6(1)(e) public task', '9(2)(g) substantial public interest',
              'DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)', 12, '2026-01-01', '2030-01-01', '2027-01-01')
      returning id`;
    await tx`insert into agreement_parties (version_id, org_id, is_provider, is_recipient, contact_name, contact_email) values
      (${version!.id}, ${orgIds[0]!}, true, false, 'Rae Refuge', 'rae@refuge.example'),
      (${version!.id}, ${orgIds[1]!}, false, true, 'Pat Police', 'pat@police.example')`;
    await tx`insert into agreement_threat_areas (version_id, threat_area, granularity) values (${version!.id}, 'domestic_abuse', 'aggregate')`;
    await tx`insert into agreement_geography (version_id, force_area_code) values (${version!.id}, 'E23000010')`;
    return agreement!.id;
  });
  return { agreementId, names };
}

function csvFile(lines: readonly string[]) {
  return { name: "parties.csv", mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8") };
}

test("an admin fills in a draft's parties from a CSV file, and a file with problems names each line and column against the field", async ({ page }) => {
  const { agreementId, names } = await draftWithOrganisations();
  const [refuge, police, council] = names;
  await resumeSession(page, "admin@national.example");
  await page.goto(`/agreements/${agreementId}/edit`);
  const form = page.getByRole("form", { name: "Fill in the parties from a CSV file" });
  const file = form.getByLabel("CSV file of parties");
  const send = () => form.getByRole("button", { name: "Replace the parties" }).click();

  // The example is the draft's parties now, in the file's own columns.
  await form.getByText("Example: this draft’s parties as a CSV file").click();
  await expect(form.getByText(`organisation,role,contact_name,contact_email ${police},recipient,Pat Police,pat@police.example ${refuge},provider`)).toBeVisible();

  await file.setInputFiles(csvFile(["organisation,role,contact_name,contact_email", `Nowhere Trust,provider,Nia,nia@nowhere.example`, `${police},reader,Pat Police,pat@police.example`]));
  await send();
  const problem = 'Line 2, column organisation: no organisation is called "Nowhere Trust"; Line 3, column role: Choose whether the organisation provides data, receives it, or both';
  const summary = form.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: problem })).toHaveAttribute("href", "#partiesCsv");
  await expect(form.getByText(`Error: ${problem}`)).toBeVisible();
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "draft with a CSV of parties refused");

  // A workbook is refused as not CSV; one too large is refused before it is sent.
  await file.setInputFiles({ name: "parties.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]) });
  await send();
  await expect(summary.getByRole("link", { name: /The file is a spreadsheet workbook or archive, not CSV/ })).toBeVisible();
  await file.setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(300 * 1024, "a") });
  await send();
  await expect(summary.getByRole("link", { name: "Choose a file of 256 KB or less: a CSV of parties needs one short line for each organisation" })).toBeVisible();

  await file.setInputFiles(csvFile(["organisation,role,contact_name,contact_email", `${council.toLowerCase()},both,Cal Council,cal@council.example`, `${police},recipient,Pat Police,pat@police.example`]));
  await send();
  await expect(page.getByText("The draft's parties were replaced by those in the CSV file.")).toBeVisible();
  const parties = page.getByRole("table", { name: "Parties and signatures, version 1" });
  await expect(parties.getByRole("row")).toHaveCount(3);
  await expect(parties.getByRole("row", { name: new RegExp(`${council} Provides and receives data Cal Council, cal@council.example`) })).toBeVisible();
  await expect(parties.getByRole("row", { name: new RegExp(`${police} Receives data Pat Police, pat@police.example`) })).toBeVisible();
  await expect(parties.getByText(refuge)).toHaveCount(0);
});
