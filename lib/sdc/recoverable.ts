/**
 * Test support: which suppressed figures an attacker could solve for exactly, by treating every
 * published figure as exact and solving the table's additivity equations over the rationals.
 * Deliberately independent of the graph argument lib/sdc/suppression.ts relies on: a figure is
 * recoverable iff its unit vector lies in the row space of the equations over the unknowns, which is
 * tested by exact rank (fraction-free Gaussian elimination on BigInt).
 */

type Row = bigint[];

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function normalise(row: Row): Row {
  const divisor = row.reduce((g, x) => gcd(g, x), 0n);
  return divisor > 1n ? row.map((x) => x / divisor) : row;
}

/** The rank of an integer matrix, exactly. */
function rank(matrix: readonly (readonly bigint[])[]): number {
  const rows = matrix.map((row) => [...row]);
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let column = 0; column < width && r < rows.length; column++) {
    const pivot = rows.findIndex((row, i) => i >= r && row[column] !== 0n);
    if (pivot === -1) continue;
    [rows[r], rows[pivot]] = [rows[pivot]!, rows[r]!];
    const p = rows[r]!;
    for (let i = 0; i < rows.length; i++) {
      if (i === r || rows[i]![column] === 0n) continue;
      const factor = rows[i]![column]!;
      rows[i] = normalise(rows[i]!.map((x, j) => x * p[column]! - p[j]! * factor));
    }
    r++;
  }
  return r;
}

/**
 * Given linear equations (each a map from figure name to coefficient, summing to 0) and the set of
 * unknown figures, the unknowns an attacker can solve for exactly.
 */
export function recoverableUnknowns(equations: readonly ReadonlyMap<string, number>[], unknowns: readonly string[]): string[] {
  const index = new Map(unknowns.map((name, i) => [name, i]));
  const matrix = equations
    .map((equation) => {
      const row: bigint[] = new Array<bigint>(unknowns.length).fill(0n);
      for (const [name, coefficient] of equation) {
        const i = index.get(name);
        if (i !== undefined) row[i] = row[i]! + BigInt(coefficient);
      }
      return row;
    })
    .filter((row) => row.some((x) => x !== 0n));
  const base = rank(matrix);
  return unknowns.filter((_, i) => {
    const unit = unknowns.map((__, j) => (j === i ? 1n : 0n));
    return rank([...matrix, unit]) === base;
  });
}

/** The additivity equations of an R×C table with its margins: names "i,j", with R / C for totals. */
export function tableEquations(rows: number, columns: number): Map<string, number>[] {
  const equations: Map<string, number>[] = [];
  for (let i = 0; i <= rows; i++) {
    const equation = new Map<string, number>();
    for (let j = 0; j < columns; j++) equation.set(`${i},${j}`, 1);
    equation.set(`${i},${columns}`, -1);
    equations.push(equation);
  }
  for (let j = 0; j <= columns; j++) {
    const equation = new Map<string, number>();
    for (let i = 0; i < rows; i++) equation.set(`${i},${j}`, 1);
    equation.set(`${rows},${j}`, -1);
    equations.push(equation);
  }
  return equations;
}
