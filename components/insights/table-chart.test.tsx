import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TableChart } from "./table-chart";

describe("TableChart", () => {
  const html = renderToStaticMarkup(
    <TableChart
      id="kinds"
      title="Kinds of other offending"
      rowLabels={["Violence", "Weapons", "Drugs"]}
      columnLabels={["Domestic abuse", "Rape and serious sexual offences"]}
      cells={[
        [{ value: 10 }, { value: 5 }],
        [{ value: 0 }, { value: 0 }],
        [{ value: null }, { value: 0 }],
      ]}
      valueLabel="Disclosures"
      rounded
    />,
  );

  it("draws each row as a group of bars, one per column, leaving off rows that are 0 throughout", () => {
    expect(html).toContain("<title>Violence, Domestic abuse: 10</title>");
    expect(html).toContain("<title>Violence, Rape and serious sexual offences: 5</title>");
    expect(html).not.toContain("Weapons");
  });

  it("draws a withheld figure as suppressed, never as 0, and says how the figures were protected", () => {
    expect(html).toContain("<title>Drugs, Domestic abuse: suppressed</title>");
    expect(html).toContain("1 figure is suppressed to protect the people counted.");
    expect(html).toContain("rounding to the nearest 5");
  });

  it("draws nothing when every figure is 0", () => {
    expect(renderToStaticMarkup(<TableChart id="none" title="None" rowLabels={["A"]} columnLabels={["B"]} cells={[[{ value: 0 }]]} valueLabel="Disclosures" rounded={false} />)).toBe("");
  });
});
