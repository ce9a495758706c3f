import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ShareTable } from "./published-table";

/** The table's rows as arrays of cell text, header row first. */
function rowsOf(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "").trim()));
}

describe("a share table", () => {
  const html = renderToStaticMarkup(
    <ShareTable
      caption="Share not reported to police, by partner type"
      columns={["Partner type", "Not reported to police"]}
      rows={[
        { key: "health", label: "Health", shares: [0.426] },
        { key: "housing", label: "Housing", shares: [null] },
        { key: "idva_service", label: "IDVA service", shares: [1] },
      ]}
    />,
  );

  it("gives each label its share as a whole percentage, and [c] where a figure it is built on is withheld", () => {
    expect(rowsOf(html)).toEqual([
      ["Partner type", "Not reported to police"],
      ["Health", "43%"],
      ["Housing", "[c] (withheld)"],
      ["IDVA service", "100%"],
    ]);
  });

  it("gives a row a share in each column when there are several", () => {
    const grid = renderToStaticMarkup(
      <ShareTable
        caption="Share of disclosures with an answer other than not known, by organisation and field"
        columns={["Organisation", "Ethnicity", "Disability"]}
        rows={[
          { key: "a", label: "Leeds IDVA service", shares: [0.5, null] },
          { key: "all", label: "All organisations", shares: [0.254, 0.755] },
        ]}
      />,
    );
    expect(rowsOf(grid)).toEqual([
      ["Organisation", "Ethnicity", "Disability"],
      ["Leeds IDVA service", "50%", "[c] (withheld)"],
      ["All organisations", "25%", "76%"],
    ]);
  });

  it("names each share by its row for a screen reader, under its caption", () => {
    expect(html.match(/<th scope="row"/g)).toHaveLength(3);
    expect(html).toContain('<caption class="sr-only">Share not reported to police, by partner type</caption>');
  });
});
