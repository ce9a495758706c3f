import type { Metadata } from "next";
import Link from "next/link";
import { UploadForm } from "@/components/uploads/upload-form";
import { requirePagePermission } from "@/lib/pages";
import { columnGuide, OPTIONAL_COLUMNS } from "@/lib/uploads/disclosure-columns";
import { UPLOAD_LIMITS } from "@/lib/uploads/events";

export const metadata: Metadata = { title: "Upload disclosures" };

export default async function UploadDisclosuresPage() {
  await requirePagePermission("disclosures.upload", "/disclosures/upload");
  const guide = columnGuide();
  return (
    <div className="max-w-4xl space-y-6">
      <p>
        <Link href="/disclosures">Back to disclosures</Link>
      </p>
      <h1 className="text-3xl font-bold">Upload disclosures</h1>
      <p>
        Upload many disclosures at once from a CSV file. Every row is checked first, with the same rules as the form. If any row has a problem,
        nothing is saved and you get a list of every problem by row and column. If every row is right, they are all submitted together.
      </p>
      <h2 className="text-2xl font-bold">Prepare the file</h2>
      <ol className="list-decimal space-y-2 pl-6">
        <li>
          <a href="/disclosures/upload/template" download>
            Download the CSV template
          </a>{" "}
          — its header row holds the column names (field codes). Keep the header as it is, and add one row for each disclosure.
        </li>
        <li>Fill in each cell with a code from the column guide below. An empty cell means the question was not answered.</li>
        <li>
          Put threat areas in <code>threat_areas</code>, separated by semicolons (<code>domestic_abuse;stalking_harassment</code>). For each
          threat area listed, put its sub-types in that area’s <code>sub_types.&lt;area&gt;</code> column, such as{" "}
          <code>sub_types.domestic_abuse</code>, or <code>not_known</code>. Leave the sub-types of other areas empty.
        </li>
        <li>Separate several answers in one cell with semicolons, as in <code>idva;police</code>.</li>
        <li>
          Give each row a <code>partner_reference</code> (your own case reference). A row whose reference is already on one of your
          organisation’s disclosures is skipped as already submitted, so uploading the same file again adds nothing. The same reference
          twice in one file is an error.
        </li>
        <li>
          Save it as ‘CSV UTF-8 (comma delimited)’: at most {UPLOAD_LIMITS.maxBytes / (1024 * 1024)} MB and{" "}
          {UPLOAD_LIMITS.maxDataRows.toLocaleString("en-GB")} rows. The columns {OPTIONAL_COLUMNS.map((column) => `‘${column}’`).join(" and ")} may
          be left out; every other column must be there. Context must not hold personal data.
        </li>
      </ol>
      <h2 className="text-2xl font-bold">Upload the file</h2>
      <UploadForm endpoint="/disclosures/upload/stream" kind="disclosures" />
      <details>
        <summary className="cursor-pointer text-lg font-bold">Column guide</summary>
        <table className="mt-4 w-full border-collapse text-left">
          <caption className="sr-only">The columns of the disclosure CSV and the codes each accepts</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 pr-4">Column</th>
              <th scope="col" className="py-2 pr-4">Question</th>
              <th scope="col" className="py-2">Accepted values</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </details>
    </div>
  );
}
