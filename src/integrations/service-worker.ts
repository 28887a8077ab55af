/**
 * Offline support: after the build, Workbox writes `<outDir>/sw.js`, and every page loads src/client/sw-register.ts.
 *
 * What the worker does with each kind of request:
 * - Pages: network only, so an online visit always gets the current deploy; offline, the precached copy of the page.
 *   Every page is precached (with a revision hash) so that chapters a reader never opened still work offline.
 * - Scripts, styles, WebAssembly, KaTeX's woff2 fonts: precached. Their names carry content hashes, so they are
 *   fetched once per deploy, and an open page never loses its own assets: the new worker waits (no skipWaiting)
 *   until no tab runs the old one, and only then drops the old files (cleanupOutdatedCaches).
 * - data/manifest.json: network first, so a changed dataset is seen on the next online visit; offline, the last copy.
 * - data/*.gz: cached when a reader first loads them (cache first: their names are content hashes), keeping only as
 *   many files as the manifest lists, the most recently used, so a new dataset pushes the old one out.
 * - The search index: network first, cached once searched.
 * Not cached at all: the woff/ttf copies of the fonts (every browser that runs a service worker takes woff2) and
 * the multithreaded tfjs wasm, which needs cross-origin isolation that static hosts do not give.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { generateSW, type GenerateSWOptions, type GetManifestOptions, type RuntimeCaching } from "workbox-build";
import { MANIFEST_NAME, validateManifest } from "../lib/data/manifest.ts";

export const SW_FILE = "sw.js";
export const CACHE_ID = "mnist-bits";
/** The runtime caches, by name (the precache is Workbox's own, named from CACHE_ID). */
export const CACHE_NAMES = { manifest: `${CACHE_ID}-data-manifest`, data: `${CACHE_ID}-data`, search: `${CACHE_ID}-search` };

/** Where the built files go: precached, cached on use, or left to the network. Paths relative to the output folder. */
/** Model files (models/*.bin, a few kilobytes) are precached so the verify and drawing demos work offline. */
export const PRECACHE_GLOBS = ["**/*.{html,css,js,wasm,woff2,svg,bin}"];
export const PRECACHE_IGNORES = [SW_FILE, "data/**", "pagefind/**", "_astro/*-threaded-simd-*.wasm"];
/** The largest precached file is the HiGHS solver's wasm (3.5 MB); Workbox skips anything above 2 MB by default. */
const MAX_PRECACHE_FILE_BYTES = 8 * 1024 * 1024;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function withSlash(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

/**
 * URL patterns under the base path. Workbox tests them against the full URL and, for another origin, only accepts a
 * match at position 0, so leaving them unanchored at the start confines them to this origin.
 */
export function routePatterns(base: string): { manifest: RegExp; dataFile: RegExp; search: RegExp } {
  const b = escapeRegExp(withSlash(base));
  return {
    manifest: new RegExp(`${b}data/${escapeRegExp(MANIFEST_NAME)}$`),
    dataFile: new RegExp(`${b}data/[^/?#]+\\.gz$`),
    search: new RegExp(`${b}pagefind/`),
  };
}

/**
 * Navigations go to the network; when it fails, this answers with the page's precached copy (or the 404 page). It
 * runs inside the service worker: Workbox copies its source text there, so it may use only the worker's globals.
 * Matching by path with ignoreSearch finds the precache entry whatever its revision parameter; while an update
 * waits, the older entry was stored first and is the one found, which is the version the active worker serves.
 */
export const precachedPageFallback = {
  handlerDidError: async ({ request }: { request: Request }): Promise<Response> => {
    const url = new URL(request.url);
    const page = url.pathname.endsWith("/") ? `${url.pathname}index.html` : `${url.pathname}/index.html`;
    const scope = (self as unknown as { registration: { scope: string } }).registration.scope;
    const cached = await caches.match(new URL(page, url.origin).href, { ignoreSearch: true });
    if (cached) return cached;
    const notFound = await caches.match(new URL("404.html", scope).href, { ignoreSearch: true });
    return notFound ? new Response(notFound.body, { status: 404, headers: notFound.headers }) : Response.error();
  },
};

export function runtimeCaching(base: string, dataFileCount: number): RuntimeCaching[] {
  const p = routePatterns(base);
  return [
    {
      urlPattern: ({ request }) => request.mode === "navigate",
      handler: "NetworkOnly",
      options: { plugins: [precachedPageFallback] },
    },
    {
      urlPattern: p.manifest,
      handler: "NetworkFirst",
      options: { cacheName: CACHE_NAMES.manifest, cacheableResponse: { statuses: [200] } },
    },
    {
      urlPattern: p.dataFile,
      handler: "CacheFirst",
      options: {
        cacheName: CACHE_NAMES.data,
        cacheableResponse: { statuses: [200] },
        expiration: { maxEntries: dataFileCount, purgeOnQuotaError: true },
      },
    },
    {
      urlPattern: p.search,
      handler: "NetworkFirst",
      options: {
        cacheName: CACHE_NAMES.search,
        cacheableResponse: { statuses: [200] },
        expiration: { maxEntries: 100, purgeOnQuotaError: true },
      },
    },
  ];
}

/** Which files the precache lists (also what workbox-build's getManifest takes). */
export function precacheOptions(outDir: string): GetManifestOptions {
  return {
    globDirectory: outDir,
    globPatterns: PRECACHE_GLOBS,
    globIgnores: PRECACHE_IGNORES,
    maximumFileSizeToCacheInBytes: MAX_PRECACHE_FILE_BYTES,
    // Vite's hashed names already change with their content; only the pages need a revision.
    dontCacheBustURLsMatching: /^_astro\//,
  };
}

export function workboxOptions(outDir: string, base: string, dataFileCount: number): GenerateSWOptions {
  return {
    ...precacheOptions(outDir),
    swDest: join(outDir, SW_FILE),
    // An empty index keeps the precache route from answering navigations, which go to the network first (above).
    directoryIndex: "",
    cacheId: CACHE_ID,
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: false,
    inlineWorkboxRuntime: true,
    mode: "production",
    // Browsers that can run the site at all (DecompressionStream, which the data loader needs); Workbox's default
    // (Chrome 56) would transpile async functions for no reader.
    babelPresetEnvTargets: ["chrome >= 80", "firefox >= 113", "safari >= 16.4"],
    sourcemap: false,
    runtimeCaching: runtimeCaching(base, dataFileCount),
  };
}

export function dataFileCount(outDir: string): number {
  const path = join(outDir, "data", MANIFEST_NAME);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`service worker: no ${path} to size the data cache by; run \`npm run prepare-data\` first`, { cause: e });
  }
  return Object.keys(validateManifest(JSON.parse(text) as unknown).files).length;
}

/** Keep it last in the integrations list: its precache revisions must see the pages as other integrations left them. */
export function serviceWorker(): AstroIntegration {
  let base = "/";
  return {
    name: "mnist-bits:service-worker",
    hooks: {
      "astro:config:setup": ({ config, injectScript }) => {
        // A page script is bundled into the external module every page loads: no inline script for the CSP to allow.
        const client = fileURLToPath(new URL("src/client/sw-register.ts", config.root));
        injectScript("page", `import ${JSON.stringify(client)};`);
      },
      "astro:config:done": ({ config }) => {
        base = config.base;
      },
      "astro:build:done": async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW(workboxOptions(outDir, base, dataFileCount(outDir)));
        for (const w of warnings) logger.warn(w);
        logger.info(`${SW_FILE}: precaches ${count} files, ${(size / 1e6).toFixed(2)} MB`);
      },
    },
  };
}
