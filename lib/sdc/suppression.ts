/**
 * Secondary suppression for a two-way table with its margins.
 *
 * Extend the R×C table with a column of row totals and a row of column totals (the grand total in
 * the corner). With the totals given a minus sign, every line of the (R+1)×(C+1) table sums to
 * zero. Picture each line as a node — R+1 row nodes, C+1 column nodes — and each unknown
 * (suppressed) cell as an edge between its row and its column. A suppressed cell can be worked out
 * exactly from the published figures if and only if its edge is a bridge: an edge on no cycle of
 * the graph of suppressed cells. (On a cycle, adding +t, −t, +t, … round it keeps every line's sum,
 * so no equation pins the cell down; a bridge cuts the graph in two, and summing the line
 * equations on one side isolates it.)
 *
 * So the rule: while some suppressed cell is a bridge, close a cycle through it along the cheapest
 * path of other cells — already suppressed cells cost nothing, published ones cost their count, so
 * the figures given up are as small as possible — and suppress that path too.
 */

export type Grid = {
  /** counts[i][j] over the extended (R+1)×(C+1) table; row R holds column totals, column C row totals. */
  counts: readonly (readonly number[])[];
  suppressed: boolean[][];
};

type Edge = { row: number; column: number };

/** Cost of giving up a published cell: its count first, then the number of cells. Zeros last. */
function cost(count: number): number {
  // A structural zero is published as 0 everywhere else, so suppressing one protects little
  // (a reader assumes it); prefer any non-zero cell over it.
  const effective = count === 0 ? 1e9 : count;
  return effective * 1024 + 1;
}

/** Whether the edge (row, column) joins two nodes connected without it in the suppressed graph. */
function onCycle(grid: Grid, edge: Edge): boolean {
  const rows = grid.counts.length;
  const columns = grid.counts[0]?.length ?? 0;
  // Nodes: rows 0..rows-1, then columns rows..rows+columns-1.
  const seen = new Uint8Array(rows + columns);
  const stack = [edge.row];
  seen[edge.row] = 1;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node < rows) {
      for (let j = 0; j < columns; j++) {
        if (!grid.suppressed[node]![j] || (node === edge.row && j === edge.column)) continue;
        if (j === edge.column) return true;
        if (!seen[rows + j]) {
          seen[rows + j] = 1;
          stack.push(rows + j);
        }
      }
    } else {
      const j = node - rows;
      for (let i = 0; i < rows; i++) {
        if (!grid.suppressed[i]![j] || (i === edge.row && j === edge.column)) continue;
        if (!seen[i]) {
          seen[i] = 1;
          stack.push(i);
        }
      }
    }
  }
  return false;
}

/** Cheapest path from the edge's row node to its column node not using the edge itself (Dijkstra). */
function cheapestDetour(grid: Grid, edge: Edge): Edge[] {
  const rows = grid.counts.length;
  const columns = grid.counts[0]?.length ?? 0;
  const nodes = rows + columns;
  const distance = new Array<number>(nodes).fill(Infinity);
  const previous = new Array<Edge | null>(nodes).fill(null);
  const done = new Uint8Array(nodes);
  distance[edge.row] = 0;
  for (;;) {
    let node = -1;
    for (let n = 0; n < nodes; n++) {
      if (!done[n] && distance[n]! < Infinity && (node === -1 || distance[n]! < distance[node]!)) node = n;
    }
    if (node === -1 || node === rows + edge.column) break;
    done[node] = 1;
    const neighbours: { next: number; via: Edge }[] = [];
    if (node < rows) {
      for (let j = 0; j < columns; j++) neighbours.push({ next: rows + j, via: { row: node, column: j } });
    } else {
      for (let i = 0; i < rows; i++) neighbours.push({ next: i, via: { row: i, column: node - rows } });
    }
    for (const { next, via } of neighbours) {
      if (via.row === edge.row && via.column === edge.column) continue;
      const step = grid.suppressed[via.row]![via.column] ? 0 : cost(grid.counts[via.row]![via.column]!);
      if (distance[node]! + step < distance[next]!) {
        distance[next] = distance[node]! + step;
        previous[next] = via;
      }
    }
  }
  const path: Edge[] = [];
  let node = rows + edge.column;
  while (node !== edge.row) {
    const via = previous[node];
    if (!via) throw new Error("A table with margins always has a detour round a cell");
    path.push(via);
    node = node < rows ? rows + via.column : via.row;
  }
  return path;
}

/** Adds secondary suppressions in place until no suppressed cell is a bridge. */
export function protectPattern(grid: Grid): void {
  const rows = grid.counts.length;
  const columns = grid.counts[0]?.length ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) {
        if (!grid.suppressed[i]![j] || onCycle(grid, { row: i, column: j })) continue;
        for (const cell of cheapestDetour(grid, { row: i, column: j })) grid.suppressed[cell.row]![cell.column] = true;
        changed = true;
      }
    }
  }
}
