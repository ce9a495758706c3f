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
        { key: "health", label: "Health", share: 0.426 },
        { key: "housing", label: "Housing", share: null },
        { key: "idva_service", label: "IDVA service", share: 1 },
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

  it("names each share by its row for a screen reader, under its caption", () => {
    expect(html.match(/<th scope="row"/g)).toHaveLength(3);
    expect(html).toContain('<caption class="sr-only">Share not reported to police, by partner type</caption>');
  });
});
