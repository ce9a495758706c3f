import { defineCodes, NOT_KNOWN, NOT_KNOWN_LABEL, type CodeOf } from "./code-list";

/** The five high-level ONS 2021 ethnic groups (Census classification 6a), used to group views. */
export const ETHNIC_GROUPS = defineCodes({
  asian: "Asian, Asian British or Asian Welsh",
  black: "Black, Black British, Black Welsh, Caribbean or African",
  mixed: "Mixed or Multiple ethnic groups",
  white: "White",
  other: "Other ethnic group",
});

export type EthnicGroup = CodeOf<typeof ETHNIC_GROUPS>;

type Category = { label: string; group: EthnicGroup; census2021Code: number };

/** The 19 ONS 2021 ethnic categories (classification 20b), keyed by the portal's codes. */
export const ETHNIC_CATEGORIES = {
  indian: { label: "Indian", group: "asian", census2021Code: 3 },
  pakistani: { label: "Pakistani", group: "asian", census2021Code: 4 },
  bangladeshi: { label: "Bangladeshi", group: "asian", census2021Code: 1 },
  chinese: { label: "Chinese", group: "asian", census2021Code: 2 },
  other_asian: { label: "Other Asian", group: "asian", census2021Code: 5 },
  african: { label: "African", group: "black", census2021Code: 6 },
  caribbean: { label: "Caribbean", group: "black", census2021Code: 7 },
  other_black: { label: "Other Black", group: "black", census2021Code: 8 },
  white_and_asian: { label: "White and Asian", group: "mixed", census2021Code: 9 },
  white_and_black_african: { label: "White and Black African", group: "mixed", census2021Code: 10 },
  white_and_black_caribbean: { label: "White and Black Caribbean", group: "mixed", census2021Code: 11 },
  other_mixed: { label: "Other Mixed or Multiple ethnic groups", group: "mixed", census2021Code: 12 },
  english_welsh_scottish_ni_british: {
    label: "English, Welsh, Scottish, Northern Irish or British",
    group: "white",
    census2021Code: 13,
  },
  irish: { label: "Irish", group: "white", census2021Code: 14 },
  gypsy_or_irish_traveller: { label: "Gypsy or Irish Traveller", group: "white", census2021Code: 15 },
  roma: { label: "Roma", group: "white", census2021Code: 16 },
  other_white: { label: "Other White", group: "white", census2021Code: 17 },
  arab: { label: "Arab", group: "other", census2021Code: 18 },
  any_other: { label: "Any other ethnic group", group: "other", census2021Code: 19 },
} as const satisfies Record<string, Category>;

export type EthnicCategory = keyof typeof ETHNIC_CATEGORIES;

/** The victim's ethnicity: a 2021 category, "not stated" (the person declined) or "not known" (not recorded). */
export const ETHNICITIES = defineCodes({
  ...(Object.fromEntries(
    Object.entries(ETHNIC_CATEGORIES).map(([code, category]) => [code, category.label]),
  ) as Record<EthnicCategory, string>),
  not_stated: "Not stated",
  [NOT_KNOWN]: NOT_KNOWN_LABEL,
} as Record<EthnicCategory | "not_stated" | typeof NOT_KNOWN, string>);

export type Ethnicity = CodeOf<typeof ETHNICITIES>;

export function ethnicGroupOf(ethnicity: Ethnicity): EthnicGroup | undefined {
  return ethnicity in ETHNIC_CATEGORIES ? ETHNIC_CATEGORIES[ethnicity as EthnicCategory].group : undefined;
}

/** The ethnicities by ONS group, for a grouped list; "not stated" and "not known" belong to none. */
export const ETHNICITY_GROUPS: readonly { label: string; codes: readonly EthnicCategory[] }[] = ETHNIC_GROUPS.options.map((group) => ({
  label: group.label,
  codes: (Object.keys(ETHNIC_CATEGORIES) as EthnicCategory[]).filter((code) => ETHNIC_CATEGORIES[code].group === group.code),
}));
