import type { Metadata } from "next";
import { UploadPage } from "@/components/uploads/upload-page";
import { requirePagePermission } from "@/lib/pages";
import { listCoveredForceAreas } from "@/lib/uploads/recorded-crime";
import { THREAT_AREAS } from "@/lib/taxonomy";

export const metadata: Metadata = { title: "Upload recorded-crime returns" };

export default async function UploadRecordedCrimePage() {
  const viewer = await requirePagePermission("recorded_crime.upload", "/recorded-crime/upload");
  const forceAreas = await listCoveredForceAreas(viewer);
  return (
    <UploadPage
      title="Upload recorded-crime returns"
      path="/recorded-crime/upload"
      kind="recorded-crime"
      intro={
        <>
          Upload your force’s monthly recorded-crime counts by threat area, so partner disclosures can be set against them. Every row is
          checked first; if any row has a problem nothing is saved and you get every problem by row and column. A count already held for
          the same force area, month and threat area is replaced.
        </>
      }
      template="and add one row for each force area, month and threat area."
      steps={
        <>
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
        </>
      }
      limits={
        <>
          Systems can send the same returns to the API at <code>POST /api/v1/recorded-crime-returns</code>.
        </>
      }
    />
  );
}
