import { lazy } from "../../client/lazy.ts";
import { islandDataUrl, required } from "../../client/dom.ts";
import { formatBytes, formatFixed, formatInt, formatSeconds } from "../../lib/format.ts";
import { describeBinarization, type Binarization } from "../../lib/stats/binarization.ts";
import { binarizationSummary, type BinarizationSummary } from "../../lib/stats/binarization-summary.ts";
import type { LadderInputs } from "../../lib/stats/bits-ladder.ts";
import { labelEntropy } from "../../lib/stats/labels.ts";
import type { PixelCounts } from "../../lib/stats/pixel-counts.ts";
import type { StatsResponse } from "../../workers/stats-protocol.ts";
import { formatBits } from "../binarization/ch12-format.ts";
import { LADDER_EVENT, STATS_COUNTS_EVENT } from "../binarization/ch12-events.ts";
import { labelQuantities, thresholdQuantities } from "./quantities.ts";
import { JobPanel } from "../../client/job-panel.ts";
import { replaceChart, StatsWorker, Throttle } from "../binarization/stats-client.ts";
import { DEFAULT_BINARIZATION } from "../binarization/stats-settings.ts";
import { ThresholdControls } from "../binarization/threshold-controls.ts";

const heatmapChart = lazy(() => import("../../charts/pixel-heatmap.ts"));

interface Loaded {
  train: PixelCounts;
  test: PixelCounts;
  classCounts: number[];
}
type ContextRung = NonNullable<LadderInputs["contextModel"]>;
type MixtureRung = NonNullable<LadderInputs["bernoulliMixture"]>;
/** A heavy result and the binarization it was computed for (it only joins the ladder while that one is selected). */
interface Tagged<T> {
  binarization: Binarization;
  value: T;
}

const same = (a: Binarization, b: Binarization): boolean => describeBinarization(a) === describeBinarization(b);
const BUILT_NOTE = "The numbers shown are still the last ones computed.";

/**
 * Chapter 2 live. The worker sends the count tables once; each threshold move recomputes binarizationSummary on the
 * main thread (about 5 ms: cheaper than a round trip that would copy 2 × 8 MB or keep the worker busy while a context
 * model runs) and redraws. The context model and EM run in the worker with progress and Cancel.
 */
class EntropyElement extends HTMLElement {
  private worker: StatsWorker | undefined;
  private loadPanel: JobPanel | undefined;
  private controls: ThresholdControls | undefined;
  private loaded: Loaded | undefined;
  private frame = 0;
  private context: Tagged<ContextRung> | undefined;
  private mixture: Tagged<MixtureRung> | undefined;
  private latest: BinarizationSummary | undefined;
  private readonly charts = new Throttle(150, () => this.drawCharts());

  connectedCallback(): void {
    const built = JSON.parse(this.dataset["builtContext"] ?? "[]") as ContextRung[];
    const best = built.at(-1);
    if (best) this.context = { binarization: DEFAULT_BINARIZATION, value: best };
    this.mixture = { binarization: DEFAULT_BINARIZATION, value: JSON.parse(this.dataset["builtEm"] ?? "{}") as MixtureRung };
    const load = new JobPanel(this.job("load"), "The numbers shown are still the ones computed when the page was built.");
    this.loadPanel = load;
    this.worker = new StatsWorker((msg) => this.onResult(msg));
    this.worker.attach("load", load);
    this.controls = new ThresholdControls(this, () => this.schedule());
    for (const job of ["context", "em"] as const) required(this.job(job), "[data-controls]").hidden = true;
    load.run.addEventListener("click", () =>
      this.worker?.start({ type: "load", dataUrl: islandDataUrl(this), samples: 0 }, "Downloading the dataset in a background worker…"),
    );
  }

  disconnectedCallback(): void {
    this.worker?.terminate();
    cancelAnimationFrame(this.frame);
    this.charts.cancel();
  }

  private job(name: string): HTMLElement {
    return required(this, `[data-job="${name}"]`);
  }

  private onResult(msg: StatsResponse): void {
    if (msg.type === "loaded") this.onLoaded(msg);
    else if (msg.type === "context-done") {
      for (const r of msg.results) {
        this.set(`context-${r.templateSize}`, formatBits(r.bitsPerImage));
        this.set(`context-seen-${r.templateSize}`, formatInt(r.contextsSeen));
      }
      required(this, "[data-context-label]").textContent = describeBinarization(msg.binarization);
      const best = msg.results.at(-1);
      if (best) this.context = { binarization: msg.binarization, value: best };
      this.panel("context").done(`Coded every training image in your browser in ${formatSeconds(msg.ms)}.`, "Run again");
      this.publishLadder();
    } else if (msg.type === "em-done") {
      const last = msg.history.at(-1);
      this.set("em-components", String(msg.components));
      this.set("em-train-images", formatInt(msg.trainImages));
      this.set("em-passes", `${msg.history.length}${msg.converged ? " (converged)" : ""}`);
      this.set("em-train", formatBits(last?.trainBitsPerImage ?? NaN));
      this.set("em-test", formatBits(msg.testBitsPerImage));
      this.mixture = {
        binarization: msg.binarization,
        value: { components: msg.components, trainImages: msg.trainImages, testBitsPerImage: msg.testBitsPerImage },
      };
      const seed = required<HTMLInputElement>(this, "[data-em-seed]").value;
      const panel = this.panel("em");
      panel.done(`Fitted in your browser in ${formatSeconds(msg.ms)}: `, "Fit again");
      const span = document.createElement("span");
      span.dataset["emLabel"] = "";
      span.textContent = `${describeBinarization(msg.binarization)}, K = ${msg.components}, seed ${seed}`;
      required(panel.el, "[data-status]").append(span, ".");
      this.publishLadder();
    }
  }

  private panels = new Map<string, JobPanel>();
  private panel(name: "context" | "em"): JobPanel {
    const p = this.panels.get(name);
    if (!p) throw new Error(`panel ${name} used before the data loaded`);
    return p;
  }

  private onLoaded(msg: Extract<StatsResponse, { type: "loaded" }>): void {
    this.loaded = { train: msg.train, test: msg.test, classCounts: msg.trainClassCounts };
    for (const q of labelQuantities(msg.trainClassCounts)) this.set(q.key, q.value);
    if (this.panels.size === 0) this.attachJobs();
    this.controls?.show();
    this.render();
    this.dataset["state"] = "loaded";
    const load = this.loadPanel;
    if (!load) return;
    load.done(
      `Loaded ${formatInt(msg.train.images + msg.test.images)} images (${formatBytes(msg.received)} received) and counted them in ` +
        `${formatSeconds(msg.loadMs)}. Move the threshold: the table is recomputed from the counts in your browser.`,
      "Load again",
    );
    load.run.hidden = true;
    document.dispatchEvent(new CustomEvent(STATS_COUNTS_EVENT, { detail: { train: msg.train, test: msg.test } }));
  }

  private attachJobs(): void {
    const seed = (): number => Number(this.dataset["seed"]);
    const context = new JobPanel(this.job("context"), BUILT_NOTE);
    this.panels.set("context", context);
    this.worker?.attach("context", context);
    context.run.addEventListener("click", () => {
      const b = this.current();
      this.worker?.start({ type: "context", binarization: b, seed: seed() }, `Coding the training images (${describeBinarization(b)})…`);
    });
    const em = new JobPanel(this.job("em"), BUILT_NOTE);
    this.panels.set("em", em);
    this.worker?.attach("em", em);
    em.run.addEventListener("click", () => {
      const b = this.current();
      const components = Number(required<HTMLSelectElement>(this, "[data-em-components]").value);
      const emSeed = Number(required<HTMLInputElement>(this, "[data-em-seed]").value);
      this.worker?.start(
        {
          type: "em",
          binarization: b,
          components,
          seed: Number.isInteger(emSeed) && emSeed >= 0 ? emSeed : seed(),
          maxIterations: Number(this.dataset["emMaxIterations"]),
        },
        `Fitting ${components} components (${describeBinarization(b)})…`,
      );
    });
  }

  private current(): Binarization {
    return this.controls?.current() ?? DEFAULT_BINARIZATION;
  }

  private schedule(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    if (!this.loaded) return;
    const { train, test } = this.loaded;
    const b = this.current();
    const started = performance.now();
    const s = binarizationSummary(train, test, b);
    for (const q of thresholdQuantities(s, train.pixels)) this.set(q.key, q.value);
    const label = describeBinarization(b);
    for (const el of this.querySelectorAll("[data-binarization-label]")) el.textContent = label;
    // Exposed for the e2e timing check and for anyone curious how "instant" the slider is.
    this.dataset["renderMs"] = (performance.now() - started).toFixed(1);
    this.dataset["binarization"] = label;
    this.latest = s;
    this.charts.request();
  }

  private drawCharts(): void {
    const s = this.latest;
    if (!s || !this.loaded) return;
    const { rows, cols } = this.loaded.train;
    const label = describeBinarization(s.binarization);
    void heatmapChart(({ pixelHeatmapChart }) =>
      replaceChart(
        required(this, '[data-chart="heatmap"]'),
        pixelHeatmapChart(s.onProbabilities, {
          document,
          rows,
          cols,
          label: `Probability that each pixel is on (${label}), over the training set`,
        }),
      ),
    );
    // The heatmap's table alternative goes with the chart: 784 formatted cells cost more than every number above.
    const cells = this.querySelectorAll('[data-table="heatmap"] tbody td');
    cells.forEach((td, i) => (td.textContent = formatFixed(s.onProbabilities[i] ?? 0, 2)));
    this.publishLadder(s);
  }

  private publishLadder(s = this.loaded ? binarizationSummary(this.loaded.train, this.loaded.test, this.current()) : undefined): void {
    if (!s || !this.loaded) return;
    const b = s.binarization;
    const inputs: LadderInputs = {
      binarization: b,
      pixelsPerImage: this.loaded.train.pixels,
      independentTrainEntropy: s.independentTrainEntropy,
      independentTestCodeLength: s.independentTestCodeLength,
      classConditionalTestGivenLabel: s.classConditionalTestGivenLabel,
      labelEntropy: labelEntropy(this.loaded.classCounts),
      classes: this.loaded.train.classes,
      ...(this.context && same(this.context.binarization, b) ? { contextModel: this.context.value } : {}),
      ...(this.mixture && same(this.mixture.binarization, b) ? { bernoulliMixture: this.mixture.value } : {}),
    };
    document.dispatchEvent(new CustomEvent(LADDER_EVENT, { detail: inputs }));
  }

  private set(key: string, text: string): void {
    required(this, `[data-value="${key}"]`).textContent = text;
  }
}

if (!customElements.get("mb-entropy")) customElements.define("mb-entropy", EntropyElement);
