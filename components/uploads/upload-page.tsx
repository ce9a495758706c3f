import type { ComponentProps, ReactNode } from "react";
import { UploadForm } from "@/components/uploads/upload-form";
import { UPLOAD_LIMITS } from "@/lib/uploads/events";

type UploadPageProps = {
  title: string;
  /** The upload's address: its template is at `${path}/template` and the file streams to `${path}/stream`. */
  path: string;
  kind: ComponentProps<typeof UploadForm>["kind"];
  /** Shown above the heading, such as a link back. */
  before?: ReactNode;
  intro: ReactNode;
  /** What to do with the template once downloaded, following its link. */
  template: ReactNode;
  /** The steps between the template and saving the file, each an `<li>`. */
  steps: ReactNode;
  /** What follows the size limits in the last step. */
  limits: ReactNode;
  /** Shown below the form. */
  children?: ReactNode;
};

/** A CSV upload: how to prepare the file from the template, within the limits, and the form that sends it. */
export function UploadPage({ title, path, kind, before, intro, template, steps, limits, children }: UploadPageProps) {
  return (
    <div className="max-w-4xl space-y-6">
      {before}
      <h1 className="text-3xl font-bold">{title}</h1>
      <p>{intro}</p>
      <h2 className="text-2xl font-bold">Prepare the file</h2>
      <ol className="list-decimal space-y-2 pl-6">
        <li>
          <a href={`${path}/template`} download>
            Download the CSV template
          </a>{" "}
          {template}
        </li>
        {steps}
        <li>
          Save it as ‘CSV UTF-8 (comma delimited)’: at most {UPLOAD_LIMITS.maxBytes / (1024 * 1024)} MB and{" "}
          {UPLOAD_LIMITS.maxDataRows.toLocaleString("en-GB")} rows. {limits}
        </li>
      </ol>
      <h2 className="text-2xl font-bold">Upload the file</h2>
      <UploadForm endpoint={`${path}/stream`} kind={kind} />
      {children}
    </div>
  );
}
