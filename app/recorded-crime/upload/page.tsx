import type { Metadata } from "next";
import { UploadForm } from "@/components/uploads/upload-form";
import { requirePagePermission } from "@/lib/pages";
import { UPLOAD_LIMITS } from "@/lib/uploads/events";
import { listCoveredForceAreas } from "@/lib/uploads/recorded-crime";
import { THREAT_AREAS } from "@/lib/taxonomy";

export const metadata: Metadata = { title: "Upload recorded-crime returns" };

export default async function UploadRecordedCrimePage() {
  const viewer = await requirePagePermission("recorded_crime.upload", "/recorded-crime/upload");
  const forceAreas = await listCoveredForceAreas(viewer);
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-3xl font-bold">Upload recorded-crime returns</h1>
      <p>
        Upload your force’s monthly recorded-crime counts by threat area, so partner disclosures can be set against them. Every row is
        checked first; if any row has a problem nothing is saved and you get every problem by row and column. A count already held for the
        same force area, month and threat area is replaced.
      </p>
      <h2 className="text-2xl font-bold">Prepare the file</h2>
      <ol className="list-decimal space-y-2 pl-6">
        <li>
          <a href="/recorded-crime/upload/template" download>
            Download the CSV template
          </a>{" "}
          and add one row for each force area, month and threat area.
        </li>
        <li>
          <code>force_area_code</code>: {forceAreas.length > 0 ? forceAreas.map((area) => `${area.code} (${area.name})`).join(", ") : "your organisation covers no force area yet"}.
        </li>
        <li>
          <code>month</code>: the year and month, like <code>2024-03</code>, from 2015-01 and not in the future.
        </li>
        <li>
          <code>threat_area</code>: one of {THREAT_AREAS.codes.map((code) => code).join(", ")}.
        </li>
        <li>
          <code>count</code>: a whole number, 0 or more.
        </li>
        <li>
          Save it as ‘CSV UTF-8 (comma delimited)’: at most {UPLOAD_LIMITS.maxBytes / (1024 * 1024)} MB and{" "}
          {UPLOAD_LIMITS.maxDataRows.toLocaleString("en-GB")} rows. Systems can send the same returns to the API at{" "}
          <code>POST /api/v1/recorded-crime-returns</code>.
        </li>
      </ol>
      <h2 className="text-2xl font-bold">Upload the file</h2>
      <UploadForm endpoint="/recorded-crime/upload/stream" kind="recorded-crime" />
    </div>
  );
}
