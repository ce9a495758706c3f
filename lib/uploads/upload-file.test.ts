import { describe, expect, it } from "vitest";
import { RowCells, columnsOf } from "./upload-file";

describe("a row's cells", () => {
  it("read as a map of the row built cell by cell would, a repeated column name included", () => {
    const header = ["month", "count", "month", "area"];
    const fields = ["2024-01", "3", "2024-02", ""];
    const map = new Map<string, string>();
    header.forEach((name, index) => map.set(name, fields[index]!));

    const cells = new RowCells(columnsOf(header), fields);
    expect(cells.size).toBe(map.size);
    expect([...cells]).toEqual([...map]);
    expect([...cells.entries()]).toEqual([...map.entries()]);
    expect([...cells.keys()]).toEqual([...map.keys()]);
    expect([...cells.values()]).toEqual([...map.values()]);
    expect(Object.fromEntries(cells)).toEqual(Object.fromEntries(map));
    const seen: [string, string][] = [];
    cells.forEach((value, name, all) => {
      seen.push([name, value]);
      expect(all).toBe(cells);
    });
    expect(seen).toEqual([...map]);
    expect(cells.get("month")).toBe("2024-02");
    expect(cells.get("area")).toBe("");
    expect(cells.get("district")).toBeUndefined();
    expect(cells.has("count")).toBe(true);
    expect(cells.has("district")).toBe(false);
  });
});
