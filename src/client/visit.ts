import { VISIT_CACHE_PREFIX } from "../workers/data-store.ts";

/** This page load's name: the workers it starts share one store of verified data files under it (data-store.ts). */
export const VISIT = `${VISIT_CACHE_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

let tidied = false;

/**
 * Deletes the data kept by earlier visits (so the dataset is downloaded once per visit, never kept for good: the
 * service worker's cache is what serves a reader offline), once per page, and this visit's own when the page goes.
 */
export function tidyVisits(): void {
  if (tidied || typeof caches === "undefined") return;
  tidied = true;
  void caches
    .keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith(VISIT_CACHE_PREFIX) && n !== VISIT).map((n) => caches.delete(n))))
    .catch(() => undefined);
  addEventListener("pagehide", () => void caches.delete(VISIT).catch(() => undefined));
}
