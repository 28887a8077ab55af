import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstVisitBytes, precachePlan } from "../../src/integrations/sw-precache.ts";

const B = "/mnist-bits/";
const page = (body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${B}_astro/common.C1.css">` +
  `<link rel="stylesheet" href="${B}_astro/print.P1.css" media="print"><link rel="shortcut icon" href="${B}favicon.svg">` +
  `<link rel="canonical" href="https://example.org${B}"><link rel="sitemap" href="${B}sitemap-index.xml">` +
  `<script type="module" src="${B}_astro/page.A1.js"></script></head><body>${body}</body></html>`;

/**
 * A fake build shaped like the real one: pages load entry chunks, which import shared chunks statically and an island
 * lazily; the island starts a worker by `new URL`, and the worker imports TensorFlow.js lazily and loads a wasm.
 */
const FILES: Record<string, string> = {
  "index.html": page(
    `<a href="entropy/">entropy</a><img src="data:image/png;base64,AAAA" alt="">` +
      `<link rel="stylesheet" href="/elsewhere/_astro/orphan.O1.css"><script src="https://cdn.example.org/mnist-bits/_astro/orphan.O1.js"></script>`,
  ),
  "404.html": page("<h1>404</h1>"),
  "entropy/index.html": page(
    `<script type="module" src="../_astro/Explorer.astro_type_script.E1.js"></script>` +
      `<link rel="modulepreload" href="${B}_astro/preloaded.M1.js"><a href="${B}data/train.ab12cd34.gz" download>data</a>`,
  ),
  "favicon.svg": "<svg/>",
  "sitemap-index.xml": "<x/>",
  "_astro/common.C1.css":
    `@font-face{src:url(./KaTeX_Main.W2.woff2) format("woff2"),url(./KaTeX_Main.W1.woff) format("woff"),url("./KaTeX_Main.T1.ttf")}` +
    `.x{background:url("data:image/svg+xml,%3Csvg%3E")}`,
  "_astro/print.P1.css": "@media print{}",
  "_astro/orphan.O1.css": ".o{}",
  "_astro/orphan.O1.js": "export{};",
  "_astro/KaTeX_Main.W2.woff2": "w2",
  "_astro/KaTeX_Main.W1.woff": "w1",
  "_astro/KaTeX_Main.T1.ttf": "ttf",
  "_astro/page.A1.js": `import{a}from"./shared.S1.js";export{a};`,
  "_astro/shared.S1.js": `import"./deeper.D1.js";export const a=1;`,
  "_astro/deeper.D1.js": "export{};",
  "_astro/preloaded.M1.js": "export{};",
  // Vite's shape: a preload list beside the lazy import, naming the island's own stylesheet relative to the base.
  "_astro/Explorer.astro_type_script.E1.js":
    `import{t}from"./preload-helper.H1.js";const m=["_astro/explorer.X1.js","_astro/explorer.X1.css"];` +
    "t(()=>import(`./explorer.X1.js`),m);",
  "_astro/preload-helper.H1.js": "export const t=(f)=>f();",
  "_astro/explorer.X1.css": ".e{}",
  "_astro/explorer.X1.js": `import"./shared.S1.js";new Worker(new URL("/mnist-bits/_astro/stats.worker-W1.js",import.meta.url));`,
  "_astro/stats.worker-W1.js": `import"./shared.S1.js";const tf=()=>import("./dist-T1.js");fetch(new URL("./tfjs-backend-wasm-simd-Q1.wasm",import.meta.url));`,
  "_astro/dist-T1.js": "export const tf=1;",
  "_astro/tfjs-backend-wasm-simd-Q1.wasm": "wasm".repeat(100),
  "_astro/tfjs-backend-wasm-threaded-simd-Q2.wasm": "wasm".repeat(100),
  "_astro/highs-H2.js": "export{};",
  "_astro/highs-H3.wasm": "wasm",
  "models/cnn-1.ab12cd34.bin": "model",
  "data/manifest.json": "{}",
  "data/train.ab12cd34.gz": "gz",
  "pagefind/pagefind.js": "export{};",
  _headers: "/*",
};

const PRECACHED = [
  "404.html",
  "_astro/Explorer.astro_type_script.E1.js",
  "_astro/KaTeX_Main.W2.woff2",
  "_astro/common.C1.css",
  "_astro/deeper.D1.js",
  "_astro/explorer.X1.css",
  "_astro/explorer.X1.js",
  "_astro/page.A1.js",
  "_astro/preload-helper.H1.js",
  "_astro/preloaded.M1.js",
  "_astro/print.P1.css",
  "_astro/shared.S1.js",
  "entropy/index.html",
  "favicon.svg",
  "index.html",
  "models/cnn-1.ab12cd34.bin",
];
// A script outside the base path or on another origin is not this site's, even where a file of that name exists.
const ENGINES = [
  "_astro/dist-T1.js",
  "_astro/highs-H2.js",
  "_astro/highs-H3.wasm",
  "_astro/orphan.O1.js",
  "_astro/stats.worker-W1.js",
  "_astro/tfjs-backend-wasm-simd-Q1.wasm",
  "_astro/tfjs-backend-wasm-threaded-simd-Q2.wasm",
];

describe("the precache plan", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sw-plan-"));
    for (const [path, content] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("holds the pages and what they load, statically or lazily, and leaves workers, their imports and wasm to first use", () => {
    const plan = precachePlan(dir, B);
    expect(plan.precache).toEqual(PRECACHED);
    expect(plan.engines).toEqual(ENGINES);
  });

  it("takes the base path with or without its trailing slash", () => {
    expect(precachePlan(dir, "/mnist-bits")).toEqual(precachePlan(dir, B));
  });

  it("counts files and bytes on each side", () => {
    const bytes = (paths: string[]): number => paths.reduce((sum, p) => sum + Buffer.byteLength(FILES[p] ?? ""), 0);
    expect(firstVisitBytes(dir, B)).toEqual({
      precache: { files: PRECACHED.length, bytes: bytes(PRECACHED) },
      engines: { files: ENGINES.length, bytes: bytes(ENGINES) },
    });
  });
});
