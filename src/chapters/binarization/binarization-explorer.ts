import { lazy } from "../../client/lazy.ts";
import { islandDataUrl, required } from "../../client/dom.ts";
import { formatBytes, formatInt, formatSeconds } from "../../lib/format.ts";
import { describeBinarization, type Binarization } from "../../lib/stats/binarization.ts";
import { classMeanImages, intensityHistogram, intermediateShare, meanOnPixels, type PixelCounts } from "../../lib/stats/pixel-counts.ts";
import { binarizedTile, probabilityTile } from "../../lib/stats/tiles.ts";
import type { StatsResponse } from "../../workers/stats-protocol.ts";
import { bitsFromIntensity, formatPercent, formatPixels } from "./ch12-format.ts";
import { JobPanel } from "../../client/job-panel.ts";
import { replaceChart, showGray, StatsWorker, Throttle } from "./stats-client.ts";
import { ThresholdControls } from "./threshold-controls.ts";

const histogramChart = lazy(() => import("../../charts/intensity-histogram.ts"));

interface Loaded {
  train: PixelCounts;
  samples: Uint8Array;
  histogram: Float64Array;
}

/**
 * Chapter 1 live: loads MNIST in the stats worker, which returns the per-pixel count tables once; each threshold move
 * then recomputes the readouts on the main thread from the counts (a weighted sum, about a millisecond) and redraws.
 */
class BinarizationElement extends HTMLElement {
  private worker: StatsWorker | undefined;
  private panel: JobPanel | undefined;
  private controls: ThresholdControls | undefined;
  private loaded: Loaded | undefined;
  private frame = 0;
  private readonly charts = new Throttle(150, () => this.drawHistogram());

  connectedCallback(): void {
    const panel = new JobPanel(
      required(this, '[data-job="load"]'),
      "The numbers shown are still the ones computed when the page was built.",
    );
    this.panel = panel;
    this.worker = new StatsWorker((msg) => this.onResult(msg));
    this.worker.attach("load", panel);
    this.controls = new ThresholdControls(this, () => this.schedule());
    panel.run.addEventListener("click", () =>
      this.worker?.start(
        {
          type: "load",
          dataUrl: islandDataUrl(this),
          samples: Number(this.dataset["samples"]),
        },
        "Downloading the dataset in a background worker…",
      ),
    );
  }

  disconnectedCallback(): void {
    this.worker?.terminate();
    cancelAnimationFrame(this.frame);
    this.charts.cancel();
  }

  private onResult(msg: StatsResponse): void {
    if (msg.type !== "loaded") return;
    this.loaded = { train: msg.train, samples: msg.samples, histogram: intensityHistogram(msg.train) };
    const { train } = msg;
    this.set("intermediate", formatPercent(intermediateShare(train)));
    this.set("intensity-entropy", bitsFromIntensity(this.loaded.histogram));
    const means = classMeanImages(train);
    for (let y = 0; y < train.classes; y++) {
      this.set(`ink-${y}`, formatPixels(means.subarray(y * train.pixels, (y + 1) * train.pixels).reduce((s, v) => s + v, 0)));
    }
    showGray(
      required<HTMLImageElement>(this, '[data-img="means"]'),
      probabilityTile(means, train.classes, train.rows, train.cols, train.classes),
    );
    this.controls?.show();
    this.render();
    this.dataset["state"] = "loaded";
    this.panel?.done(
      `Loaded ${formatInt(train.images)} training images (${formatBytes(msg.received)} received) and counted them in ` +
        `${formatSeconds(msg.loadMs)} in your browser. Move the threshold: every number here is recomputed from the counts.`,
      "Load again",
    );
    if (this.panel) this.panel.run.hidden = true;
  }

  private schedule(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    const loaded = this.loaded;
    const b = this.controls?.current();
    if (!loaded || !b) return;
    const { train, samples } = loaded;
    const started = performance.now();
    const mean = meanOnPixels(train, b);
    this.set("mean-on", formatPixels(mean));
    this.set("on-share", formatPercent(mean / train.pixels));
    const label = describeBinarization(b);
    for (const el of this.querySelectorAll("[data-binarization-label]")) el.textContent = label;
    this.drawBinary(samples, train, b);
    // Exposed for the e2e timing check and for anyone curious how "instant" the slider is.
    this.dataset["renderMs"] = (performance.now() - started).toFixed(1);
    this.dataset["binarization"] = label;
    this.charts.request();
  }

  private drawHistogram(): void {
    const b = this.controls?.current();
    if (!this.loaded || !b) return;
    const histogram = this.loaded.histogram;
    void histogramChart(({ intensityHistogramChart }) =>
      replaceChart(
        required(this, '[data-chart="histogram"]'),
        intensityHistogramChart(histogram, { document, ...(b.kind === "threshold" ? { threshold: b.threshold } : {}) }),
      ),
    );
  }

  private drawBinary(samples: Uint8Array, train: PixelCounts, b: Binarization): void {
    const count = Number(this.dataset["samples"]);
    const perRow = Number(this.dataset["perRow"]);
    const img = required<HTMLImageElement>(this, '[data-img="binary"]');
    showGray(img, binarizedTile(samples, count, train.rows, train.cols, perRow, b, Number(this.dataset["seed"])));
    img.alt = `The same ${count} digits binarized (${describeBinarization(b)}): every pixel black or white.`;
  }

  private set(key: string, text: string): void {
    const el = required(this, `[data-value="${key}"]`);
    el.textContent = text;
  }
}

if (!customElements.get("mb-binarization")) customElements.define("mb-binarization", BinarizationElement);
