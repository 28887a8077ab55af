/**
 * What the build (src/integrations/service-worker.ts) and the worker it bundles (src/sw/sw.ts) must agree on: cache
 * names, the URL patterns of the runtime routes, and the shape of the build facts the worker is given.
 */
import { MANIFEST_NAME } from "../lib/data/manifest.ts";

export const CACHE_ID = "mnist-bits";
/** The runtime caches, by name (the precache is Workbox's own, named from CACHE_ID). */
export const CACHE_NAMES = {
  manifest: `${CACHE_ID}-data-manifest`,
  data: `${CACHE_ID}-data`,
  search: `${CACHE_ID}-search`,
  engines: `${CACHE_ID}-engines`,
};

/** What the build tells the worker, inlined into sw.js. */
export interface SwBuild {
  base: string;
  /** Paths relative to sw.js; revision null where the name carries a content hash. */
  precache: { url: string; revision: string | null }[];
  /** How many dataset files the manifest lists: the data cache keeps that many. */
  dataFiles: number;
  /** How many engine files the build has: the engine cache keeps that many, the most recently used. */
  engineFiles: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export function withSlash(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

/**
 * URL patterns under the base path. Workbox tests them against the full URL and, for another origin, only accepts a
 * match at position 0, so leaving them unanchored at the start confines them to this origin.
 */
export function routePatterns(base: string): { manifest: RegExp; dataFile: RegExp; search: RegExp; engine: RegExp } {
  const b = escapeRegExp(withSlash(base));
  return {
    manifest: new RegExp(`${b}data/${escapeRegExp(MANIFEST_NAME)}$`),
    dataFile: new RegExp(`${b}data/[^/?#]+\\.gz$`),
    search: new RegExp(`${b}pagefind/`),
    // Scripts and WebAssembly that the precache does not hold (its route answers first): the demos' workers, the
    // libraries they import, their wasm.
    engine: new RegExp(`${b}_astro/[^/?#]+\\.(?:js|wasm)$`),
  };
}
