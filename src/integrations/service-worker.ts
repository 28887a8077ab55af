/**
 * Offline support and cross-origin isolation: after the build, this bundles src/sw/sw.ts into `<outDir>/sw.js` with
 * the precache list, and every page loads src/client/sw-register.ts.
 *
 * What the worker does with each kind of request:
 * - Pages: network only, so an online visit always gets the current deploy; offline, the precached copy of the page.
 *   Every page is precached (with a revision hash) so that chapters a reader never opened still work offline.
 * - What reading needs (sw-precache.ts finds it from the built pages): their scripts and the modules those import,
 *   styles, KaTeX's woff2 fonts, the icon, the model files. Precached. The names carry content hashes, so they are
 *   fetched once per deploy, and an open page never loses its own assets: the new worker waits (no skipWaiting)
 *   until no tab runs the old one, and only then drops the old files (cleanupOutdatedCaches).
 * - The engines: the demos' workers, what they import (TensorFlow.js, HiGHS) and their WebAssembly, the
 *   multithreaded build included. Cached when a demo first asks for them (cache first: hashed names), keeping as many
 *   as the build has, the most recently used, so a demo opened once online also runs offline.
 * - data/manifest.json: network first, so a changed dataset is seen on the next online visit; offline, the last copy.
 * - data/*.gz: cached when a reader first loads them (cache first: their names are content hashes), keeping only as
 *   many files as the manifest lists, the most recently used, so a new dataset pushes the old one out.
 * - The search index: network first, cached once searched.
 * - Anything else of this origin (the woff/ttf copies of the fonts, which every browser that runs a service worker
 *   passes over for the woff2): network only.
 * Every response it serves from this origin carries the cross-origin isolation headers (src/sw/isolation.ts), which
 * hosts without `_headers` support cannot send; sw-register.ts reloads a first visit once so that it gets them.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { build } from "rolldown";
import { MANIFEST_NAME, validateManifest } from "../lib/data/manifest.ts";
import type { SwBuild } from "../sw/routes.ts";
import { precachePlan } from "./sw-precache.ts";

export { CACHE_ID, CACHE_NAMES, routePatterns } from "../sw/routes.ts";

export const SW_FILE = "sw.js";
const SW_SOURCE = fileURLToPath(new URL("../sw/sw.ts", import.meta.url));

/** The facts sw.js is built with: the precache entries (pages get a revision from their content), the cache bounds. */
export function swBuild(outDir: string, base: string, dataFiles: number): SwBuild {
  const plan = precachePlan(outDir, base);
  const precache = plan.precache.map((url) => ({
    url,
    // Vite's hashed names already change with their content; only the other files need a revision.
    revision: url.startsWith("_astro/")
      ? null
      : createHash("md5")
          .update(readFileSync(join(outDir, url)))
          .digest("hex"),
  }));
  return { base, precache, dataFiles, engineFiles: plan.engines.length };
}

/** sw.js's source text: the worker and Workbox bundled into one classic script, minified, with no eval. */
export async function bundleServiceWorker(facts: SwBuild): Promise<string> {
  const out = await build({
    input: SW_SOURCE,
    platform: "browser",
    write: false,
    logLevel: "warn",
    transform: {
      // Workbox keeps its development logging behind this check.
      define: { "process.env.NODE_ENV": JSON.stringify("production"), __SW_BUILD__: JSON.stringify(facts) },
      // Browsers that can run the site at all (DecompressionStream, which the data loader needs).
      target: ["chrome80", "firefox113", "safari16.4"],
    },
    output: { format: "iife", minify: true, sourcemap: false },
  });
  const [chunk, ...rest] = out.output;
  if (!chunk || rest.length > 0 || chunk.type !== "chunk") throw new Error("service worker: expected a single bundled script");
  return chunk.code;
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
        const facts = swBuild(outDir, base, dataFileCount(outDir));
        writeFileSync(join(outDir, SW_FILE), await bundleServiceWorker(facts));
        const bytes = facts.precache.reduce((sum, e) => sum + statSync(join(outDir, e.url)).size, 0);
        logger.info(
          `${SW_FILE}: precaches ${facts.precache.length} files, ${(bytes / 1e6).toFixed(2)} MB; ${facts.engineFiles} engine files cached on first use`,
        );
      },
    },
  };
}
