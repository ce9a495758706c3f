/** A fixed list of codes with the labels people read. Codes are stable: database, API and CSV use them. */
export type CodeList<C extends string> = {
  readonly codes: readonly [C, ...C[]];
  readonly labels: Readonly<Record<C, string>>;
  readonly options: readonly { readonly code: C; readonly label: string }[];
  has(value: unknown): value is C;
  label(code: C): string;
};

export const NOT_KNOWN = "not_known";
export const NOT_KNOWN_LABEL = "Not known";

export type CodeOf<L> = L extends CodeList<infer C> ? C : never;

export function defineCodes<const T extends Record<string, string>>(labels: T): CodeList<keyof T & string> {
  type C = keyof T & string;
  const codes = Object.keys(labels) as C[];
  if (codes.length === 0) throw new Error("A code list needs at least one code");
  const known = new Set<string>(codes);
  return {
    codes: codes as [C, ...C[]],
    labels,
    options: codes.map((code) => ({ code, label: labels[code] as string })),
    has: (value: unknown): value is C => typeof value === "string" && known.has(value),
    label: (code: C) => labels[code] as string,
  };
}

/** Every categorical answer in a disclosure also accepts "not known" (docs/taxonomy.md#codes-and-labels). */
export function defineAnswers<const T extends Record<string, string>>(labels: T) {
  return defineCodes({ ...labels, [NOT_KNOWN]: NOT_KNOWN_LABEL } as T & { not_known: string });
}
