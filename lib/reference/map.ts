import { loadForceAreaBoundaries } from "./index";

/** A force area's outline as an SVG path in the map's own coordinates. */
type MapArea = { code: string; name: string; path: string };
export type ProjectedMap = { width: number; height: number; areas: readonly MapArea[] };

const HEIGHT = 600;
/** Points closer than this to the last kept one are dropped: invisible at any size the map is shown. */
const MIN_STEP = 0.8;

let cached: ProjectedMap | undefined;

/**
 * England and Wales's police force areas projected for an SVG map: equirectangular with longitude
 * scaled by cos(mean latitude), which keeps shapes true enough at this scale without a projection
 * library. Built once per process and shared.
 */
export function getForceAreaMap(): ProjectedMap {
  cached ??= project();
  return cached;
}

function project(): ProjectedMap {
  const features = loadForceAreaBoundaries().features;
  const rings = (geometry: (typeof features)[number]["geometry"]) =>
    geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const feature of features) {
    for (const ring of rings(feature.geometry)) {
      for (const [lon, lat] of ring) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  const xScale = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = HEIGHT / (north - south);
  const width = Math.ceil((east - west) * xScale * scale);
  const round = (value: number) => Math.round(value * 10) / 10;

  const areas = features.map((feature): MapArea => {
    const parts: string[] = [];
    for (const ring of rings(feature.geometry)) {
      const kept: [number, number][] = [];
      ring.forEach(([lon, lat], i) => {
        const point: [number, number] = [round((lon - west) * xScale * scale), round((north - lat) * scale)];
        const last = kept[kept.length - 1];
        const isEnd = i === ring.length - 1;
        if (!last || isEnd || Math.hypot(point[0] - last[0], point[1] - last[1]) >= MIN_STEP) kept.push(point);
      });
      if (kept.length < 4) continue;
      parts.push(`M${kept.map(([x, y]) => `${x},${y}`).join("L")}Z`);
    }
    return { code: feature.properties.PFA23CD, name: feature.properties.PFA23NM, path: parts.join("") };
  });
  areas.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  return { width, height: HEIGHT, areas };
}
