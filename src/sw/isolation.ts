import { ISOLATION_HEADERS } from "../integrations/csp.ts";

/**
 * The response with the cross-origin isolation headers, for hosts that cannot send them (GitHub Pages): a document or
 * worker takes its COOP and COEP from the response it was served, and the service worker's answer is that response.
 * Only the origin's own final responses are rebuilt: an opaque or cross-origin one hides its headers and body, a
 * redirect is the browser's to follow, and a copy of a redirected one would lose its final URL, which a script
 * resolves its imports against. A response that already carries the headers is returned as it is.
 */
export function withIsolation(response: Response): Response {
  const own = response.type === "basic" || response.type === "default";
  if (!own || response.redirected || response.status < 200 || (response.status >= 300 && response.status < 400)) return response;
  const entries = Object.entries(ISOLATION_HEADERS);
  if (entries.every(([name, value]) => response.headers.get(name) === value)) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of entries) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A Workbox plugin for every strategy (and the precache): handlerWillRespond runs on whatever the strategy answers
 * with, fresh from the network, from a cache, or from a handlerDidError fallback, after the response was cached, so
 * the caches keep what the server sent.
 */
export const isolationPlugin = {
  handlerWillRespond: ({ response }: { response: Response }): Promise<Response> => Promise.resolve(withIsolation(response)),
};
