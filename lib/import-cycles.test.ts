import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The domains under lib/ form layers: one may use another, never the other way round as well,
 * so no two of them import each other, directly or through others (type-only imports count).
 * Each folder lib/<domain> is one node; each file directly in lib/ is a node of its own.
 * Run alone with `npm run check:cycles`.
 */
const ROOT = process.cwd();
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : undefined;
  if (!base) return undefined;
  for (const candidate of [base, ...EXTENSIONS.map((extension) => base + extension)]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this candidate; try the next.
    }
  }
  return undefined;
}

/** lib/access/guard.ts → lib/access; lib/actions.ts → lib/actions.ts; outside lib/ → undefined. */
function domainOf(file: string): string | undefined {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts[0] !== "lib" || parts.length < 2) return undefined;
  return `lib/${parts[1]}`;
}

type Graph = Map<string, Set<string>>;

function importGraph(files: readonly string[], nodeOf: (file: string) => string | undefined): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const from = nodeOf(file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const target = resolveImport(file, fileName);
      const to = target ? nodeOf(target) : undefined;
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every group of nodes that reach each other (Tarjan's strongly connected components), sorted. */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe("cycles", () => {
  it("finds nodes that import each other, directly or through a third", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a", "d"])],
      ["d", new Set(["e"])],
      ["e", new Set(["d"])],
      ["f", new Set(["a"])],
    ]);
    expect(cycles(graph)).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("finds none in layers", () => {
    expect(cycles(new Map([["a", new Set(["b", "c"])], ["b", new Set(["c"])]]))).toEqual([]);
  });
});

describe("lib/", () => {
  const files = sourceFiles(path.join(ROOT, "lib"));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("has no two domains importing each other", () => {
    const graph = importGraph(files, domainOf);
    expect(graph.get("lib/access")?.size).toBeGreaterThan(0);
    expect(cycles(graph)).toEqual([]);
  });

  it("has no two modules importing each other", () => {
    expect(cycles(importGraph(files, (file) => file))).toEqual([]);
  });
});
