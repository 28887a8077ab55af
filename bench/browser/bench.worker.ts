/**
 * The bench page's worker: loads the data with the site's loader and trains with the site's engine, as
 * src/workers/tf.worker.ts does, and reports timings. One request per worker, so every backend starts clean.
 */
import * as tf from "@tensorflow/tfjs";
import { fetchManifest, gunzip, isGzip, loadMnist } from "../../src/lib/data/fetch.ts";
import { sha256Hex } from "../../src/lib/data/hash.ts";
import { assembleMnist, MNIST_FILES, type Mnist, type MnistFileKey } from "../../src/lib/data/mnist.ts";
import { DEFAULT_RECIPE, LIVE_RECIPE, peakLr } from "../../src/lib/train/recipe.ts";
import { train } from "../../src/lib/train/train.ts";
import { chooseBackend, selectGuardedBackend, wasmPaths } from "../../src/workers/tf-setup.ts";
import { compareTraining } from "../lib/compare-train.ts";
import { toFloat32Dataset } from "../lib/float32-dataset.ts";
import type { BenchReply, BenchRequest, BrowserTrainResult, DataTiming, EpochPoint, To99Recipe, To99Result } from "./protocol.ts";

const post = (msg: BenchReply): void => postMessage(msg);

// Every round must cross the (local) network: the HTTP cache would otherwise serve rounds after the first.
const noStore: typeof fetch = (input, init) => fetch(input, { ...init, cache: "no-store" });

const KEYS = Object.keys(MNIST_FILES) as MnistFileKey[];

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

async function benchData(dataUrl: string, variant: DataTiming["variant"]): Promise<DataTiming> {
  const t0 = performance.now();
  const loaded = await loadMnist(dataUrl, { fetch: noStore });
  const t1 = performance.now();
  // Kept alive until the end of the function so the float32 copy is made while the bytes exist, as data.js would.
  const decoded = variant === "float32" ? toFloat32Dataset(loaded.mnist) : undefined;
  const decodeMs = performance.now() - t1;

  performance.clearResourceTimings();
  const manifest = await fetchManifest(dataUrl, { fetch: noStore });
  const [raw, downloadMs] = await timed(() =>
    Promise.all(KEYS.map(async (k) => new Uint8Array(await (await noStore(new URL(manifest.files[k].path, dataUrl))).arrayBuffer()))),
  );
  const [inflated, inflateMs] = await timed(() => Promise.all(raw.map((b) => (isGzip(b) ? gunzip(b) : Promise.resolve(b)))));
  const [digests, verifyMs] = await timed(() => Promise.all(inflated.map((b) => sha256Hex(b))));
  KEYS.forEach((k, i) => {
    if (digests[i] !== manifest.files[k].sha256) throw new Error(`${k}: SHA-256 mismatch in the phase-by-phase load`);
  });
  const [mnist, parseMs] = await timed(() =>
    Promise.resolve(
      assembleMnist(Object.fromEntries(KEYS.map((k, i) => [k, inflated[i] as Uint8Array])) as Record<MnistFileKey, Uint8Array>),
    ),
  );
  if (mnist.train.count !== loaded.mnist.train.count) throw new Error("the two loads disagree");
  const files = new Set(KEYS.map((k) => manifest.files[k].path));
  const entries = performance
    .getEntriesByType("resource")
    .filter((e): e is PerformanceResourceTiming => files.has(new URL(e.name).pathname.split("/").pop() ?? ""));
  const transfer = entries.reduce((s, e) => s + e.transferSize, 0);
  return {
    variant,
    loadMs: t1 - t0,
    totalMs: t1 - t0 + (decoded === undefined ? 0 : decodeMs),
    downloadMs,
    inflateMs,
    verifyMs,
    parseMs,
    decodeMs: decoded === undefined ? 0 : decodeMs,
    receivedBytes: loaded.received,
    manifestBytes: KEYS.reduce((s, k) => s + manifest.files[k].bytes, 0),
    decodedBytes: KEYS.reduce((s, k) => s + manifest.files[k].decodedBytes, 0),
    ...(entries.length === KEYS.length && transfer > 0 ? { transferBytes: transfer } : {}),
  };
}

async function benchTrain(msg: Extract<BenchRequest, { type: "train" }>): Promise<BrowserTrainResult> {
  const { backend } = msg;
  if (backend === "webgpu") {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (gpu === undefined) return { backend, unavailable: "no navigator.gpu in this browser" };
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (adapter == null) return { backend, unavailable: "no adapter (navigator.gpu.requestAdapter() returned null)" };
  }
  let detail: string;
  try {
    // As the site's worker selects (threads where the page is isolated), so the figures are the site's.
    detail = (await selectGuardedBackend({ order: [backend], wasmPaths: wasmPaths() })).detail;
  } catch (e) {
    return { backend, unavailable: e instanceof Error ? e.message : String(e) };
  }
  if (backend === "webgl") detail += `, ${webGlRenderer()}`;
  const { mnist } = await loadMnist(msg.dataUrl);
  return { backend, detail, comparison: await compareTraining(backend, mnist.train, msg.settings) };
}

function webGlRenderer(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (gl === undefined) return "renderer unknown";
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  return String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
}

/** The chapter's default run, exactly as the site starts it (automatic backend choice, the default recipe). */
async function benchTo99(dataUrl: string, target: number, recipe: To99Recipe): Promise<To99Result> {
  const config = recipe === "live" ? LIVE_RECIPE : DEFAULT_RECIPE;
  const { mnist }: { mnist: Mnist } = await loadMnist(dataUrl);
  const choice = await chooseBackend("auto");
  const epochs: EpochPoint[] = [];
  let trainSeconds = 0;
  await train(config, mnist, {
    onEpoch(s) {
      trainSeconds += s.seconds;
      const point = { epoch: s.epoch, testAccuracy: s.test?.accuracy ?? NaN, trainSeconds, wallSeconds: s.elapsedMs / 1000 };
      epochs.push(point);
      post({ type: "progress", text: `epoch ${s.epoch}: ${(point.testAccuracy * 100).toFixed(2)}% after ${trainSeconds.toFixed(1)} s` });
    },
  });
  const reached = epochs.find((e) => e.testAccuracy >= target);
  return {
    recipe,
    recipeText: `batch ${config.batchSize}, peak ${peakLr(config) ?? "none"}`,
    backend: choice.backend,
    detail: choice.detail,
    target,
    epochs,
    ...(reached ? { reached } : {}),
  };
}

addEventListener("message", (event: MessageEvent<BenchRequest>) => {
  const msg = event.data;
  const work: Promise<BenchReply> =
    msg.type === "data"
      ? benchData(msg.dataUrl, msg.variant).then((result) => ({ type: "data", result }))
      : msg.type === "train"
        ? benchTrain(msg).then((result) => ({ type: "train", result }))
        : benchTo99(msg.dataUrl, msg.target, msg.recipe).then((result) => ({ type: "to99", result }));
  work.then(post, (e: unknown) => post({ type: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
});
