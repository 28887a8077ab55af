import { errorText, loadMnist } from "../lib/data/fetch.ts";
import { totalBytes } from "../lib/data/manifest.ts";
import { summarizeMnist } from "../lib/data/summary.ts";
import type { DatasetRequest, DatasetResponse } from "./protocol.ts";

const post = (msg: DatasetResponse, transfer: Transferable[] = []): void => postMessage(msg, { transfer });
let running: AbortController | undefined;

addEventListener("message", (event: MessageEvent<DatasetRequest>) => {
  const msg = event.data;
  if (msg.type === "cancel") {
    running?.abort();
    return;
  }
  void load(msg.dataUrl, msg.samplesPerClass);
});

async function load(dataUrl: string, samplesPerClass: number): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const started = performance.now();
  try {
    const { mnist, manifest, received } = await loadMnist(dataUrl, {
      signal: controller.signal,
      onProgress: (p) => post({ type: "progress", ...p }),
    });
    const summary = summarizeMnist(mnist, samplesPerClass);
    post({ type: "loaded", summary, received, totalBytes: totalBytes(manifest), loadMs: performance.now() - started }, [
      summary.samples.pixels.buffer,
    ]);
  } catch (e) {
    if (controller.signal.aborted) post({ type: "cancelled" });
    else post({ type: "error", message: errorText(e) });
  } finally {
    if (running === controller) running = undefined;
  }
}
