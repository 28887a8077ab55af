import { bindCopyLink } from "../../client/copy-link.ts";
import { islandDataSizes, islandDataUrl, required } from "../../client/dom.ts";
import { DownloadRow } from "../../client/download-row.ts";
import { pageWorker } from "../../client/job-client.ts";
import { JobPanel, type PanelRun } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { fillSettingsForm, saveSettingsToUrl, settingsFromForm, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import { sha256Hex } from "../../lib/data/hash.ts";
import { formatBytes, formatInt } from "../../lib/format.ts";
import type { LabelBlockCost } from "../../lib/mdl/label-code.ts";
import type { LiveLabelCode } from "../../lib/mdl/label-code-results.ts";
import type { LabelCodeResult } from "../../workers/prequential-protocol.ts";
import { backendInWords } from "../../lib/train/backend-words.ts";
import type { TfEvent, TfProtocol } from "../../workers/tf-protocol.ts";
import { showTfLoading } from "./tf-loading.ts";
import { LABEL_CODE_DEFAULTS, LABEL_CODE_FIELDS, LABEL_CODE_PREFIX, type LabelCodeSettings } from "./label-code-settings.ts";
import { liveLabelOutcome, liveLabelView, type LiveLabelRun } from "./label-code-view.ts";

/** The page's one TensorFlow.js worker, shared with the other islands that train (tf-protocol.ts). */
const tfWorker = () =>
  pageWorker<TfProtocol>("tf", () => new Worker(new URL("../../workers/tf.worker.ts", import.meta.url), { type: "module" }));

/**
 * Enhances the build-time label-code card: encodes the first n labels in the page's TensorFlow.js worker, decodes the
 * stream back by retraining every model from the decoded labels, shows the stream's length and the count of labels
 * that came back equal, and offers the stream as a download. The setting lives in the URL (labels.n).
 */
class MdlLabelCodeElement extends HTMLElement {
  private references: Record<string, LiveLabelCode> = {};
  private panel: JobPanel | undefined;
  private download: DownloadRow | undefined;

  connectedCallback(): void {
    this.references = JSON.parse(this.dataset["references"] ?? "{}") as Record<string, LiveLabelCode>;
    this.download = new DownloadRow(required(this, "[data-live-download-row]"));
    const panel = new JobPanel(this, { builtNote: "The numbers shown are the reference run's.", failure: "Could not code the labels" });
    this.panel = panel;
    panel.run.addEventListener("click", () => void this.start(panel));
    this.form.addEventListener("change", () => {
      saveSettingsToUrl(LABEL_CODE_PREFIX, LABEL_CODE_FIELDS, this.settings());
      this.show(this.settings());
    });
    const { config, errors } = settingsFromUrl(LABEL_CODE_PREFIX, LABEL_CODE_FIELDS, LABEL_CODE_DEFAULTS);
    fillSettingsForm(this.form, LABEL_CODE_FIELDS, config);
    showSettingErrors(required(this, "[data-url-error]"), errors, "url");
    this.show(config);
    bindCopyLink(this, () => {
      saveSettingsToUrl(LABEL_CODE_PREFIX, LABEL_CODE_FIELDS, this.settings());
      return location.href;
    });
  }

  disconnectedCallback(): void {
    this.panel?.abort();
    this.download?.forget();
  }

  private get form(): HTMLFormElement {
    return required<HTMLFormElement>(this, "form[data-settings]");
  }

  private settings(): LabelCodeSettings {
    return settingsFromForm(this.form, LABEL_CODE_FIELDS, LABEL_CODE_DEFAULTS).config;
  }

  private show(settings: LabelCodeSettings, run?: LiveLabelRun): void {
    patch(this, liveLabelView({ n: settings.n, reference: this.references[String(settings.n)], ...(run ? { run } : {}) }));
    const done = run?.result !== undefined;
    for (const el of this.querySelectorAll<HTMLElement>("[data-live-result]")) el.hidden = !done;
    if (!done) this.download?.forget();
    if (run === undefined) delete this.dataset["blocks"];
    else this.dataset["blocks"] = String(run.blocks.length);
  }

  private async start(panel: JobPanel): Promise<void> {
    const settings = this.settings();
    saveSettingsToUrl(LABEL_CODE_PREFIX, LABEL_CODE_FIELDS, settings);
    delete this.dataset["match"];
    await panel.start("Starting a background worker…", async (run) => {
      const blocks: LabelBlockCost[] = [];
      this.show(settings, { phase: "encode", blocks });
      try {
        const result = await tfWorker().run(
          { dataUrl: islandDataUrl(this), backend: "wasm", task: { kind: "label-code", n: settings.n } },
          { signal: run.signal, onProgress: (e) => this.progress(run, e, settings, blocks) },
        );
        if (result.kind !== "label-code") throw new Error(`expected a label-code result, got ${result.kind}`);
        return await this.finish(settings, result);
      } catch (e) {
        // Cancelled or failed: nothing of the run stays on the page, the reference run comes back.
        this.show(settings);
        throw e;
      }
    });
  }

  private progress(run: PanelRun, e: TfEvent, settings: LabelCodeSettings, blocks: LabelBlockCost[]): void {
    if (showTfLoading(run, e, islandDataSizes(this))) return;
    switch (e.type) {
      case "backend":
        run.progress(0, `TensorFlow.js on ${backendInWords(e.choice)}; encoding`);
        break;
      case "label-training":
        run.status(`${e.phase === "encode" ? "Encoding" : "Decoding"}: training on the first ${formatInt(e.trainSize)} labels`);
        break;
      case "label-block":
        // Encoding is the first half of the work, decoding the second.
        run.progress(
          (e.phase === "encode" ? 0 : 0.5) + e.blocksDone / e.blocks / 2,
          `${e.phase === "encode" ? "Encoded" : "Decoded"} block ${e.blocksDone} of ${e.blocks}`,
        );
        if (e.phase === "encode") {
          blocks.push(e.block);
          this.show(settings, { phase: "encode", blocks });
        } else if (e.blocksDone === 1) {
          this.show(settings, { phase: "decode", blocks });
        }
        break;
      default:
        break;
    }
  }

  private async finish(settings: LabelCodeSettings, r: LabelCodeResult): Promise<{ text: string; again: string }> {
    const summary = {
      bitLength: r.bitLength,
      idealBits: r.idealBits,
      decodedEqual: r.decodedEqual,
      encodeSeconds: r.encodeSeconds,
      decodeSeconds: r.decodeSeconds,
    };
    this.show(settings, { phase: "done", blocks: r.blocks, result: summary });
    const sha = await sha256Hex(r.bytes);
    this.download?.offer(r.bytes as Uint8Array<ArrayBuffer>, {
      type: "application/octet-stream",
      fileName: `mnist-labels-first-${settings.n}.bin`,
      marker: "liveDownload",
      label: (bytes) => `Download this stream (${formatBytes(bytes)})`,
    });
    const outcome = liveLabelOutcome(settings.n, this.references[String(settings.n)], summary, sha);
    this.dataset["match"] = outcome.match ? "yes" : "no";
    this.dataset["decoded"] = String(r.decodedEqual);
    return { text: outcome.text, again: "Encode again" };
  }
}

export default MdlLabelCodeElement;
