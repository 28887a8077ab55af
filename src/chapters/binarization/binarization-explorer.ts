import { chartWidth } from "../../client/chart-width.ts";
import { lazy } from "../../client/lazy.ts";
import { bindCopyLink } from "../../client/copy-link.ts";
import { required } from "../../client/dom.ts";
import { patch } from "../../client/patch.ts";
import type { Binarization } from "../../lib/stats/binarization.ts";
import { classMeanImages, intensityHistogram, type PixelCounts } from "../../lib/stats/pixel-counts.ts";
import { binarizedTile, probabilityTile } from "../../lib/stats/tiles.ts";
import { binaryAlt, countsView, loadedStatus, thresholdView } from "./binarization-view.ts";
import { attachLoadPanel, replaceChart, showGray, Throttle } from "./stats-client.ts";
import { ThresholdControls } from "./threshold-controls.ts";

const histogramChart = lazy(() => import("../../charts/intensity-histogram.ts"));

interface Loaded {
  train: PixelCounts;
  samples: Uint8Array;
  histogram: Float64Array;
}

/**
 * Chapter 1 live: loads MNIST in the page's stats worker, which returns the per-pixel count tables once; each threshold
 * move then recomputes the readouts on the main thread from the counts (a weighted sum, about a millisecond) and redraws.
 */
class BinarizationElement extends HTMLElement {
  private controls: ThresholdControls | undefined;
  private loaded: Loaded | undefined;
  private frame = 0;
  private readonly charts = new Throttle(150, () => this.drawHistogram());

  connectedCallback(): void {
    attachLoadPanel(this, Number(this.dataset["samples"]), (loaded, sizes) => {
      this.show(loaded.train, loaded.samples);
      return loadedStatus(loaded, sizes);
    });
    const controls = new ThresholdControls(this, () => this.schedule());
    this.controls = controls;
    bindCopyLink(this, () => {
      controls.save();
      return location.href;
    });
  }

  disconnectedCallback(): void {
    cancelAnimationFrame(this.frame);
    this.charts.cancel();
  }

  private show(train: PixelCounts, samples: Uint8Array): void {
    const histogram = intensityHistogram(train);
    this.loaded = { train, samples, histogram };
    patch(this, countsView(train, histogram));
    showGray(
      required<HTMLImageElement>(this, '[data-img="means"]'),
      probabilityTile(classMeanImages(train), train.classes, train.rows, train.cols, train.classes),
    );
    this.controls?.show();
    this.render();
    this.dataset["state"] = "loaded";
  }

  private schedule(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    const loaded = this.loaded;
    const b = this.controls?.current();
    if (!loaded || !b) return;
    const started = performance.now();
    const view = thresholdView(loaded.train, b);
    patch(this, view);
    this.drawBinary(loaded.samples, loaded.train, b);
    // Exposed for the e2e timing check and for anyone curious how "instant" the slider is.
    this.dataset["renderMs"] = (performance.now() - started).toFixed(1);
    this.dataset["binarization"] = view.values.binarization;
    this.charts.request();
  }

  private drawHistogram(): void {
    const b = this.controls?.current();
    if (!this.loaded || !b) return;
    const histogram = this.loaded.histogram;
    void histogramChart(({ intensityHistogramChart }) =>
      replaceChart(
        required(this, '[data-chart="histogram"]'),
        intensityHistogramChart(histogram, {
          document,
          width: chartWidth(this.querySelector('[data-chart="histogram"]')),
          ...(b.kind === "threshold" ? { threshold: b.threshold } : {}),
        }),
      ),
    );
  }

  private drawBinary(samples: Uint8Array, train: PixelCounts, b: Binarization): void {
    const count = Number(this.dataset["samples"]);
    const perRow = Number(this.dataset["perRow"]);
    const img = required<HTMLImageElement>(this, '[data-img="binary"]');
    showGray(img, binarizedTile(samples, count, train.rows, train.cols, perRow, b, Number(this.dataset["seed"])));
    img.alt = binaryAlt(count, b);
  }
}

export default BinarizationElement;
