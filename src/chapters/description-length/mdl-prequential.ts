import { bindCopyLink } from "../../client/copy-link.ts";
import { islandDataSizes, islandDataUrl, required } from "../../client/dom.ts";
import { pageWorker } from "../../client/job-client.ts";
import { JobPanel, type PanelRun } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { fillSettingsForm, saveSettingsToUrl, settingsFromForm, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import { formatInt } from "../../lib/format.ts";
import type { PrequentialBlock } from "../../lib/mdl/prequential.ts";
import type { PrequentialResult } from "../../workers/prequential-protocol.ts";
import { backendInWords } from "../../lib/train/backend-words.ts";
import type { TfEvent, TfProtocol } from "../../workers/tf-protocol.ts";
import { showTfLoading } from "./tf-loading.ts";
import { PREQUENTIAL_DEFAULTS, PREQUENTIAL_FIELDS, PREQUENTIAL_PREFIX, type PrequentialSettings } from "./prequential-settings.ts";
import { liveOutcome, liveView, referenceKey, type LiveRun, type Reference } from "./prequential-view.ts";

/** The page's one TensorFlow.js worker, shared with any other island that trains (tf-protocol.ts). */
const tfWorker = () =>
  pageWorker<TfProtocol>("tf", () => new Worker(new URL("../../workers/tf.worker.ts", import.meta.url), { type: "module" }));

/**
 * Enhances the build-time prequential card: computes the code of the chosen prefix in the page's TensorFlow.js
 * worker, fills the block table as each block is coded, and compares the total with the reference run for the same
 * setting. The setting lives in the URL (preq.arch, preq.n), so a reload or a shared link restores it.
 */
class MdlPrequentialElement extends HTMLElement {
  private references: Record<string, Reference> = {};
  private panel: JobPanel | undefined;

  connectedCallback(): void {
    this.references = JSON.parse(this.dataset["references"] ?? "{}") as Record<string, Reference>;
    const panel = new JobPanel(this, { builtNote: "The numbers shown are the reference run's.", failure: "Could not compute the code" });
    this.panel = panel;
    panel.run.addEventListener("click", () => void this.start(panel));
    this.form.addEventListener("change", () => {
      saveSettingsToUrl(PREQUENTIAL_PREFIX, PREQUENTIAL_FIELDS, this.settings());
      this.show({ settings: this.settings() });
    });
    const { config, errors } = settingsFromUrl(PREQUENTIAL_PREFIX, PREQUENTIAL_FIELDS, PREQUENTIAL_DEFAULTS);
    fillSettingsForm(this.form, PREQUENTIAL_FIELDS, config);
    showSettingErrors(required(this, "[data-url-error]"), errors, "url");
    this.show({ settings: config });
    bindCopyLink(this, () => {
      saveSettingsToUrl(PREQUENTIAL_PREFIX, PREQUENTIAL_FIELDS, this.settings());
      return location.href;
    });
  }

  disconnectedCallback(): void {
    this.panel?.abort();
  }

  private get form(): HTMLFormElement {
    return required<HTMLFormElement>(this, "form[data-settings]");
  }

  /** The form's setting; the form offers only valid choices, so it never falls back to a default here. */
  private settings(): PrequentialSettings {
    return settingsFromForm(this.form, PREQUENTIAL_FIELDS, PREQUENTIAL_DEFAULTS).config;
  }

  /** The live part for a setting: its reference run, or the browser's run once one is under way or done. */
  private show(state: { settings: PrequentialSettings; run?: LiveRun }): void {
    const reference = this.references[referenceKey(state.settings)];
    patch(this, liveView({ ...state, reference }));
    const finished = state.run?.result !== undefined;
    required(this, "[data-live-result]").hidden = !finished;
    required(this, "[data-live-result-per]").hidden = !finished;
    // Blocks coded by the run on show: what tests wait on before they cancel mid-run.
    if (state.run === undefined) delete this.dataset["blocks"];
    else this.dataset["blocks"] = String(state.run.blocks.length);
  }

  private async start(panel: JobPanel): Promise<void> {
    const settings = this.settings();
    saveSettingsToUrl(PREQUENTIAL_PREFIX, PREQUENTIAL_FIELDS, settings);
    await panel.start("Starting a background worker…", async (run) => {
      const blocks: PrequentialBlock[] = [];
      this.show({ settings, run: { blocks } });
      try {
        const result = await tfWorker().run(
          { dataUrl: islandDataUrl(this), backend: "wasm", task: { kind: "prequential", ...settings } },
          { signal: run.signal, onProgress: (e) => this.progress(run, e, settings, blocks) },
        );
        if (result.kind !== "prequential") throw new Error(`expected a prequential result, got ${result.kind}`);
        return this.finish(settings, result);
      } catch (e) {
        // Cancelled or failed: nothing of the run stays on the page, the reference run of the setting comes back.
        this.show({ settings });
        throw e;
      }
    });
  }

  private progress(run: PanelRun, e: TfEvent, settings: PrequentialSettings, blocks: PrequentialBlock[]): void {
    if (showTfLoading(run, e, islandDataSizes(this))) return;
    switch (e.type) {
      case "backend":
        run.progress(0, `TensorFlow.js on ${backendInWords(e.choice)}; coding block 1`);
        break;
      case "training":
        run.progress(e.fraction, `Training on the first ${formatInt(e.trainSize)} labels`);
        break;
      case "block":
        blocks.push(e.block);
        this.show({ settings, run: { blocks } });
        break;
      default:
        break;
    }
  }

  private finish(settings: PrequentialSettings, result: PrequentialResult): { text: string; again: string } {
    this.show({ settings, run: { blocks: result.blocks, result } });
    const outcome = liveOutcome(this.references[referenceKey(settings)], result.totalBits, result.seconds);
    this.dataset["match"] = outcome.match ? "yes" : "no";
    return { text: outcome.text, again: "Compute again" };
  }
}

export default MdlPrequentialElement;
