import type { DataStore } from "../lib/data/fetch.ts";

/** Every visit's store is a Cache Storage cache with this prefix; the page deletes those of earlier visits. */
export const VISIT_CACHE_PREFIX = "mnist-bits-visit-";

/**
 * The store of one page visit: verified data files in Cache Storage, each file loaded under a Web Lock of the same
 * name, so two workers of a page that start together download it once (the second waits, then reads the copy).
 * Undefined where either API is missing (an insecure context, an old browser): each worker then downloads for itself.
 */
export function visitStore(visit: string): DataStore | undefined {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (typeof caches === "undefined" || locks === undefined || !visit.startsWith(VISIT_CACHE_PREFIX)) return undefined;
  const open = (): Promise<Cache> => caches.open(visit);
  return {
    exclusive: (key, task, signal) => locks.request(`${visit}:${key}`, signal ? { signal } : {}, task),
    async read(key) {
      const hit = await (await open()).match(key);
      return hit === undefined ? undefined : new Uint8Array(await hit.arrayBuffer());
    },
    async write(key, body) {
      await (await open()).put(key, new Response(body as Uint8Array<ArrayBuffer>));
    },
    async remove(key) {
      await (await open()).delete(key);
    },
  };
}
