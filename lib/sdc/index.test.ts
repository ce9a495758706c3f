import { describe, expect, it } from "vitest";

import { mergePolicies, protectCount, protectSeries, protectTable, publishedRate, type CountCell, type DisclosurePolicy } from "./index";

const plain: DisclosurePolicy = { threshold: 5, roundToBase5: false, perturb: false };

function table(counts: number[][]) {
  return {
    rows: counts.map((_, i) => `r${i}`),
    columns: (counts[0] ?? []).map((_, j) => `c${j}`),
    cells: counts.map((row) => row.map((count): CountCell => ({ count, recordKeySum: count * 7 }))),
  };
}

const values = (cells: { value: number | null }[]) => cells.map((cell) => cell.value);

describe("protectTable", () => {
  it("publishes a table with no small counts unchanged, with its totals", () => {
    const out = protectTable(table([[10, 20], [30, 40]]), plain);
    expect(out.cells.map(values)).toEqual([[10, 20], [30, 40]]);
    expect(values(out.rowTotals)).toEqual([30, 70]);
    expect(values(out.columnTotals)).toEqual([40, 60]);
    expect(out.total).toEqual({ value: 100, suppressed: null });
  });

  it("suppresses a 3 and the smallest cells that close a cycle round it", () => {
    // 3 is primary; its row needs a second unknown (6 is cheaper than 20), its column too (7),
    // and the cycle closes at the cell opposite (12).
    const out = protectTable(table([[3, 6, 20], [7, 12, 30], [40, 50, 60]]), plain);
    expect(out.cells.map(values)).toEqual([[null, null, 20], [null, null, 30], [40, 50, 60]]);
    expect(out.cells[0]![0]!.suppressed).toBe("primary");
    expect(out.cells[1]![1]!.suppressed).toBe("secondary");
    expect(values(out.rowTotals)).toEqual([29, 49, 150]);
  });

  it("rounds published cells and totals to base 5, so totals need not add up", () => {
    const out = protectTable(table([[12, 23], [37, 48]]), { ...plain, roundToBase5: true });
    expect(out.cells.map(values)).toEqual([[10, 25], [35, 50]]);
    expect(values(out.rowTotals)).toEqual([35, 85]);
    // 10 + 35 = 45, but the column's true total 49 rounds to 50.
    expect(values(out.columnTotals)).toEqual([50, 70]);
    expect(out.total.value).toBe(120);
  });

  it("lifts a rounded count that would land below k to the next multiple of 5 at or above k", () => {
    // k = 7: 7 rounds to 5, which would read as a count under the threshold; it is published as 10.
    const out = protectTable(table([[7, 40], [40, 40]]), { ...plain, threshold: 7, roundToBase5: true });
    expect(out.cells[0]![0]).toEqual({ value: 10, suppressed: null });
  });

  it("suppresses a total below k and the cheapest figures that hide it", () => {
    // Row 0 totals 4: its total and both cells are primary, a star of three unknowns from row 0.
    // Closing cycles through row 1 (30 + 40, then its total 70: 140 in all) is cheaper than through
    // the column totals (32 + 42, then the grand total 74: 148), so row 1 goes and the margins stay.
    const out = protectTable(table([[2, 2], [30, 40]]), plain);
    expect(out.cells.map(values)).toEqual([[null, null], [null, null]]);
    expect(out.rowTotals.map((total) => total.suppressed)).toEqual(["primary", "secondary"]);
    expect(values(out.columnTotals)).toEqual([32, 42]);
    expect(out.total.value).toBe(74);
  });

  it("protects a one-row table, whose column totals repeat its cells", () => {
    const out = protectTable(table([[3, 10, 20]]), plain);
    expect(out.cells.map(values)).toEqual([[null, null, 20]]);
    expect(values(out.columnTotals)).toEqual([null, null, 20]);
    expect(out.rowTotals[0]!.value).toBe(33);
  });

  it("refuses a table whose rows do not match its column labels", () => {
    expect(() => protectTable({ rows: ["a"], columns: ["x", "y"], cells: [[{ count: 1, recordKeySum: 0 }]] }, plain)).toThrow(
      'Row "a" has 1 counts for 2 columns',
    );
  });

  it("publishes zero as 0", () => {
    const out = protectTable(table([[0, 10], [10, 10]]), plain);
    expect(out.cells[0]![0]).toEqual({ value: 0, suppressed: null });
  });

  it("clamps a threshold below 3 up to 3", () => {
    const out = protectTable(table([[2, 10], [10, 10]]), { ...plain, threshold: 1 });
    expect(out.cells[0]![0]!.suppressed).toBe("primary");
  });
});

describe("protectSeries", () => {
  it("suppresses the smallest other count when only one is below the threshold", () => {
    const cells = [4, 9, 12, 30].map((count) => ({ count, recordKeySum: count }));
    const out = protectSeries(["a", "b", "c", "d"], cells, plain);
    expect(values(out.values)).toEqual([null, null, 12, 30]);
    expect(out.total.value).toBe(55);
  });
});

describe("a differencing attempt with overlapping periods", () => {
  it("does not give away March's 3 as January–March minus January–February", () => {
    // January 20 and February 25 disclosures, March 3. The record key sums are the sums of the
    // disclosures' keys, so January–March's is January–February's plus March's.
    const janFeb: CountCell = { count: 45, recordKeySum: 5_000 };
    const march: CountCell = { count: 3, recordKeySum: 310 };
    const janMar: CountCell = { count: 48, recordKeySum: 5_310 };
    const policy: DisclosurePolicy = { threshold: 5, roundToBase5: false, perturb: true };
    expect(protectCount(march, policy)).toEqual({ value: null, suppressed: "primary" });
    const difference = protectCount(janMar, policy).value! - protectCount(janFeb, policy).value!;
    // Without perturbation the difference would be exactly 3; with it, each total carries its own noise.
    expect(protectCount(janMar, { ...policy, perturb: false }).value! - protectCount(janFeb, { ...policy, perturb: false }).value!).toBe(3);
    // January–March: key 5,310 mod 256 = 190, table position (167·190 + 73·48) mod 256 = 162 → −1, so 47.
    // January–February: key 5,000 mod 256 = 136, position (167·136 + 73·45) mod 256 = 141 → +1, so 46.
    expect(difference).toBe(1);
    // And the same figure asked for again carries the same noise, so repeating the question does not average it out.
    expect(protectCount(janMar, policy)).toEqual(protectCount({ ...janMar }, policy));
  });
});

describe("publishedRate", () => {
  it("is null when either side is suppressed or the denominator is 0", () => {
    expect(publishedRate({ value: 10, suppressed: null }, { value: 40, suppressed: null }, 100)).toBe(25);
    expect(publishedRate({ value: null, suppressed: "primary" }, { value: 40, suppressed: null })).toBeNull();
    expect(publishedRate({ value: 10, suppressed: null }, { value: null, suppressed: "secondary" })).toBeNull();
    expect(publishedRate({ value: 0, suppressed: null }, { value: 0, suppressed: null })).toBeNull();
  });
});

describe("mergePolicies", () => {
  it("takes the strictest of several agreements", () => {
    expect(
      mergePolicies([
        { threshold: 5, roundToBase5: false, perturb: true },
        { threshold: 10, roundToBase5: true, perturb: false },
      ]),
    ).toEqual({ threshold: 10, roundToBase5: true, perturb: true });
  });
});
