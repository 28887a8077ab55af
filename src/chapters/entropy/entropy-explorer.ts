import { lazy } from "../../client/lazy.ts";
import { bindCopyLink } from "../../client/copy-link.ts";
import { islandDataUrl, required } from "../../client/dom.ts";
import { JobPanel } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { saveSettingsToUrl, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import { formatSeconds } from "../../lib/format.ts";
import { readSettings } from "../../lib/settings.ts";
import { describeBinarization, sameBinarization, type Binarization } from "../../lib/stats/binarization.ts";
import { binarizationSummary, type BinarizationSummary } from "../../lib/stats/binarization-summary.ts";
import type { LadderInputs } from "../../lib/stats/bits-ladder.ts";
import { labelEntropy } from "../../lib/stats/labels.ts";
import type { PixelCounts } from "../../lib/stats/pixel-counts.ts";
import { resultOf } from "../../workers/stats-protocol.ts";
import { attachLoadPanel, replaceChart, statsWorker, Throttle } from "../binarization/stats-client.ts";
import { DEFAULT_BINARIZATION, EM_FIELDS, EM_PREFIX, EM_SETTING_DEFAULTS, type EmSetting } from "../binarization/stats-settings.ts";
import { ThresholdControls } from "../binarization/threshold-controls.ts";
import { liveCounts, liveLadder } from "./channel.ts";
import { contextView, emLabel, emView, heatmapLabel, heatmapView, loadedStatus, summaryView } from "./entropy-view.ts";
import { labelQuantities } from "./quantities.ts";

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

const BUILT_NOTE = "The numbers shown are still the last ones computed.";

/**
 * Chapter 2 live. The worker sends the count tables once; each threshold move recomputes binarizationSummary on the
 * main thread (about 5 ms: cheaper than a round trip that would copy 2 × 8 MB or keep the worker busy while a context
 * model runs) and redraws. The context model and EM run in the worker with progress and Cancel.
 */
class EntropyElement extends HTMLElement {
  private readonly worker = statsWorker();
  private controls: ThresholdControls | undefined;
  private loaded: Loaded | undefined;
  private context: Tagged<ContextRung> | undefined;
  private mixture: Tagged<MixtureRung> | undefined;
  private frame = 0;
  private latest: BinarizationSummary | undefined;
  private readonly charts = new Throttle(150, () => this.drawCharts());

  connectedCallback(): void {
    const built = JSON.parse(this.dataset["builtContext"] ?? "[]") as ContextRung[];
    const best = built.at(-1);
    if (best) this.context = { binarization: DEFAULT_BINARIZATION, value: best };
    this.mixture = { binarization: DEFAULT_BINARIZATION, value: JSON.parse(this.dataset["builtEm"] ?? "{}") as MixtureRung };
    attachLoadPanel(this, 0, (msg, sizes) => {
      this.onLoaded(msg.train, msg.test, msg.trainClassCounts);
      return loadedStatus(msg, sizes);
    });
    const controls = new ThresholdControls(this, () => this.schedule());
    this.controls = controls;
    this.restoreEm();
    // One link for the island: the binarization and the EM setting both travel in it.
    bindCopyLink(this, () => {
      controls.save();
      saveSettingsToUrl(EM_PREFIX, EM_FIELDS, this.emSetting());
      return location.href;
    });
  }

  disconnectedCallback(): void {
    cancelAnimationFrame(this.frame);
    this.charts.cancel();
  }

  private job(name: "load" | "context" | "em"): HTMLElement {
    return required(this, `[data-job="${name}"]`);
  }

  private onLoaded(train: PixelCounts, test: PixelCounts, classCounts: number[]): void {
    const first = this.loaded === undefined;
    this.loaded = { train, test, classCounts };
    patch(this, labelQuantities(classCounts));
    if (first) this.attachJobs();
    this.controls?.show();
    this.render();
    this.dataset["state"] = "loaded";
    liveCounts.publish({ train, test });
  }

  private attachJobs(): void {
    const seed = Number(this.dataset["seed"]);
    const dataUrl = islandDataUrl(this);
    const context = new JobPanel(this.job("context"), BUILT_NOTE);
    context.run.addEventListener("click", () => {
      const b = this.current();
      void context.start(`Coding the training images (${describeBinarization(b)})…`, async (run) => {
        const job = { type: "context", dataUrl, binarization: b, seed } as const;
        const done = resultOf(
          await this.worker.run(job, { signal: run.signal, onProgress: (p) => run.progress(p.fraction, p.detail) }),
          "context",
        );
        patch(this, contextView(done.results, done.binarization));
        const last = done.results.at(-1);
        if (last) this.context = { binarization: done.binarization, value: last };
        this.publishLadder();
        return { text: `Coded every training image in your browser in ${formatSeconds(done.ms)}.`, again: "Run again" };
      });
    });
    const em = new JobPanel(this.job("em"), BUILT_NOTE);
    em.run.addEventListener("click", () => {
      const b = this.current();
      const setting = this.emSetting();
      saveSettingsToUrl(EM_PREFIX, EM_FIELDS, setting);
      void em.start(`Fitting ${setting.components} components (${describeBinarization(b)})…`, async (run) => {
        const job = {
          type: "em",
          dataUrl,
          binarization: b,
          components: setting.components,
          seed: setting.seed,
          maxIterations: Number(this.dataset["emMaxIterations"]),
        } as const;
        const fit = resultOf(
          await this.worker.run(job, { signal: run.signal, onProgress: (p) => run.progress(p.fraction, p.detail) }),
          "em",
        );
        patch(this, emView(fit));
        this.mixture = { binarization: fit.binarization, value: fit };
        this.publishLadder();
        return {
          text: `Fitted in your browser in ${formatSeconds(fit.ms)}: ${emLabel(fit.binarization, fit.components, fit.seed)}.`,
          again: "Fit again",
        };
      });
    });
  }

  /** The EM setting from the address bar into its inputs; written back whenever the reader changes one. */
  private restoreEm(): void {
    const { config, errors } = settingsFromUrl(EM_PREFIX, EM_FIELDS, EM_SETTING_DEFAULTS);
    showSettingErrors(required(this, '[data-url-error="em"]'), errors, "url");
    const { components, seed } = this.emInputs();
    components.value = String(config.components);
    seed.value = String(config.seed);
    for (const input of [components, seed])
      input.addEventListener("change", () => saveSettingsToUrl(EM_PREFIX, EM_FIELDS, this.emSetting()));
  }

  private emInputs(): { components: HTMLSelectElement; seed: HTMLInputElement } {
    return {
      components: required<HTMLSelectElement>(this, "[data-em-components]"),
      seed: required<HTMLInputElement>(this, "[data-em-seed]"),
    };
  }

  /** What the inputs say, through the same field table as the address bar (a value it rejects falls back to its default). */
  private emSetting(): EmSetting {
    const { components, seed } = this.emInputs();
    const params = new URLSearchParams({ [EM_FIELDS.components.key]: components.value, [EM_FIELDS.seed.key]: seed.value.trim() });
    return readSettings(params, "", EM_FIELDS, EM_SETTING_DEFAULTS).config;
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
    const started = performance.now();
    const s = binarizationSummary(train, test, this.current());
    const view = summaryView(s);
    patch(this, view);
    // Exposed for the e2e timing check and for anyone curious how "instant" the slider is.
    this.dataset["renderMs"] = (performance.now() - started).toFixed(1);
    this.dataset["binarization"] = view.values.binarization;
    this.latest = s;
    this.charts.request();
  }

  private drawCharts(): void {
    const s = this.latest;
    if (!s || !this.loaded) return;
    const { rows, cols } = this.loaded.train;
    void heatmapChart(({ pixelHeatmapChart }) =>
      replaceChart(
        required(this, '[data-chart="heatmap"]'),
        pixelHeatmapChart(s.onProbabilities, { document, rows, cols, label: heatmapLabel(s.binarization) }),
      ),
    );
    // The heatmap's table alternative goes with the chart: 784 formatted cells cost more than every number above.
    patch(this, heatmapView(s.onProbabilities, rows, cols));
    this.publishLadder(s);
  }

  private publishLadder(s = this.loaded ? binarizationSummary(this.loaded.train, this.loaded.test, this.current()) : undefined): void {
    if (!s || !this.loaded) return;
    const b = s.binarization;
    liveLadder.publish({
      binarization: b,
      pixelsPerImage: this.loaded.train.pixels,
      independentTrainEntropy: s.independentTrainEntropy,
      independentTestCodeLength: s.independentTestCodeLength,
      classConditionalTestGivenLabel: s.classConditionalTestGivenLabel,
      labelEntropy: labelEntropy(this.loaded.classCounts),
      classes: this.loaded.train.classes,
      ...(this.context && sameBinarization(this.context.binarization, b) ? { contextModel: this.context.value } : {}),
      ...(this.mixture && sameBinarization(this.mixture.binarization, b) ? { bernoulliMixture: this.mixture.value } : {}),
    });
  }
}

export default EntropyElement;
