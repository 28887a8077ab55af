/**
 * Navigations go to the network; when it fails, this answers with the page's precached copy (or the 404 page).
 *
 * The copy is looked up through the worker's own precache manifest (Workbox's matchPrecache), which maps a URL to the
 * revision this worker installed. Matching the cache by path alone is not enough: the precache holds both revisions
 * between a new worker's install and its activation's clean-up, and which of the two a path-only match finds is the
 * cache's order, not the worker's (CI once served the old page from the new worker that way).
 */
export type PrecacheLookup = (url: string) => Promise<Response | undefined>;

export function precachedPageFallback(lookup: PrecacheLookup): {
  handlerDidError: (args: { request: Request }) => Promise<Response>;
} {
  return {
    handlerDidError: async ({ request }) => {
      const url = new URL(request.url);
      const page = url.pathname.endsWith("/") ? `${url.pathname}index.html` : `${url.pathname}/index.html`;
      const cached = await lookup(new URL(page, url.origin).href);
      if (cached) return cached;
      const scope = (self as unknown as { registration: { scope: string } }).registration.scope;
      const notFound = await lookup(new URL("404.html", scope).href);
      return notFound ? new Response(notFound.body, { status: 404, headers: notFound.headers }) : Response.error();
    },
  };
}
