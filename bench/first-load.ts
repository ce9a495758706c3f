import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { INSIGHT_VIEWS } from "@/lib/insights/views";
import type { Figure } from "./measure";

/**
 * First-load JavaScript of the submission form and every insight view's page, from the build's own
 * manifests (`npm run build` first): the root main files every page loads plus the chunks its layouts and page name,
 * each gzipped as it travels.
 */
const PAGES = ["/disclosures/new", ...INSIGHT_VIEWS.map((view) => (view === "overview" ? "/insights" : `/insights/${view}`))];
const TARGET_KB = 150;

export function measureFirstLoad(root = process.cwd()): Figure[] {
  const build = join(root, ".next");
  if (!existsSync(join(build, "build-manifest.json"))) return [];
  const rootMain = (JSON.parse(readFileSync(join(build, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
  const manifests = findManifests(join(build, "server/app"));
  const sizes = new Map<string, number>();
  const gzipped = (file: string) => {
    if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(build, file))).byteLength);
    return sizes.get(file)!;
  };
  return PAGES.flatMap((page) => {
    const manifest = manifests.get(`${page}/page`);
    if (!manifest) return [];
    const files = new Set(rootMain);
    for (const [entry, chunks] of Object.entries(manifest)) {
      if (/\/(error|not-found|global-error)$/.test(entry)) continue;
      for (const chunk of chunks) files.add(chunk);
    }
    const kb = [...files].reduce((total, file) => total + gzipped(file), 0) / 1024;
    return [{ name: `First-load JS of ${page} (gzipped)`, value: kb, unit: "KB", ceiling: TARGET_KB, ceilingNote: "target" }];
  });
}

/** Each page's entry chunks, from the client reference manifests the build writes beside it. */
function findManifests(folder: string, found = new Map<string, Record<string, string[]>>()): Map<string, Record<string, string[]>> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) findManifests(path, found);
    else if (entry.name === "page_client-reference-manifest.js") {
      const holder: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
      new Function("globalThis", "self", readFileSync(path, "utf8"))(holder, holder);
      for (const [route, manifest] of Object.entries(holder.__RSC_MANIFEST ?? {})) found.set(route, manifest.entryJSFiles);
    }
  }
  return found;
}
