import { z } from "zod";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { ORGANISATION_TYPES } from "@/lib/access/organisation-types";

/**
 * An organisation as an admin enters it: name, type and where it works (a police force area,
 * optionally narrowed to local authorities within it). The national coordinator covers no area.
 */
export const organisationInput = z
  .object({
    name: z.string().trim().min(2, "Enter the organisation's name").max(200, "Enter a name of 200 characters or fewer"),
    type: z.enum(ORGANISATION_TYPES, "Choose the type of organisation"),
    forceAreaCode: z.string().trim().optional().transform((value) => value || undefined),
    ladCodes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean)),
  })
  .superRefine((input, context) => {
    if (input.type === "national") {
      if (input.forceAreaCode) context.addIssue({ code: "custom", path: ["forceAreaCode"], message: "The national coordinator covers no single force area" });
      return;
    }
    if (!input.forceAreaCode) {
      context.addIssue({ code: "custom", path: ["forceAreaCode"], message: "Choose the police force area the organisation works in" });
      return;
    }
    if (!getPoliceForceArea(input.forceAreaCode)) {
      context.addIssue({ code: "custom", path: ["forceAreaCode"], message: "Choose a police force area from the list" });
      return;
    }
    for (const code of input.ladCodes) {
      if (getLocalAuthority(code)?.forceAreaCode !== input.forceAreaCode) {
        context.addIssue({ code: "custom", path: ["ladCodes"], message: "Choose local authorities within the chosen force area" });
        return;
      }
    }
  });

export type OrganisationInput = z.infer<typeof organisationInput>;
