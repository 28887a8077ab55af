/**
 * The frontier worker itself (src/workers/frontier.worker.ts), run in Node with the worker's globals stubbed and its
 * files served from memory: it reproduces, exactly, what the Node-side scoring of the same file gives (the accuracy
 * as the same double, the confusion matrix, the misclassified images and their pixels), refuses a truncated or
 * altered model file with a message naming it and no result, and stops on Cancel mid-evaluation.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { classify } from "../../src/lib/frontier/forward.ts";
import { decodeModelFile, encodeModelFile, networkOf, type ModelFile } from "../../src/lib/frontier/model-file.ts";
import type { NetSpec } from "../../src/lib/frontier/net.ts";
import { quantizeTensor } from "../../src/lib/frontier/quantize.ts";
import { scorePredictions } from "../../src/lib/frontier/verify.ts";
import type { FrontierJob, FrontierProgress, FrontierResult } from "../../src/workers/frontier-protocol.ts";
import type { JobReply, JobRequest } from "../../src/workers/jobs.ts";

type Reply = JobReply<FrontierProgress, FrontierResult>;

const SITE = "http://site.test/mnist-bits/";
const DATA_DIR = join(process.cwd(), "public", "data");
const manifestText = readFileSync(join(DATA_DIR, "manifest.json"), "utf8");
const manifest = JSON.parse(manifestText) as { files: Record<string, { path: string; bytes: number }> };

/**
 * A 784→10 linear classifier whose weights are each class's mean test digit minus the overall mean, quantized to 4
 * bits: a real model file, about 64% accurate, that classifies 10,000 images in a fraction of a second.
 */
function templateModel(): ModelFile {
  const { test } = loadMnistNode();
  const size = 784;
  const sums = Array.from({ length: 10 }, () => new Float64Array(size));
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < test.count; i++) {
    const y = test.labels[i]!;
    counts[y]!++;
    for (let p = 0; p < size; p++) sums[y]![p]! += test.pixels[i * size + p]! / 255;
  }
  const means = sums.map((s, c) => s.map((v) => v / counts[c]!));
  const weights = new Float32Array(size * 10);
  for (let p = 0; p < size; p++) {
    const all = means.reduce((a, m) => a + m[p]!, 0) / 10;
    for (let c = 0; c < 10; c++) weights[p * 10 + c] = means[c]![p]! - all;
  }
  const spec: NetSpec = { convs: [], head: "flatten", hidden: [] };
  return { spec, tensors: [quantizeTensor(weights, 4), quantizeTensor(new Float32Array(10), 4)] };
}

const modelBytes = encodeModelFile(templateModel());
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const expected = { path: "models/mnist-small.0123abcd.bin", bytes: modelBytes.length, sha256: sha(modelBytes) };
const job: FrontierJob = {
  type: "verify",
  modelUrl: `${SITE}${expected.path}`,
  expected,
  dataUrl: `${SITE}data/`,
  pixelsFor: 50,
};

/** What the worker's fetch answers: the data files from public/data, the model file as the test sets it. */
let served: Uint8Array;
let requests: string[];
let listener: ((event: MessageEvent<JobRequest<FrontierJob>>) => void) | undefined;
let posted: Reply[];

function fakeFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  requests.push(url.slice(SITE.length));
  if (init?.signal?.aborted === true) return Promise.reject(new DOMException("aborted", "AbortError"));
  if (url === job.modelUrl) return Promise.resolve(new Response(served as Uint8Array<ArrayBuffer>));
  const name = url.slice(`${SITE}data/`.length);
  if (name === "manifest.json") return Promise.resolve(new Response(manifestText, { headers: { "content-type": "application/json" } }));
  if (Object.values(manifest.files).some((f) => f.path === name)) return Promise.resolve(new Response(readFileSync(join(DATA_DIR, name))));
  return Promise.resolve(new Response("not found", { status: 404, statusText: "Not Found" }));
}

function send(msg: JobRequest<FrontierJob>): void {
  listener?.(new MessageEvent("message", { data: msg }));
}

/** Waits for the job's one ending reply. */
async function end(id: number): Promise<Reply> {
  for (let waited = 0; waited < 60_000; waited += 5) {
    const last = posted.find((m) => m.id === id && m.type !== "progress");
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`job ${id} never ended`);
}

beforeEach(async () => {
  listener = undefined;
  posted = [];
  requests = [];
  served = modelBytes;
  vi.stubGlobal("addEventListener", (type: string, f: (event: MessageEvent<JobRequest<FrontierJob>>) => void) => {
    if (type === "message") listener = f;
  });
  vi.stubGlobal("postMessage", (msg: Reply | { type: "worker-alive" }) => {
    if (msg.type !== "worker-alive") posted.push(msg);
  });
  vi.stubGlobal("navigator", { locks: { request: (_n: string, grant: () => unknown) => (void grant(), new Promise(() => undefined)) } });
  vi.stubGlobal("fetch", fakeFetch);
  // A fresh worker for every test (it keeps the test images it has loaded).
  vi.resetModules();
  await import("../../src/workers/frontier.worker.ts");
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("frontier worker: verify", () => {
  it("reproduces the Node scoring of the same file exactly, with progress and timings", async () => {
    send({ type: "run", id: 1, job });
    const reply = await end(1);
    if (reply.type !== "result") throw new Error(`expected a result, got ${JSON.stringify(reply)}`);
    const r = reply.result;

    const { test } = loadMnistNode();
    const reference = scorePredictions(
      classify(networkOf(decodeModelFile(modelBytes, "reference")), test.pixels, 0, test.count).predicted,
      test.labels,
    );
    expect(r.count).toBe(10_000);
    expect(r.accuracy).toBe(reference.accuracy);
    expect(r.accuracy).toBe(1 - reference.errors / 10_000);
    expect(r.accuracy).toBeGreaterThan(0.5);
    expect(r.confusion).toEqual(reference.confusion);
    expect(r.misclassified).toEqual(reference.misclassified);
    expect(r.params).toBe(7850);
    expect(r.modelBytes).toBe(modelBytes.length);
    expect(r.received).toBe(manifest.files["testImages"]!.bytes + manifest.files["testLabels"]!.bytes);
    // Pixels for the first 50 misclassified images, each the test image it names.
    expect(r.misclassifiedPixels.length).toBe(50 * 784);
    const k = 17;
    const index = r.misclassified[k]!.index;
    expect([...r.misclassifiedPixels.subarray(k * 784, (k + 1) * 784)]).toEqual([...test.pixels.subarray(index * 784, (index + 1) * 784)]);
    for (const ms of Object.values(r.timings)) expect(ms).toBeGreaterThanOrEqual(0);
    // Only the model and the test files were asked for: never the training set.
    expect(requests.filter((u) => u.includes("train"))).toEqual([]);

    const progress = posted.flatMap((m) => (m.type === "progress" ? [m.progress] : []));
    expect(progress[0]).toEqual({ type: "model", bytes: modelBytes.length });
    const loading = progress.flatMap((p) => (p.type === "data" ? [p.fraction] : []));
    expect(loading.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= loading[i - 1]!))).toBe(true);
    expect(loading.at(-1)).toBe(1);
    const evaluated = progress.flatMap((p) => (p.type === "evaluate" ? [p.done] : []));
    expect(evaluated.every((d, i) => d > 0 && d <= 10_000 && (i === 0 || d > evaluated[i - 1]!))).toBe(true);

    // A second run in the same worker checks the model file again but reads no test file.
    requests = [];
    send({ type: "run", id: 2, job });
    const again = await end(2);
    expect(again.type === "result" && again.result.accuracy).toBe(reference.accuracy);
    expect(again.type === "result" && again.result.received).toBe(0);
    expect(requests).toEqual([expected.path]);
  });

  it("refuses a truncated model file, naming it, before downloading any test image", async () => {
    served = modelBytes.subarray(0, modelBytes.length - 1);
    send({ type: "run", id: 1, job });
    expect(await end(1)).toEqual({
      type: "error",
      id: 1,
      message: `${expected.path}: ${(modelBytes.length - 1).toLocaleString("en-US")} bytes, expected ${modelBytes.length.toLocaleString("en-US")}: the file is truncated or was changed`,
    });
    expect(posted.filter((m) => m.type === "progress")).toEqual([]);
    expect(requests).toEqual([expected.path]);
  });

  it("refuses a model file with flipped bytes by its SHA-256, naming it", async () => {
    const flipped = Uint8Array.from(modelBytes);
    for (let i = 100; i < 110; i++) flipped[i]! ^= 0xff;
    served = flipped;
    send({ type: "run", id: 1, job });
    const reply = await end(1);
    expect(reply.type).toBe("error");
    expect(reply.type === "error" && reply.message).toBe(
      `${expected.path}: integrity check failed: its SHA-256 begins ${sha(flipped).slice(0, 12)}…, the build recorded ` +
        `${expected.sha256.slice(0, 12)}… (the file is corrupted, or is not the one this page was built from)`,
    );
  });

  it("names the file when it is recorded right but does not decode", async () => {
    const garbage = new Uint8Array(64).fill(0xff);
    served = garbage;
    send({ type: "run", id: 1, job: { ...job, expected: { ...expected, bytes: garbage.length, sha256: sha(garbage) } } });
    const reply = await end(1);
    expect(reply.type === "error" && reply.message).toMatch(/^models\/mnist-small\.0123abcd\.bin: format version 15/);
  });

  it("says the server does not have the file", async () => {
    send({ type: "run", id: 1, job: { ...job, modelUrl: `${SITE}models/gone.bin` } });
    const reply = await end(1);
    expect(reply.type === "error" && reply.message).toBe(`${expected.path}: HTTP 404 Not Found: the server does not have this file`);
  });

  it("stops on Cancel in the middle of the evaluation", async () => {
    send({ type: "run", id: 1, job });
    for (let i = 0; i < 12_000 && !posted.some((m) => m.type === "progress" && m.progress.type === "evaluate"); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    send({ type: "cancel", id: 1 });
    expect(await end(1)).toEqual({ type: "cancelled", id: 1 });
    const done = posted.flatMap((m) => (m.type === "progress" && m.progress.type === "evaluate" ? [m.progress.done] : []));
    expect(done.length).toBeGreaterThan(0);
    expect(done.at(-1)).toBeLessThan(10_000);
  });
});
