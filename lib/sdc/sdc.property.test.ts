import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  effectiveThreshold,
  perturbationNoise,
  protectSeries,
  protectTable,
  type CountCell,
  type DisclosurePolicy,
  type Published,
  type PublishedTable,
} from "./index";
import { recoverableUnknowns, tableEquations } from "./recoverable";

// Small counts are common in real tables and are what the protection is about, so weight them.
const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 400 }));
const cell = fc.record({ count, recordKeySum: fc.nat({ max: 100_000 }) });
const policy = fc.record({
  threshold: fc.integer({ min: -2, max: 14 }),
  roundToBase5: fc.boolean(),
  perturb: fc.boolean(),
});
const countTable = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, columns]) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }))
  .map((cells) => ({
    rows: cells.map((_, i) => `row ${i}`),
    columns: (cells[0] ?? []).map((_, j) => `column ${j}`),
    cells,
  }));

function sum(cells: readonly CountCell[]): CountCell {
  return { count: cells.reduce((s, c) => s + c.count, 0), recordKeySum: cells.reduce((s, c) => s + c.recordKeySum, 0) };
}

/** Every published figure of a table with the true cell behind it, named as in tableEquations. */
function figures(table: { cells: readonly (readonly CountCell[])[] }, out: PublishedTable) {
  const rows = table.cells.length;
  const columns = table.cells[0]!.length;
  const list: { name: string; truth: CountCell; published: Published }[] = [];
  table.cells.forEach((row, i) => row.forEach((truth, j) => list.push({ name: `${i},${j}`, truth, published: out.cells[i]![j]! })));
  table.cells.forEach((row, i) => list.push({ name: `${i},${columns}`, truth: sum(row), published: out.rowTotals[i]! }));
  for (let j = 0; j < columns; j++) {
    list.push({ name: `${rows},${j}`, truth: sum(table.cells.map((row) => row[j]!)), published: out.columnTotals[j]! });
  }
  list.push({ name: `${rows},${columns}`, truth: sum(table.cells.flat()), published: out.total });
  return list;
}

function expectedValue(truth: CountCell, policy: DisclosurePolicy): number {
  const k = effectiveThreshold(policy);
  let value = truth.count + (policy.perturb ? perturbationNoise(truth.count, truth.recordKeySum, k) : 0);
  if (policy.roundToBase5 && value > 0) value = Math.max(Math.round(value / 5) * 5, Math.ceil(k / 5) * 5);
  return value;
}

describe("protectTable, for any table and policy", () => {
  it("publishes no figure from 1 to k−1, and suppresses every true count from 1 to k−1", () => {
    fc.assert(
      fc.property(countTable, policy, (table, policy) => {
        const k = effectiveThreshold(policy);
        for (const { truth, published } of figures(table, protectTable(table, policy))) {
          if (published.value !== null) expect(published.value === 0 || published.value >= k).toBe(true);
          if (truth.count > 0 && truth.count < k) expect(published).toEqual({ value: null, suppressed: "primary" });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no suppressed figure solvable from the published ones as linear equations", () => {
    fc.assert(
      fc.property(countTable, policy, (table, policy) => {
        const list = figures(table, protectTable(table, policy));
        const unknowns = list.filter((figure) => figure.published.value === null).map((figure) => figure.name);
        const equations = tableEquations(table.cells.length, table.cells[0]!.length);
        expect(recoverableUnknowns(equations, unknowns)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("publishes every other figure as its count, changed only by perturbation and rounding", () => {
    fc.assert(
      fc.property(countTable, policy, (table, policy) => {
        const k = effectiveThreshold(policy);
        for (const { truth, published } of figures(table, protectTable(table, policy))) {
          if (published.value === null) {
            expect(published.suppressed === "secondary" || (truth.count > 0 && truth.count < k)).toBe(true);
            continue;
          }
          expect(published.suppressed).toBeNull();
          expect(published.value).toBe(expectedValue(truth, policy));
          if (!policy.perturb && !policy.roundToBase5) expect(published.value).toBe(truth.count);
          if (policy.perturb && !policy.roundToBase5) expect(Math.abs(published.value - truth.count)).toBeLessThanOrEqual(2);
          if (policy.roundToBase5) expect(published.value % 5).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same cell with the same records the same value wherever it appears", () => {
    fc.assert(
      fc.property(countTable, policy, cell, (table, policy, shared) => {
        // The shared cell as a cell of a table, and as one item of a series.
        const inTable = protectTable({ ...table, cells: table.cells.map((row, i) => (i === 0 ? [shared, ...row.slice(1)] : row)) }, policy);
        const inSeries = protectSeries(["a", "b", "c"], [shared, { count: 50, recordKeySum: 9 }, { count: 60, recordKeySum: 3 }], policy);
        const a = inTable.cells[0]![0]!;
        const b = inSeries.values[0]!;
        if (a.value !== null && b.value !== null) expect(a.value).toBe(b.value);
      }),
      { numRuns: 300 },
    );
  });
});

describe("protectSeries, for any series and policy", () => {
  it("suppresses none or at least two figures, so the total never gives one away", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), policy, (cells, policy) => {
        const out = protectSeries(cells.map((_, i) => `m${i}`), cells, policy);
        const figures = [...out.values, out.total];
        const unknowns = figures.flatMap((figure, i) => (figure.value === null ? [`${i}`] : []));
        const equation = new Map(figures.map((_, i) => [`${i}`, i === figures.length - 1 ? -1 : 1]));
        expect(recoverableUnknowns([equation], unknowns)).toEqual([]);
        const k = effectiveThreshold(policy);
        cells.forEach((truth, i) => {
          if (truth.count > 0 && truth.count < k) expect(out.values[i]!.suppressed).toBe("primary");
          const value = out.values[i]!.value;
          if (value !== null) expect(value === 0 || value >= k).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("the rank test itself", () => {
  it("finds a cell recoverable when it is the only unknown in its row", () => {
    expect(recoverableUnknowns(tableEquations(2, 2), ["0,0"])).toEqual(["0,0"]);
  });

  it("finds none of four cells on a rectangle recoverable", () => {
    expect(recoverableUnknowns(tableEquations(2, 2), ["0,0", "0,1", "1,0", "1,1"])).toEqual([]);
  });

  it("finds a cell and its row total recoverable when they are the only unknowns in their column", () => {
    // 0,0 and 0,2 (the row total) share row 0; 0,0 is alone in column 0, so it falls out, then 0,2.
    expect(recoverableUnknowns(tableEquations(2, 2), ["0,0", "0,2"]).sort()).toEqual(["0,0", "0,2"]);
  });
});
