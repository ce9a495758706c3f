import type { ThreatArea } from "@/lib/taxonomy";
import type { DisclosureInput } from "./schema";

/** What the disclosures domain hands to pages and the API. */

type DisclosureStatus = "draft" | "submitted" | "withdrawn" | "superseded";

export type DisclosureSummary = {
  id: string;
  version: number;
  status: DisclosureStatus;
  disclosureMonth: string | null;
  threatAreas: ThreatArea[];
  ladCode: string | null;
  createdByName: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
};

type DisclosureVersion = { id: string; version: number; status: DisclosureStatus; submittedAt: Date | null; withdrawnReason: string | null; createdAt: Date };

export type DisclosureDetail = DisclosureSummary & {
  seriesId: string;
  withdrawnReason: string | null;
  /** The answers as the form and the API write them. */
  input: DisclosureInput;
  versions: DisclosureVersion[];
  /** Whether this version is the one that counts, so it may be corrected or withdrawn. */
  current: boolean;
  /** For a correction in progress (a draft), the submitted disclosure it will replace. */
  corrects: string | null;
};

export type DisclosureRecord = {
  id: string;
  seriesId: string;
  version: number;
  status: DisclosureStatus;
  submittedAt: Date | null;
  withdrawnReason: string | null;
  createdAt: Date;
  answers: DisclosureInput;
};

export type DisclosureFilter = {
  fromMonth?: string;
  toMonth?: string;
  threatArea?: ThreatArea;
  status?: "draft" | "submitted" | "withdrawn";
  page?: number;
};
