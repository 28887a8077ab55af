import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateSW, getManifest } from "workbox-build";
import {
  dataFileCount,
  precacheOptions,
  precachedPageFallback,
  routePatterns,
  workboxOptions,
} from "../../src/integrations/service-worker.ts";

describe("routePatterns", () => {
  it.each(["/mnist-bits/", "/mnist-bits"])("matches only the data and search URLs under the base %s", (base) => {
    const p = routePatterns(base);
    const at = (path: string): string => `https://example.org${path}`;
    expect(p.manifest.test(at("/mnist-bits/data/manifest.json"))).toBe(true);
    expect(p.manifest.test(at("/mnist-bits/data/manifest.json.bak"))).toBe(false);
    expect(p.manifest.test(at("/other/data/manifest.json"))).toBe(false);
    expect(p.manifest.test(at("/mnist-bits/data/manifestXjson"))).toBe(false);
    expect(p.dataFile.test(at("/mnist-bits/data/train-images-idx3-ubyte.ba891046.gz"))).toBe(true);
    expect(p.dataFile.test(at("/mnist-bits/data/manifest.json"))).toBe(false);
    expect(p.dataFile.test(at("/mnist-bits/data/sub/x.gz"))).toBe(false);
    expect(p.dataFile.test(at("/mnist-bits/_astro/x.gz"))).toBe(false);
    expect(p.search.test(at("/mnist-bits/pagefind/pagefind.js"))).toBe(true);
    expect(p.search.test(at("/mnist-bits/entropy/"))).toBe(false);
  });

  it("works at the root of a domain", () => {
    const p = routePatterns("/");
    expect(p.manifest.test("https://example.org/data/manifest.json")).toBe(true);
    expect(p.dataFile.test("https://example.org/data/t10k-labels-idx1-ubyte.ff7bcfd4.gz")).toBe(true);
  });
});

/** A fake build: what the precache must take, and what it must leave to the network or to runtime caching. */
const FILES: Record<string, string | number> = {
  "index.html": "<h1>home</h1>",
  "404.html": "<h1>404</h1>",
  "entropy/index.html": "<h1>entropy</h1>",
  "favicon.svg": "<svg/>",
  "_astro/page.Ab12Cd34.js": "export {}",
  "_astro/common.Xy98Zw76.css": "body{}",
  "_astro/KaTeX_Main-Regular.B22Nviop.woff2": "w2",
  "_astro/KaTeX_Main-Regular.Dr94JaBh.woff": "w1",
  "_astro/KaTeX_Main-Regular.ypZvNtVU.ttf": "ttf",
  "_astro/tfjs-backend-wasm-simd-BrM3BlWr.wasm": "wasm",
  "_astro/tfjs-backend-wasm-threaded-simd-BLCcuiBu.wasm": "wasm",
  // Bigger than Workbox's default 2 MB limit, like the HiGHS solver.
  "_astro/highs-B_nfHoE0.wasm": 3_500_000,
  "data/manifest.json": "{}",
  "data/train-images-idx3-ubyte.ba891046.gz": "gz",
  "pagefind/pagefind.js": "export {}",
  "pagefind/index/en_1.pf_index": "idx",
  "sitemap-index.xml": "<x/>",
  _headers: "/*",
};
const PRECACHED = [
  "404.html",
  "_astro/KaTeX_Main-Regular.B22Nviop.woff2",
  "_astro/common.Xy98Zw76.css",
  "_astro/highs-B_nfHoE0.wasm",
  "_astro/page.Ab12Cd34.js",
  "_astro/tfjs-backend-wasm-simd-BrM3BlWr.wasm",
  "entropy/index.html",
  "favicon.svg",
  "index.html",
];

describe("the Workbox build", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sw-test-"));
    for (const [path, content] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), typeof content === "number" ? Buffer.alloc(content) : content);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("precaches pages, code, styles, wasm and woff2 fonts, and nothing from data/ or the search index", async () => {
    const { manifestEntries, warnings } = await getManifest(precacheOptions(dir));
    expect(warnings).toEqual([]);
    const entries = (manifestEntries ?? []).map((e) => (typeof e === "string" ? { url: e, revision: null } : e));
    expect(entries.map((e) => e.url).sort()).toEqual(PRECACHED);
    // Hashed names need no revision; pages get one from their content.
    for (const e of entries) expect(e.revision === null).toBe(e.url.startsWith("_astro/"));
  });

  it("writes sw.js with the runtime routes under the base path", async () => {
    const { count } = await generateSW(workboxOptions(dir, "/mnist-bits/", 4));
    expect(count).toBe(PRECACHED.length);
    const sw = readFileSync(join(dir, "sw.js"), "utf8");
    expect(sw).toContain(String(routePatterns("/mnist-bits/").manifest));
    expect(sw).toContain(String(routePatterns("/mnist-bits/").dataFile));
    expect(sw).toContain("maxEntries:4");
    expect(sw).toContain('directoryIndex:""');
    // Workbox adds this message handler only when the new worker is left waiting rather than skipping ahead.
    expect(sw).toContain("SKIP_WAITING");
    expect(sw).not.toContain("data/train-images");
    expect(sw).not.toContain("importScripts");
  });

  it("keeps as many data files as the built manifest lists", () => {
    const entry = { encoding: "gzip", bytes: 1, decodedBytes: 1, sha256: "0".repeat(64), dims: [1] };
    const files = Object.fromEntries(
      ["trainImages", "trainLabels", "testImages", "testLabels"].map((k) => [k, { ...entry, path: `${k}.gz` }]),
    );
    writeFileSync(join(dir, "data/manifest.json"), JSON.stringify({ format: 1, source: { package: "p", version: "1" }, files }));
    expect(dataFileCount(dir)).toBe(4);
  });
});

describe("the offline page fallback", () => {
  const scope = "https://example.org/mnist-bits/";
  const stored = new Map<string, string>([
    [`${scope}binarization/index.html?__WB_REVISION__=abc`, "binarization page"],
    [`${scope}index.html?__WB_REVISION__=def`, "home page"],
  ]);
  const match = (url: string, options: { ignoreSearch?: boolean }): Promise<Response | undefined> => {
    for (const [key, body] of stored) {
      if ((options.ignoreSearch === true ? key.split("?")[0] : key) === url) return Promise.resolve(new Response(body));
    }
    return Promise.resolve(undefined);
  };
  // Workbox copies the function's source text into sw.js, so test such a copy, compiled in a context that holds only
  // a service worker's globals: it must not depend on anything around it in the integration's module.
  const handlerDidError = runInNewContext(`(${String(precachedPageFallback.handlerDidError)})`, {
    caches: { match },
    self: { registration: { scope } },
    URL,
    Response,
  }) as (o: { request: Request }) => Promise<Response>;
  afterEach(() => stored.delete(`${scope}404.html`));

  const answer = (path: string): Promise<Response> => handlerDidError({ request: new Request(`https://example.org${path}`) });

  it("answers a page, with or without a query string or trailing slash, with its precached copy", async () => {
    expect(await (await answer("/mnist-bits/binarization/?net.arch=logistic")).text()).toBe("binarization page");
    expect(await (await answer("/mnist-bits/binarization")).text()).toBe("binarization page");
    expect(await (await answer("/mnist-bits/")).text()).toBe("home page");
  });

  it("answers an unknown page with the precached 404 page and status 404, or a network error without one", async () => {
    expect((await answer("/mnist-bits/nowhere/")).type).toBe("error");
    stored.set(`${scope}404.html`, "not found page");
    const res = await answer("/mnist-bits/nowhere/");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("not found page");
  });
});
