import { loadMnist } from "../lib/data/fetch.ts";
import { totalBytes } from "../lib/data/manifest.ts";
import { summarizeMnist } from "../lib/data/summary.ts";
import { serveJobs, withTransfer } from "./job-host.ts";
import type { DatasetProtocol } from "./protocol.ts";

serveJobs<DatasetProtocol>({
  async run(job, context) {
    const { signal, store } = context;
    const progress = (p: Parameters<typeof context.progress>[0]): void => context.progress(p);
    const started = performance.now();
    const { mnist, manifest, received, reused } = await loadMnist(job.dataUrl, {
      signal,
      ...(store ? { store } : {}),
      onProgress: (p) => progress(p),
    });
    const summary = summarizeMnist(mnist, job.samplesPerClass);
    const result = { summary, received, reused, totalBytes: totalBytes(manifest), loadMs: performance.now() - started };
    return withTransfer(result, [summary.samples.pixels.buffer]);
  },
});
