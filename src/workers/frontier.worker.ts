import { DataLoadError, fetchDataFile, fetchManifest, type DataStore } from "../lib/data/fetch.ts";
import { IdxError } from "../lib/data/idx.ts";
import { MNIST_FILES, makeSplit, type Split } from "../lib/data/mnist.ts";
import { classify } from "../lib/frontier/forward.ts";
import { networkOf } from "../lib/frontier/model-file.ts";
import { SIDE, paramCount } from "../lib/frontier/net.ts";
import { loadModelFile, scorePredictions } from "../lib/frontier/verify.ts";
import { createSlicer } from "../lib/stats/progress.ts";
import type { FrontierJob, FrontierProgress, FrontierProtocol, FrontierVerified } from "./frontier-protocol.ts";
import { serveJobs, withTransfer, type JobContext } from "./job-host.ts";

/**
 * Chapter 5's verifier: downloads the served model file, refuses it unless it is byte for byte the file the build
 * recorded, decodes it, and classifies MNIST's 10,000 test images with the pure-JS forward pass, in slices so that
 * Cancel is heard between them. Nothing computed from a file that failed a check leaves the worker.
 */
type Context = JobContext<FrontierProgress>;

/** Images classified per call to `classify`; the slicer yields to the event loop (Cancel) every 30 ms or so. */
const CHUNK = 16;

/** The test split this worker has loaded and verified, kept for the next run of the same page. */
let held: { dataUrl: string; test: Split } | undefined;

serveJobs<FrontierProtocol>({
  run: (job, context) => verify(job, context),
});

async function verify(job: FrontierJob, context: Context) {
  const { signal } = context;
  const { bytes, model, downloadMs, decodeMs } = await loadModelFile(job.modelUrl, job.expected, signal);
  const net = networkOf(model);
  const t2 = performance.now();
  signal.throwIfAborted();
  context.progress({ type: "model", bytes: bytes.length });

  const { test, received, reused } = await testSplit(job.dataUrl, context);
  const t3 = performance.now();

  const n = test.count;
  const predicted = new Uint8Array(n);
  const slicer = createSlicer({ signal });
  for (let i = 0; i < n; i += CHUNK) {
    const end = Math.min(n, i + CHUNK);
    predicted.set(classify(net, test.pixels, i, end).predicted, i);
    if (slicer.due()) {
      context.progress({ type: "evaluate", done: end, total: n });
      await slicer.pause(end / n);
    }
  }
  slicer.finish();
  const t4 = performance.now();

  const score = scorePredictions(predicted, test.labels);
  const size = SIDE * SIDE;
  const shown = score.misclassified.slice(0, Math.max(0, job.pixelsFor));
  const misclassifiedPixels = new Uint8Array(shown.length * size);
  shown.forEach((m, k) => misclassifiedPixels.set(test.pixels.subarray(m.index * size, (m.index + 1) * size), k * size));
  const result: FrontierVerified = {
    type: "verify",
    ...score,
    spec: model.spec,
    params: paramCount(model.spec),
    modelBytes: bytes.length,
    received,
    reused,
    misclassifiedPixels,
    timings: { downloadMs, decodeMs, dataMs: t3 - t2, evaluateMs: t4 - t3 },
  };
  return withTransfer(result, [misclassifiedPixels.buffer]);
}

/** MNIST's test images and labels, verified against the manifest: from this worker, the page's store or the network. */
async function testSplit(dataUrl: string, context: Context): Promise<{ test: Split; received: number; reused: number }> {
  if (held?.dataUrl === dataUrl) return { test: held.test, received: 0, reused: 0 };
  held = undefined;
  const { signal, store } = context;
  const manifest = await fetchManifest(dataUrl, { signal });
  const images = manifest.files.testImages;
  const labels = manifest.files.testLabels;
  // As loadMnist weighs its files: by decoded size, each file's fraction from the total its download reports (the
  // stored size, or the decoded one where the server sent Content-Encoding and the browser inflated the body).
  const weight = images.decodedBytes + labels.decodedBytes;
  const fractionBy = { images: 0, labels: 0 };
  const receivedBy = { images: 0, labels: 0 };
  const reusedBy = { images: 0, labels: 0 };
  const report = (file: string): void => {
    const fraction = (fractionBy.images * images.decodedBytes + fractionBy.labels * labels.decodedBytes) / weight;
    const received = receivedBy.images + receivedBy.labels;
    const reused = reusedBy.images + reusedBy.labels;
    context.progress({ type: "data", fraction, file, received, reused });
  };
  // As loadMnist does: the first failure stops the other download, and the load ends only once both have settled
  // (a file already verified may still be being written to the page's store).
  const siblings = new AbortController();
  signal.addEventListener("abort", () => siblings.abort(signal.reason), { once: true });
  const options = { signal: siblings.signal, ...(store === undefined ? {} : { store: store satisfies DataStore }) };
  let failure: { error: unknown } | undefined;
  const load = async (key: "images" | "labels", entry: typeof images): Promise<Uint8Array> => {
    try {
      return await fetchDataFile(
        dataUrl,
        entry,
        (r, total) => {
          receivedBy[key] = r;
          fractionBy[key] = Math.min(1, r / total);
          report(entry.path);
        },
        options,
        (b) => {
          reusedBy[key] = b;
          fractionBy[key] = 1;
          report(entry.path);
        },
      );
    } catch (e) {
      failure ??= { error: e };
      siblings.abort();
      throw e;
    }
  };
  const [imageBytes, labelBytes] = await Promise.allSettled([load("images", images), load("labels", labels)]);
  if (failure !== undefined) throw failure.error;
  if (imageBytes.status !== "fulfilled" || labelBytes.status !== "fulfilled") throw new Error("the test files did not load");
  let test: Split;
  try {
    test = makeSplit(imageBytes.value, labelBytes.value, MNIST_FILES.testImages, MNIST_FILES.testLabels);
  } catch (e) {
    if (!(e instanceof IdxError)) throw e;
    // The parser names the original file; the reader knows the served one.
    const served = e.file === MNIST_FILES.testLabels ? labels.path : images.path;
    throw new DataLoadError(
      served,
      `passed the integrity check but is not a valid MNIST IDX file (${e.message.replace(`${e.file}: `, "")})`,
    );
  }
  held = { dataUrl, test };
  return { test, received: receivedBy.images + receivedBy.labels, reused: reusedBy.images + reusedBy.labels };
}
