import { afterEach, describe, expect, it, vi } from "vitest";
import { ISOLATION_HEADERS } from "../../src/integrations/csp.ts";
import { precachedPageFallback } from "../../src/sw/fallback.ts";
import { isolationPlugin, withIsolation } from "../../src/sw/isolation.ts";

const HEADERS = Object.entries(ISOLATION_HEADERS);

describe("the isolation headers", () => {
  it("are the three that make a page cross-origin isolated", () => {
    expect(ISOLATION_HEADERS).toEqual({
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
    });
  });

  it("are added to the origin's responses, keeping the status, the other headers and the body", async () => {
    const original = new Response("body text", { status: 404, statusText: "Not Found", headers: { "Content-Type": "text/html" } });
    const res = await isolationPlugin.handlerWillRespond({ response: original });
    expect(res).not.toBe(original);
    expect(res.status).toBe(404);
    expect(res.statusText).toBe("Not Found");
    expect(res.headers.get("content-type")).toBe("text/html");
    for (const [name, value] of HEADERS) expect(res.headers.get(name)).toBe(value);
    expect(await res.text()).toBe("body text");
  });

  it("leave redirects, redirected, opaque and error responses as they are", () => {
    const redirect = Response.redirect("https://example.org/mnist-bits/entropy/", 301);
    const redirected = new Response("x");
    Object.defineProperty(redirected, "redirected", { value: true });
    const opaque = new Response(null);
    Object.defineProperty(opaque, "type", { value: "opaque" });
    Object.defineProperty(opaque, "status", { value: 0 });
    const cors = new Response("x");
    Object.defineProperty(cors, "type", { value: "cors" });
    const error = Response.error();
    for (const res of [redirect, redirected, opaque, cors, error]) expect(withIsolation(res)).toBe(res);
    expect(redirect.headers.get("cross-origin-embedder-policy")).toBeNull();
  });

  it("do not rebuild a response that already carries them (a host that sends them)", () => {
    const res = new Response("x", { headers: ISOLATION_HEADERS });
    expect(withIsolation(res)).toBe(res);
  });
});

describe("the offline page fallback", () => {
  const scope = "https://example.org/mnist-bits/";
  // What the worker's precache manifest resolves, by full URL without its revision parameter.
  const stored = new Map<string, string>([
    [`${scope}binarization/index.html`, "binarization page"],
    [`${scope}index.html`, "home page"],
  ]);
  const asked: string[] = [];
  const lookup = (url: string): Promise<Response | undefined> => {
    asked.push(url);
    const body = stored.get(url);
    return Promise.resolve(body === undefined ? undefined : new Response(body));
  };
  vi.stubGlobal("self", { registration: { scope } });
  afterEach(() => {
    stored.delete(`${scope}404.html`);
    asked.length = 0;
  });

  const answer = (path: string): Promise<Response> =>
    precachedPageFallback(lookup).handlerDidError({ request: new Request(`https://example.org${path}`) });

  it("answers a page, with or without a query string or trailing slash, with its precached copy", async () => {
    expect(await (await answer("/mnist-bits/binarization/?net.arch=logistic")).text()).toBe("binarization page");
    expect(await (await answer("/mnist-bits/binarization")).text()).toBe("binarization page");
    expect(await (await answer("/mnist-bits/")).text()).toBe("home page");
    // Looked up through the precache manifest by the page's own URL, never by a path-only cache match.
    expect(asked).toEqual([`${scope}binarization/index.html`, `${scope}binarization/index.html`, `${scope}index.html`]);
  });

  it("answers an unknown page with the precached 404 page and status 404, or a network error without one", async () => {
    expect((await answer("/mnist-bits/nowhere/")).type).toBe("error");
    stored.set(`${scope}404.html`, "not found page");
    const res = await answer("/mnist-bits/nowhere/");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("not found page");
  });
});
