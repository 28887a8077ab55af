import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ISOLATION_HEADERS } from "../../src/integrations/csp.ts";
import { bundleServiceWorker, CACHE_NAMES, dataFileCount, routePatterns, swBuild } from "../../src/integrations/service-worker.ts";

describe("routePatterns", () => {
  it.each(["/mnist-bits/", "/mnist-bits"])("matches only the data, search and engine URLs under the base %s", (base) => {
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
    expect(p.engine.test(at("/mnist-bits/_astro/tf.worker-CXfGTvt_.js"))).toBe(true);
    expect(p.engine.test(at("/mnist-bits/_astro/tfjs-backend-wasm-threaded-simd-BLCcuiBu.wasm"))).toBe(true);
    expect(p.engine.test(at("/mnist-bits/_astro/KaTeX_Main-Regular.Dr94JaBh.woff"))).toBe(false);
    expect(p.engine.test(at("/other/_astro/tf.worker-CXfGTvt_.js"))).toBe(false);
  });

  it("works at the root of a domain", () => {
    const p = routePatterns("/");
    expect(p.manifest.test("https://example.org/data/manifest.json")).toBe(true);
    expect(p.dataFile.test("https://example.org/data/t10k-labels-idx1-ubyte.ff7bcfd4.gz")).toBe(true);
    expect(p.engine.test("https://example.org/_astro/highs-B_nfHoE0.wasm")).toBe(true);
  });
});

const B = "/mnist-bits/";
const SCOPE = `https://example.org${B}`;
/** A fake build: two pages and their script, an engine, a dataset manifest. */
const FILES: Record<string, string> = {
  "index.html": `<html><head><script type="module" src="${B}_astro/page.A1.js"></script></head></html>`,
  "404.html": "<h1>404</h1>",
  "_astro/page.A1.js": `new Worker(new URL("./tf.worker-W1.js",import.meta.url));`,
  "_astro/tf.worker-W1.js": "self.onmessage=()=>{};",
  "data/manifest.json": "{}",
};

/** In-memory CacheStorage, enough for Workbox's strategies. */
function memoryCaches(): CacheStorage {
  const stored = new Map<string, Map<string, Response>>();
  const key = (r: RequestInfo | URL): string => (r instanceof Request ? r.url : String(r));
  const strip = (url: string, o?: CacheQueryOptions): string => (o?.ignoreSearch === true ? (url.split("?")[0] ?? url) : url);
  const find = (entries: Map<string, Response>, r: RequestInfo | URL, o?: CacheQueryOptions): Response | undefined => {
    for (const [url, res] of entries) if (strip(url, o) === strip(key(r), o)) return res.clone();
    return undefined;
  };
  const open = (name: string): Promise<Cache> => {
    const entries = stored.get(name) ?? new Map<string, Response>();
    stored.set(name, entries);
    return Promise.resolve({
      match: (r: RequestInfo | URL, o?: CacheQueryOptions) => Promise.resolve(find(entries, r, o)),
      put: (r: RequestInfo | URL, res: Response) => Promise.resolve(void entries.set(key(r), res)),
      delete: (r: RequestInfo | URL) => Promise.resolve(entries.delete(key(r))),
      keys: () => Promise.resolve([...entries.keys()].map((u) => new Request(u))),
    } as unknown as Cache);
  };
  return {
    open,
    has: (name: string) => Promise.resolve(stored.has(name)),
    delete: (name: string) => Promise.resolve(stored.delete(name)),
    keys: () => Promise.resolve([...stored.keys()]),
    match: (r: RequestInfo | URL, o?: CacheQueryOptions) => {
      for (const entries of stored.values()) {
        const hit = find(entries, r, o);
        if (hit) return Promise.resolve(hit);
      }
      return Promise.resolve(undefined);
    },
  };
}

type Fetch = (r: Request) => Promise<Response>;

interface Worker {
  /** Dispatches a fetch event; undefined when the worker left the request to the browser. */
  answer: (req: Request) => Promise<Response | undefined>;
  caches: CacheStorage;
}

/** Runs sw.js in a context holding a service worker's globals. */
function runWorker(code: string, fetch: Fetch): Worker {
  const listeners = new Map<string, ((e: unknown) => void)[]>();
  class FetchEvent extends Event {
    request: Request;
    answer: Promise<Response> | undefined;
    constructor(type: string, init: { request: Request }) {
      super(type);
      this.request = init.request;
    }
    respondWith(p: Promise<Response>): void {
      this.answer = p;
    }
    waitUntil(): void {}
  }
  // Workbox's expiration keeps timestamps in IndexedDB: a request that never completes keeps it waiting, harmlessly.
  class IDBRequest extends EventTarget {}
  const caches = memoryCaches();
  const context: Record<string, unknown> = {
    location: new URL(`${SCOPE}sw.js`),
    registration: { scope: SCOPE },
    clients: { claim: () => Promise.resolve() },
    skipWaiting: () => Promise.resolve(),
    addEventListener: (type: string, f: (e: unknown) => void) => listeners.set(type, [...(listeners.get(type) ?? []), f]),
    caches,
    fetch,
    indexedDB: { open: () => new IDBRequest() },
    IDBRequest,
    FetchEvent,
    Request,
    Response,
    Headers,
    URL,
    console,
    setTimeout,
    clearTimeout,
  };
  context["self"] = context;
  runInNewContext(code, context);
  return {
    caches,
    answer: async (request) => {
      const event = new FetchEvent("fetch", { request });
      for (const f of listeners.get("fetch") ?? []) f(event);
      return event.answer;
    },
  };
}

const navigation = (url: string): Request => {
  const r = new Request(url);
  Object.defineProperty(r, "mode", { value: "navigate" });
  return r;
};

describe("sw.js", () => {
  let dir: string;
  let code: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sw-test-"));
    for (const [path, content] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    code = await bundleServiceWorker(swBuild(dir, B, 4));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is one classic script with the build's precache list and bounds, and no code generation", async () => {
    const facts = swBuild(dir, B, 4);
    expect(facts.precache.map((e) => e.url)).toEqual(["404.html", "_astro/page.A1.js", "index.html"]);
    // Hashed names need no revision; pages get one from their content.
    for (const e of facts.precache) expect(e.revision === null).toBe(e.url.startsWith("_astro/"));
    expect(facts).toMatchObject({ base: B, dataFiles: 4, engineFiles: 1 });
    for (const e of facts.precache) expect(code).toContain(e.revision ?? e.url);
    expect(code).not.toContain("tf.worker-W1.js");
    // The handler Workbox gives a worker left waiting rather than skipping ahead.
    expect(code).toContain("SKIP_WAITING");
    for (const forbidden of ["importScripts", "eval(", "new Function", "process.env", "import("]) expect(code).not.toContain(forbidden);
    expect(await bundleServiceWorker(facts)).toBe(code);
  });

  it("answers every kind of same-origin request with the isolation headers, and leaves other origins alone", async () => {
    let online = true;
    const { answer, caches } = runWorker(code, (r) => {
      if (!online) return Promise.reject(new TypeError("offline"));
      return Promise.resolve(new Response(`net ${new URL(r.url).pathname}`, { headers: { "Content-Type": "text/plain" } }));
    });
    const isolated = async (req: Request, body: string): Promise<void> => {
      const res = await answer(req);
      expect(res, req.url).toBeDefined();
      for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(res?.headers.get(name), `${req.url} ${name}`).toBe(value);
      expect(res?.headers.get("content-type"), req.url).toBe("text/plain");
      expect(await res?.text()).toBe(body);
    };
    // A page (network), a precached script (its cache is empty here, so the network), an engine (cached on first use),
    // the data manifest, and a file nothing else handles.
    await isolated(navigation(`${SCOPE}entropy/?a=1`), "net /mnist-bits/entropy/");
    await isolated(new Request(`${SCOPE}_astro/page.A1.js`), "net /mnist-bits/_astro/page.A1.js");
    await isolated(new Request(`${SCOPE}_astro/tf.worker-W1.js`), "net /mnist-bits/_astro/tf.worker-W1.js");
    await isolated(new Request(`${SCOPE}data/manifest.json`), "net /mnist-bits/data/manifest.json");
    await isolated(new Request(`${SCOPE}sitemap-index.xml`), "net /mnist-bits/sitemap-index.xml");
    expect(await answer(new Request("https://cdn.example.org/x.js"))).toBeUndefined();
    const engines = await caches.open(CACHE_NAMES.engines);
    await expect.poll(async () => (await engines.keys()).map((r) => r.url)).toEqual([`${SCOPE}_astro/tf.worker-W1.js`]);

    // Offline: the engine from its cache; a page from the precache (stored here by hand under this build's revision),
    // never an entry of the same page under another revision (an older deploy's, during an update); else the 404 page.
    online = false;
    await isolated(new Request(`${SCOPE}_astro/tf.worker-W1.js`), "net /mnist-bits/_astro/tf.worker-W1.js");
    const revision = (url: string): string => swBuild(dir, B, 4).precache.find((e) => e.url === url)?.revision ?? "none";
    const precache = await caches.open(`mnist-bits-precache-v2-${SCOPE}`);
    const text = (body: string): Response => new Response(body, { headers: { "Content-Type": "text/plain" } });
    await precache.put(`${SCOPE}index.html?__WB_REVISION__=0ld`, text("an older deploy's home page"));
    await precache.put(`${SCOPE}index.html?__WB_REVISION__=${revision("index.html")}`, text("precached home page"));
    await isolated(navigation(`${SCOPE}?a=1`), "precached home page");
    expect((await answer(navigation(`${SCOPE}nowhere/`)))?.type).toBe("error");
    await precache.put(`${SCOPE}404.html?__WB_REVISION__=${revision("404.html")}`, text("not found page"));
    const missing = await answer(navigation(`${SCOPE}nowhere/`));
    expect(missing?.status).toBe(404);
    expect(await missing?.text()).toBe("not found page");
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
