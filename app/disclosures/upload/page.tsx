import type { Metadata } from "next";
import Link from "next/link";
import { UploadPage } from "@/components/uploads/upload-page";
import { requirePagePermission } from "@/lib/pages";
import { columnGuide, OPTIONAL_COLUMNS } from "@/lib/uploads/disclosure-columns";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Upload disclosures" };

export default async function UploadDisclosuresPage() {
  await requirePagePermission("disclosures.upload", "/disclosures/upload");
  const guide = columnGuide();
  return (
    <UploadPage
      title="Upload disclosures"
      path="/disclosures/upload"
      kind="disclosures"
      before={
        <p>
          <Link href="/disclosures">Back to disclosures</Link>
        </p>
      }
      intro={
        <>
          Upload many disclosures at once from a CSV file. Every row is checked first, with the same rules as the form. If any row has a
          problem, nothing is saved and you get a list of every problem by row and column. If every row is right, they are all submitted
          together.
        </>
      }
      template="— its header row holds the column names (field codes). Keep the header as it is, and add one row for each disclosure."
      steps={
        <>
          <li>Fill in each cell with a code from the column guide below. An empty cell means the question was not answered.</li>
          <li>
            Put threat areas in <code>threat_areas</code>, separated by semicolons (<code>domestic_abuse;stalking_harassment</code>). For
            each threat area listed, put its sub-types in that area’s <code>sub_types.&lt;area&gt;</code> column, such as{" "}
            <code>sub_types.domestic_abuse</code>, or <code>not_known</code>. Leave the sub-types of other areas empty.
          </li>
          <li>Separate several answers in one cell with semicolons, as in <code>idva;police</code>.</li>
          <li>
            Give each row a <code>partner_reference</code> (your own case reference). A row whose reference is already on one of your
            organisation’s disclosures is skipped as already submitted, so uploading the same file again adds nothing. The same
            reference twice in one file is an error.
          </li>
        </>
      }
      limits={
        <>
          The columns {OPTIONAL_COLUMNS.map((column) => `‘${column}’`).join(" and ")} may be left out; every other column must be there.
          Context must not hold personal data.
        </>
      }
    >
      <details>
        <summary className="cursor-pointer text-lg font-bold">Column guide</summary>
        <DataTable caption="The columns of the disclosure CSV and the codes each accepts" columns={["Column", "Question", "Accepted values"]} className="mt-4">
          {guide.map((entry) => (
            <tr key={entry.column} className="border-b border-rule align-top">
              <td className="py-2 pr-4">
                <code>{entry.column}</code>
              </td>
              <td className="py-2 pr-4">
                {entry.label}
                {entry.multiple ? <span className="block text-muted">Several, separated by ;</span> : null}
              </td>
              <td className="break-words py-2">{entry.values}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </UploadPage>
  );
}
