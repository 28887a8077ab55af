/**
 * Items 1, 3 and 4 in headless Chromium: the bench page (bench/browser/) built with Vite, served with the prepared
 * data, driven with Playwright. Data loading and heap, engine vs reference per backend, and time to 99%.
 */
import type { Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../../scripts/chromium.ts";
import type { BackendName } from "../../src/lib/train/backend.ts";
import { buildBenchPage } from "../browser/build.ts";
import type { BenchReply, BenchRequest, BrowserTrainResult, DataTiming, DataVariant, To99Result } from "../browser/protocol.ts";
import { serveStatic } from "../browser/server.ts";
import { ISOLATION_HEADERS } from "../../src/integrations/csp.ts";
import { roundOrder } from "../lib/alternate.ts";
import type { CompareSettings } from "../lib/compare-train.ts";
import { summarize, type Summary } from "../stats.ts";

export interface BrowserBenchOptions {
  /** Rounds of the data and heap measurements. */
  rounds: number;
  /**
   * Backends to train on, in this order, each with its own settings; `threads` runs it on the cross-origin isolated
   * copy of the bench page, where wasm gets its threads.
   */
  train: Array<{ backend: BackendName; settings: CompareSettings; threads?: boolean }>;
  /** Run the card's recipe and the reference one to this test accuracy (skipped when absent). */
  to99?: number;
  /** Where the bench page is served; default any free port. */
  port?: number;
}

export interface HeapSample {
  /** JS heap plus ArrayBuffer backing stores, bytes above the page's baseline, read before any collection. */
  afterLoad: number;
  /** The same after a full garbage collection: what stays in memory while the data is kept. */
  retained: number;
}

export type DataField = "loadMs" | "totalMs" | "downloadMs" | "inflateMs" | "verifyMs" | "parseMs" | "decodeMs";
const DATA_FIELDS: DataField[] = ["loadMs", "totalMs", "downloadMs", "inflateMs", "verifyMs", "parseMs", "decodeMs"];

export interface DataVariantBench {
  timings: DataTiming[];
  ms: Record<DataField, Summary>;
  heapAfterLoad: Summary;
  heapRetained: Summary;
}

export interface BrowserBench {
  browser: string;
  data: Record<DataVariant, DataVariantBench>;
  wire: { receivedBytes: number; manifestBytes: number; decodedBytes: number; transferBytes?: number };
  train: BrowserTrainResult[];
  /** The default run to the target, single-threaded (the page not isolated) and then with wasm threads. */
  to99?: To99Result[];
}

const ROOT = join(import.meta.dirname, "..", "..");

/** A bench page on its own origin; one with the isolation headers, one without, so wasm runs with and without threads. */
async function openPage(browser: Browser, origin: string): Promise<Page> {
  const page = await browser.newPage();
  page.on("console", (m) => {
    if (m.text().startsWith("bench worker:")) console.error(m.text());
    else if (m.type() === "error") console.error(`bench page console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => console.error(`bench page error: ${e.message}`));
  await page.goto(origin);
  await page.waitForFunction(() => window.mbBench !== undefined);
  return page;
}

async function call(page: Page, request: BenchRequest): Promise<BenchReply> {
  const reply = await page.evaluate(async (r) => {
    const api = window.mbBench;
    if (api === undefined) throw new Error("the bench page did not load");
    return api.run(r);
  }, request);
  if (reply.type === "error") throw new Error(`bench worker (${request.type}): ${reply.message}`);
  return reply;
}

async function heapBytes(page: Page, collect: boolean): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (collect) await cdp.send("HeapProfiler.collectGarbage");
    const u = await cdp.send("Runtime.getHeapUsage");
    // Typed arrays live outside the V8 heap proper; backingStorageSize counts them (usedSize alone would miss the data).
    return u.usedSize + u.backingStorageSize;
  } finally {
    await cdp.detach();
  }
}

async function heapSample(page: Page, dataUrl: string, variant: DataVariant): Promise<HeapSample> {
  await page.evaluate(() => window.mbBench?.release());
  const base = await heapBytes(page, true);
  await page.evaluate(([url, v]) => window.mbBench?.hold(url, v), [dataUrl, variant] as const);
  const afterLoad = (await heapBytes(page, false)) - base;
  const retained = (await heapBytes(page, true)) - base;
  await page.evaluate(() => window.mbBench?.release());
  return { afterLoad, retained };
}

async function benchData(page: Page, dataUrl: string, rounds: number): Promise<Pick<BrowserBench, "data" | "wire">> {
  const timings: Record<DataVariant, DataTiming[]> = { bytes: [], float32: [] };
  const heaps: Record<DataVariant, HeapSample[]> = { bytes: [], float32: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of roundOrder(["bytes", "float32"] as const, round)) {
      const reply = await call(page, { type: "data", dataUrl, variant });
      if (reply.type !== "data") throw new Error(`unexpected reply ${reply.type}`);
      timings[variant].push(reply.result);
      heaps[variant].push(await heapSample(page, dataUrl, variant));
    }
  }
  const summarizeVariant = (v: DataVariant): DataVariantBench => ({
    timings: timings[v],
    ms: Object.fromEntries(DATA_FIELDS.map((f) => [f, summarize(timings[v].map((t) => t[f]))])) as Record<DataField, Summary>,
    heapAfterLoad: summarize(heaps[v].map((h) => h.afterLoad)),
    heapRetained: summarize(heaps[v].map((h) => h.retained)),
  });
  const first = timings.bytes[0];
  if (first === undefined) throw new Error("no data rounds");
  return {
    data: { bytes: summarizeVariant("bytes"), float32: summarizeVariant("float32") },
    wire: {
      receivedBytes: first.receivedBytes,
      manifestBytes: first.manifestBytes,
      decodedBytes: first.decodedBytes,
      ...(first.transferBytes !== undefined ? { transferBytes: first.transferBytes } : {}),
    },
  };
}

export async function benchBrowser(options: BrowserBenchOptions): Promise<BrowserBench> {
  const executablePath = findChromium();
  if (executablePath === undefined) throw new Error("no Chromium found (see scripts/chromium.ts)");
  const dir = await buildBenchPage();
  const servers: Server[] = [];
  const browser = await chromium.launch({
    executablePath,
    // SwiftShader gives headless Chromium a software WebGL and (with unsafe WebGPU) a software WebGPU adapter, so both
    // GPU backends can be measured at all; neither says much about a reader's GPU.
    args: [...CHROMIUM_ARGS, "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--enable-unsafe-webgpu"],
  });
  try {
    const roots = [
      { prefix: "/data/", dir: join(ROOT, "public", "data") },
      { prefix: "/", dir },
    ];
    const plain = await serveStatic(options.port ?? 0, roots);
    const isolated = await serveStatic(0, roots, ISOLATION_HEADERS);
    servers.push(plain.server, isolated.server);
    const page = await openPage(browser, plain.origin);
    const threadedPage = await openPage(browser, isolated.origin);
    if (!(await threadedPage.evaluate(() => self.crossOriginIsolated)))
      throw new Error("the isolated bench page is not cross-origin isolated");
    const dataUrl = `${plain.origin}data/`;
    const data = await benchData(page, dataUrl, options.rounds);
    const train: BrowserTrainResult[] = [];
    for (const { backend, settings, threads } of options.train) {
      const on = threads === true ? threadedPage : page;
      const reply = await call(on, {
        type: "train",
        dataUrl: `${threads === true ? isolated.origin : plain.origin}data/`,
        backend,
        settings,
      });
      if (reply.type !== "train") throw new Error(`unexpected reply ${reply.type}`);
      train.push({ ...reply.result, ...(threads === true ? { threads: true } : {}) });
    }
    let to99: To99Result[] | undefined;
    if (options.to99 !== undefined) {
      to99 = [];
      // The card's recipe and the reference one it replaced, each with one thread and with threads: what the larger
      // batch buys, and what the threads buy, in one run.
      for (const recipe of ["live", "reference"] as const) {
        for (const [on, origin] of [
          [page, plain.origin],
          [threadedPage, isolated.origin],
        ] as const) {
          const reply = await call(on, { type: "to99", dataUrl: `${origin}data/`, target: options.to99, recipe });
          if (reply.type !== "to99") throw new Error(`unexpected reply ${reply.type}`);
          to99.push(reply.result);
        }
      }
    }
    return { browser: `Chromium ${browser.version()}`, ...data, train, ...(to99 !== undefined ? { to99 } : {}) };
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }
}
