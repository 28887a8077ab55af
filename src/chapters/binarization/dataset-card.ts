import { tileDigits } from "../../lib/image/tile.ts";
import type { DatasetProtocol } from "../../workers/protocol.ts";
import { fileLabel, sizesText } from "../../client/data-sizes.ts";
import { islandDataSizes, islandDataUrl, required } from "../../client/dom.ts";
import { JobClient } from "../../client/job-client.ts";
import { JobPanel } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { datasetCardView, loadedStatus } from "./dataset-card-view.ts";
import type { DatasetSummary } from "../../lib/data/summary.ts";

/**
 * Enhances the build-time dataset card: loads MNIST in a worker of its own (so the chapter's explorer can load beside
 * it) and confirms every number in place. The page's store means the two islands download each file once.
 */
class DatasetCardElement extends HTMLElement {
  private readonly client = new JobClient<DatasetProtocol>(
    () => new Worker(new URL("../../workers/dataset.worker.ts", import.meta.url), { type: "module" }),
  );

  connectedCallback(): void {
    const panel = new JobPanel(this, {
      builtNote: "The numbers shown are still the ones computed when the page was built.",
      failure: "Could not load the dataset",
    });
    const job = { dataUrl: islandDataUrl(this), samplesPerClass: Number(this.dataset["samplesPerClass"] ?? 2) };
    const sizes = islandDataSizes(this);
    panel.run.addEventListener(
      "click",
      () =>
        void panel.start("Downloading the dataset in a background worker…", async (run) => {
          const loaded = await this.client.run(job, {
            signal: run.signal,
            onProgress: (p) => run.progress(p.fraction, `Downloading MNIST (${sizesText(sizes)})`, `now the ${fileLabel(p.file)}`),
          });
          const { mismatches } = patch(this, datasetCardView(loaded.summary), { confirm: true });
          this.drawSamples(loaded.summary);
          this.dataset["loadMs"] = String(Math.round(loaded.loadMs));
          return { text: loadedStatus({ ...loaded, mismatches }, sizes), again: "Load again" };
        }),
    );
  }

  disconnectedCallback(): void {
    this.client.terminate();
  }

  private drawSamples(summary: DatasetSummary): void {
    const canvas = required<HTMLCanvasElement>(this, "[data-samples-canvas]");
    const img = required<HTMLImageElement>(this, "[data-samples-img]");
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

export default DatasetCardElement;
