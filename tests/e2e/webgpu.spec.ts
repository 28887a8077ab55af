/**
 * The WebGPU backend in Chromium with --enable-unsafe-webgpu, which gives headless Chromium a software adapter
 * (SwiftShader, flagged isFallbackAdapter). Asked for by name it trains, on the logistic regression and on a CNN, to the
 * accuracy the same run reaches on wasm in Node, after its gradients were checked against the cpu backend's; left to
 * the automatic choice, it is passed over (a software adapter trains far slower than WebAssembly) and its chunk is never
 * even fetched. All of it under the site's header CSP, with no violation.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { headersPatternMatches, parseHeadersFile } from "../../src/integrations/csp.ts";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { parseArchKey } from "../../src/lib/train/arch.ts";
import { selectBackend } from "../../src/lib/train/backend.ts";
import { oneCycleConfig } from "../../src/lib/train/sweep.ts";
import { train } from "../../src/lib/train/train.ts";
import { CHROMIUM_ARGS, findChromium } from "../../scripts/chromium.ts";
import { BASE_PATH } from "../../playwright.config.ts";
import { expect, test } from "./fixtures.ts";
import { fulfillWithHeaders } from "./csp-watch.ts";
import { startAndAwait } from "./flows.ts";
import { serveSite, type SiteServer } from "./static-server.ts";

const OUT_DIR = process.env["ASTRO_OUT_DIR"] ?? "dist";
const executablePath = findChromium();
test.use({ launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS, "--enable-unsafe-webgpu"] } });

/** The chunk Vite made of @tensorflow/tfjs-backend-webgpu, found by a flag only that package registers. */
const WEBGPU_CHUNK = readdirSync(join(OUT_DIR, "_astro")).find(
  (f) => f.endsWith(".js") && readFileSync(join(OUT_DIR, "_astro", f), "utf8").includes("WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE"),
);

interface Run {
  arch: string;
  subset: number;
  batch: number;
  seed: number;
  lr: number;
}

const LOGISTIC: Run = { arch: "logistic", subset: 2000, batch: 100, seed: 3, lr: 0.01 };
/**
 * On SwiftShader a training step of the 21,840-parameter CNN takes about 10 s and scoring the test set is slower
 * still, so the CNN here is the ladder's smallest (1,016 parameters, every kind of layer and gradient kernel the
 * big one has) at a batch of 25: 40 steps on 1,000 images, which take it from chance to about 60% on wasm.
 */
const CNN: Run = { arch: "cnn-2k5p2-4k5p2-10", subset: 1000, batch: 25, seed: 1, lr: 0.01 };

function query(r: Run, backend: string): string {
  return `overparameterization/?net.arch=${r.arch}&net.epochs=1&net.subset=${r.subset}&net.batch=${r.batch}&net.seed=${r.seed}&net.lr=${r.lr}&net.backend=${backend}`;
}

/** The same run on wasm in Node: what the browser's run must come close to (GPU sums round differently, so not exactly). */
async function nodeAccuracy(r: Run): Promise<number> {
  await selectBackend({ order: ["wasm"] });
  const result = await train(
    oneCycleConfig(parseArchKey(r.arch), r.seed, { epochs: 1, batchSize: r.batch, maxLr: r.lr }, r.subset),
    loadMnistNode(),
  );
  return result.test?.accuracy ?? NaN;
}

const MARK = "[csp-violation]";
const WORKER_PREAMBLE =
  `self.addEventListener("securitypolicyviolation", (e) => console.error(` +
  `"${MARK} worker " + e.effectiveDirective + " blocked " + e.blockedURI));\n`;

/**
 * Serves every file with the `_headers` rules a static host would apply (the header policy is what reaches the
 * workers, where WebGPU runs), tells the workers to report violations, and records them and every request.
 */
async function watch(page: Page, context: BrowserContext): Promise<{ violations: string[]; requests: string[] }> {
  const rules = parseHeadersFile(readFileSync(join(OUT_DIR, "_headers"), "utf8"));
  const w = { violations: [] as string[], requests: [] as string[] };
  const onConsole = (text: string): void => {
    if (text.includes(MARK) || /Content Security Policy/i.test(text)) w.violations.push(text);
  };
  page.on("console", (m) => onConsole(m.text()));
  page.on("worker", (worker) => worker.on("console", (m) => onConsole(m.text())));
  context.on("request", (r) => w.requests.push(r.url()));
  await page.addInitScript((mark) => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`${mark} page ${e.effectiveDirective} blocked ${e.blockedURI}`),
    );
  }, MARK);
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const headers: Record<string, string> = {};
    for (const rule of rules) if (headersPatternMatches(rule.pattern, url.pathname)) Object.assign(headers, rule.headers);
    return fulfillWithHeaders(route, headers, /\.worker-[\w-]+\.js$/.test(url.pathname) ? WORKER_PREAMBLE : undefined);
  });
  return w;
}

const fetchedWebGpu = (requests: readonly string[]): boolean =>
  requests.some((u) => WEBGPU_CHUNK !== undefined && u.endsWith(`/${WEBGPU_CHUNK}`));

test.describe("the WebGPU backend on a software adapter", () => {
  // Served by a host that sends _headers, not only through the route: a pthread's script, requested from inside a
  // worker, bypasses page routes, and without the isolation headers of its own it is refused and the threads never
  // start (wasm then falls back to one thread after its 20 s watch).
  let site: SiteServer;
  test.beforeEach(async () => {
    site = await serveSite(OUT_DIR, BASE_PATH, { headersFile: true });
  });
  test.afterEach(async ({ context }) => {
    // Routes still fetching from the server would fail the test once it stops.
    await context.unrouteAll({ behavior: "ignoreErrors" });
    await site.stop();
  });

  test("the build has one WebGPU chunk, apart from TensorFlow.js's core, and no page links it", () => {
    expect(WEBGPU_CHUNK).toBeDefined();
    const astro = join(OUT_DIR, "_astro");
    const js = readdirSync(astro).filter((f) => f.endsWith(".js"));
    // tfjs-core's registry, whose every copy would hold backends of its own: exactly one in the build.
    expect(js.filter((f) => readFileSync(join(astro, f), "utf8").includes("is already registered"))).toHaveLength(1);
    const html = readdirSync(OUT_DIR, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
    for (const f of html) expect(readFileSync(join(OUT_DIR, f), "utf8"), f).not.toContain(WEBGPU_CHUNK);
  });

  test("asked for, WebGPU trains the logistic regression and a CNN, with its gradients checked against the CPU backend", async ({
    page,
    context,
    problems,
  }) => {
    test.setTimeout(170_000);
    const w = await watch(page, context);
    const expected = { logistic: await nodeAccuracy(LOGISTIC), cnn: await nodeAccuracy(CNN) };
    const net = page.locator("mb-train-network");
    for (const [name, run, band] of [
      ["logistic", LOGISTIC, 0.8],
      ["cnn", CNN, 0.5],
    ] as const) {
      await page.goto(`${site.url}${query(run, "webgpu")}`);
      if (name === "logistic") expect(fetchedWebGpu(w.requests), "the page alone fetches the WebGPU chunk").toBe(false);
      await startAndAwait(net, /Train in my browser/, "done", 120_000);
      const line = await net.locator("[data-backend]").innerText();
      console.log(`${name}: ${line}`);
      expect(line).toMatch(
        /^Backend: WebGPU on a software adapter \(SwiftShader\); not bit-exact between runs; gradients agree with the CPU backend to within /,
      );
      const figure = Number(/to within (\S+) of their size/.exec(line)?.[1]);
      expect(figure).toBeGreaterThanOrEqual(0);
      expect(figure).toBeLessThan(1e-3);
      const accuracy = Number(await net.locator("[data-result]").getAttribute("data-accuracy"));
      expect(accuracy, name).toBeGreaterThan(band);
      expect(Math.abs(accuracy - expected[name]), `${name}: ${accuracy} on WebGPU, ${expected[name]} on wasm in Node`).toBeLessThanOrEqual(
        0.02,
      );
      await expect(net).toHaveAttribute("data-tensors-after", (await net.getAttribute("data-tensors-before")) ?? "x");
    }
    expect(fetchedWebGpu(w.requests)).toBe(true);
    expect(w.violations).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("the automatic choice passes over the software adapter, says why, and never fetches the WebGPU chunk", async ({
    page,
    context,
    problems,
  }) => {
    test.setTimeout(120_000);
    const w = await watch(page, context);
    await page.goto(`${site.url}${query(LOGISTIC, "auto")}`);
    const net = page.locator("mb-train-network");
    await startAndAwait(net, /Train in my browser/, "done", 100_000);
    const line = await net.locator("[data-backend]").innerText();
    console.log(line);
    expect(line).toMatch(/^Backend: WebAssembly, /);
    expect(line).toContain(
      "WebGPU: this browser's WebGPU adapter is a software fallback (SwiftShader), which trains slower than WebAssembly;",
    );
    expect(line).not.toContain("gradients");
    expect(Number(await net.locator("[data-result]").getAttribute("data-accuracy"))).toBeGreaterThan(0.8);
    expect(w.requests.some((u) => /tf\.worker-/.test(u))).toBe(true);
    expect(fetchedWebGpu(w.requests)).toBe(false);
    expect(w.violations).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
});
