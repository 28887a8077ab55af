/**
 * The service worker's source; src/integrations/service-worker.ts bundles it into `<outDir>/sw.js` with the build's
 * facts (__SW_BUILD__) and documents what it caches and why. Every route answers through isolationPlugin, so every
 * same-origin response the worker serves carries the cross-origin isolation headers.
 */
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { clientsClaim, setCacheNameDetails } from "workbox-core";
import type { WorkboxPlugin } from "workbox-core/types.js";
import { ExpirationPlugin } from "workbox-expiration";
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst, NetworkOnly } from "workbox-strategies";
import { precachedPageFallback } from "./fallback.ts";
import { isolationPlugin } from "./isolation.ts";
import { CACHE_ID, CACHE_NAMES, routePatterns, type SwBuild } from "./routes.ts";

declare const __SW_BUILD__: SwBuild;
const build = __SW_BUILD__;
const worker = self as unknown as { skipWaiting(): Promise<void>; addEventListener(type: "message", f: (e: MessageEvent) => void): void };

setCacheNameDetails({ prefix: CACHE_ID });
// No skipWaiting: a new deploy's worker waits until no tab runs the old one, so an open page keeps its own files.
// This message is Workbox's usual way for a page to ask it to take over now; the site sends none today.
worker.addEventListener("message", (e) => {
  if ((e.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void worker.skipWaiting();
});
clientsClaim();
cleanupOutdatedCaches();

addPlugins([isolationPlugin]);
// An empty index keeps the precache route from answering navigations, which go to the network first (below).
precacheAndRoute(build.precache, { directoryIndex: "" });

// Each route's plugins, ending with the isolation headers. (Workbox's own plugin classes do not type-check as its
// WorkboxPlugin under exactOptionalPropertyTypes.)
const plugins = (...list: object[]): WorkboxPlugin[] => [...(list as WorkboxPlugin[]), isolationPlugin];
const ok = new CacheableResponsePlugin({ statuses: [200] });
const p = routePatterns(build.base);
registerRoute(({ request }) => request.mode === "navigate", new NetworkOnly({ plugins: plugins(precachedPageFallback(matchPrecache)) }));
registerRoute(p.manifest, new NetworkFirst({ cacheName: CACHE_NAMES.manifest, plugins: plugins(ok) }));
registerRoute(
  p.dataFile,
  new CacheFirst({
    cacheName: CACHE_NAMES.data,
    plugins: plugins(ok, new ExpirationPlugin({ maxEntries: build.dataFiles, purgeOnQuotaError: true })),
  }),
);
registerRoute(
  p.search,
  new NetworkFirst({
    cacheName: CACHE_NAMES.search,
    plugins: plugins(ok, new ExpirationPlugin({ maxEntries: 100, purgeOnQuotaError: true })),
  }),
);
registerRoute(
  p.engine,
  new CacheFirst({
    cacheName: CACHE_NAMES.engines,
    plugins: plugins(ok, new ExpirationPlugin({ maxEntries: Math.max(1, build.engineFiles), purgeOnQuotaError: true })),
  }),
);
// Everything else of this origin (the woff/ttf fonts no browser with a service worker asks for, the sitemap): the
// network, with the headers all the same.
registerRoute(({ sameOrigin }) => sameOrigin, new NetworkOnly({ plugins: plugins() }));
