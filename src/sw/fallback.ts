/**
 * Navigations go to the network; when it fails, this answers with the page's precached copy (or the 404 page).
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
