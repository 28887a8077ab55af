import type { DatasetSummary } from "../../lib/data/summary.ts";
import { formatBytes, formatInt, formatSeconds } from "../../lib/format.ts";
import { tileDigits } from "../../lib/image/tile.ts";
import type { DatasetRequest, DatasetResponse } from "../../workers/protocol.ts";
import { islandDataUrl, required } from "../../client/dom.ts";
import { JobPanel } from "../../client/job-panel.ts";
import type { WorkerClient } from "../../client/worker-client.ts";
import { startWorkerJob } from "../../client/worker-job.ts";

/** Enhances the build-time dataset card: loads MNIST in a worker and confirms every number in place. */
class DatasetCardElement extends HTMLElement {
  private client: WorkerClient<DatasetRequest, DatasetResponse> | undefined;
  private panel: JobPanel | undefined;

  connectedCallback(): void {
    const panel = new JobPanel(this, "The numbers shown are still the ones computed when the page was built.");
    this.panel = panel;
    panel.run.addEventListener("click", () => this.load(panel));
    panel.onCancel(() => this.client?.post({ type: "cancel" }));
  }

  disconnectedCallback(): void {
    this.client?.terminate();
  }

  private el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return required<T>(this, selector);
  }

  private load(panel: JobPanel): void {
    panel.begin("Downloading the dataset in a background worker…");
    this.client?.terminate();
    this.client = startWorkerJob<DatasetRequest, DatasetResponse>(
      {
        panel,
        worker: () => new Worker(new URL("../../workers/dataset.worker.ts", import.meta.url), { type: "module" }),
        failure: "Could not load the dataset",
        onMessage: (msg) => {
          if (msg.type === "progress") panel.progress(msg.fraction, `Downloading ${msg.file} (${formatBytes(msg.received)} received)`);
          else this.showLoaded(msg.summary, msg.received, msg.loadMs);
        },
      },
      { type: "load", dataUrl: islandDataUrl(this), samplesPerClass: Number(this.dataset["samplesPerClass"] ?? 2) },
    );
  }

  private showLoaded(summary: DatasetSummary, received: number, loadMs: number): void {
    let mismatches = 0;
    const confirm = (cell: string, value: number): void => {
      const td = this.el(`[data-cell="${cell}"]`);
      const built = td.textContent?.trim();
      const live = formatInt(value);
      if (built !== live) mismatches++;
      td.textContent = live;
      td.dataset["confirmed"] = built === live ? "yes" : "no";
    };
    summary.train.classCounts.forEach((n, d) => confirm(`train-${d}`, n));
    summary.test.classCounts.forEach((n, d) => confirm(`test-${d}`, n));
    confirm("train-total", summary.train.count);
    confirm("test-total", summary.test.count);
    this.drawSamples(summary);
    const total = summary.train.count + summary.test.count;
    this.dataset["loadMs"] = String(Math.round(loadMs));
    this.panel?.done(
      `Loaded and verified all ${formatInt(total)} images (${formatBytes(received)} downloaded) in ${formatSeconds(loadMs)} in your browser. ` +
        (mismatches === 0
          ? "Every count matches the one computed at build time."
          : `${mismatches} counts differ from the build: the files served are not the ones the page was built from.`),
      "Load again",
    );
  }

  private drawSamples(summary: DatasetSummary): void {
    const canvas = this.el<HTMLCanvasElement>("[data-samples-canvas]");
    const img = this.el<HTMLImageElement>("[data-samples-img]");
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const tile = tileDigits(
      summary.samples.pixels,
      summary.samples.indices.length,
      summary.rows,
      summary.cols,
      Number(this.dataset["perRow"] ?? 10),
    );
    const rgba = new ImageData(tile.width, tile.height);
    tile.gray.forEach((g, i) => rgba.data.set([g, g, g, 255], i * 4));
    ctx.putImageData(rgba, 0, 0);
    canvas.style.width = `${img.width}px`;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", img.alt + " Drawn from the data loaded in your browser.");
    canvas.removeAttribute("aria-hidden");
    canvas.hidden = false;
    img.hidden = true;
  }
}

if (!customElements.get("mb-dataset-card")) customElements.define("mb-dataset-card", DatasetCardElement);
