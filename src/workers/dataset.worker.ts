import { loadMnist } from "../lib/data/fetch.ts";
import { totalBytes } from "../lib/data/manifest.ts";
import { summarizeMnist } from "../lib/data/summary.ts";
import { serveJobs } from "./job-host.ts";
import type { DatasetRequest, DatasetResponse } from "./protocol.ts";

serveJobs<DatasetRequest, DatasetResponse>({
  async run(msg, signal, post) {
    const started = performance.now();
    const { mnist, manifest, received } = await loadMnist(msg.dataUrl, { signal, onProgress: (p) => post({ type: "progress", ...p }) });
    const summary = summarizeMnist(mnist, msg.samplesPerClass);
    post({ type: "loaded", summary, received, totalBytes: totalBytes(manifest), loadMs: performance.now() - started }, [
      summary.samples.pixels.buffer,
    ]);
  },
  cancelled: () => ({ type: "cancelled" }),
  failed: (_msg, message) => ({ type: "error", message }),
});
