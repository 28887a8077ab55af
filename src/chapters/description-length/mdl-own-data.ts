import type { DatasetsChartData } from "../../charts/datasets.ts";
import { chartWidth } from "../../client/chart-width.ts";
import { bindCopyLink } from "../../client/copy-link.ts";
import { required } from "../../client/dom.ts";
import { DownloadRow } from "../../client/download-row.ts";
import { pageWorker } from "../../client/job-client.ts";
import { JobPanel, type PanelRun } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { fillSettingsForm, saveSettingsToUrl, settingsFromForm, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import type { OwnBudget } from "../../lib/datasets/own-budget.ts";
import { checkStoredSize, type OwnFile, type OwnFileRole } from "../../lib/datasets/own-files.ts";
import { formatBytes, formatFixed } from "../../lib/format.ts";
import type { OwnChecked, OwnDataMeasured, OwnDataResult } from "../../workers/own-data-protocol.ts";
import type { TfEvent, TfProtocol } from "../../workers/tf-protocol.ts";
import { OWN_DEFAULTS, OWN_FIELDS, OWN_PREFIX } from "./own-data-settings.ts";
import { ownChoice, ownDataJson, ownDataView, ownPanels, roleForName, type PickedFile } from "./own-data-view.ts";

const tfWorker = () =>
  pageWorker<TfProtocol>("tf", () => new Worker(new URL("../../workers/tf.worker.ts", import.meta.url), { type: "module" }));

const STEP_NAMES = { images: "Image codes", labels: "Label code", models: "Model search" } as const;
/** How much of a run each step takes, roughly, for one progress bar across the three. */
const STEP_SPAN = { images: [0, 0.05], labels: [0.05, 0.4], models: [0.4, 1] } as const;

/**
 * Enhances the own-data card: files chosen or dropped are checked at once in the page's TensorFlow.js worker (so a bad
 * file is named before anything runs), the Measure button runs the three measurements at the budget in the form (and
 * the URL, own.*), and the result becomes a point on both panels and a JSON download. The files never leave the page.
 */
class MdlOwnDataElement extends HTMLElement {
  private readonly files = new Map<OwnFileRole, File>();
  private panel: JobPanel | undefined;
  private checked: OwnChecked | undefined;
  private download: DownloadRow | undefined;
  private checks = 0;

  connectedCallback(): void {
    this.download = new DownloadRow(required(this, "[data-own-download]"));
    const panel = new JobPanel(this, {
      builtNote: "Nothing was measured.",
      failure: "Could not measure the dataset",
      failedTail: "Nothing was computed from these files.",
    });
    this.panel = panel;
    panel.run.addEventListener("click", () => void this.start(panel));
    for (const input of this.querySelectorAll<HTMLInputElement>("input[type=file][data-role]")) {
      input.addEventListener("change", () => {
        const file = input.files?.[0];
        const role = input.dataset["role"] as OwnFileRole;
        if (file === undefined) this.files.delete(role);
        else this.files.set(role, file);
        void this.check();
      });
    }
    const zone = required(this, "[data-drop]");
    zone.addEventListener("dragover", (e) => {
      e.preventDefault();
      zone.dataset["over"] = "";
    });
    zone.addEventListener("dragleave", () => delete zone.dataset["over"]);
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      delete zone.dataset["over"];
      this.accept([...(e.dataTransfer?.files ?? [])]);
    });
    // Files dropped before this element was loaded (the island's script forwards them).
    this.addEventListener("mb-own-drop", (e) => this.accept((e as CustomEvent<File[]>).detail));
    this.form.addEventListener("change", (e) => {
      if ((e.target as HTMLElement).matches("input[type=file]")) return;
      saveSettingsToUrl(OWN_PREFIX, OWN_FIELDS, this.budget());
      this.show();
    });
    const { config, errors } = settingsFromUrl(OWN_PREFIX, OWN_FIELDS, OWN_DEFAULTS);
    fillSettingsForm(this.form, OWN_FIELDS, config);
    showSettingErrors(required(this, "[data-url-error]"), errors, "url");
    this.show();
    // The budget travels in the link; the files never do (they stay in this page).
    bindCopyLink(this, () => {
      saveSettingsToUrl(OWN_PREFIX, OWN_FIELDS, this.budget());
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

  private budget(): OwnBudget {
    return settingsFromForm(this.form, OWN_FIELDS, OWN_DEFAULTS).config;
  }

  private picked(): PickedFile[] {
    return [...this.files].map(([role, f]) => ({ role, name: f.name, bytes: f.size }));
  }

  private show(measured?: OwnDataMeasured): void {
    const state = { files: this.picked(), budget: this.budget(), ...(this.checked ? { checked: this.checked } : {}) };
    patch(this, ownDataView(measured ? { ...state, measured } : state));
    for (const el of this.querySelectorAll<HTMLElement>("[data-own-result]")) el.hidden = measured === undefined;
    if (measured === undefined) this.download?.forget();
  }

  /** Dropped files, each given the role its name suggests (train or test, images or labels). */
  private accept(files: readonly File[]): void {
    const unknown: string[] = [];
    for (const f of files) {
      const role = roleForName(f.name);
      if (role === undefined) unknown.push(f.name);
      else this.files.set(role, f);
    }
    void this.check(
      unknown.length > 0 ? `Could not tell what ${unknown.join(", ")} holds: choose it with the matching button.` : undefined,
    );
  }

  private showError(message: string | undefined): void {
    const el = required(this, "[data-own-error]");
    el.hidden = message === undefined;
    el.textContent = message ?? "";
    this.dataset["check"] = message === undefined ? (this.checked ? "ok" : "none") : "error";
  }

  /** Reads the chosen files for the worker; a file over the size cap is refused before it is read at all. */
  private async read(): Promise<OwnFile[]> {
    const out: OwnFile[] = [];
    for (const [role, f] of this.files) {
      checkStoredSize(f.name, f.size);
      out.push({ role, name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    return out;
  }

  /** Checks the chosen files in the worker (nothing is measured), and says what they hold or what is wrong. */
  private async check(note?: string): Promise<void> {
    const ticket = ++this.checks;
    this.checked = undefined;
    this.show();
    delete this.dataset["check"];
    if (!this.files.has("trainImages") || !this.files.has("trainLabels")) {
      this.showError(note);
      if (note === undefined) this.dataset["check"] = "none";
      return;
    }
    try {
      const files = await this.read();
      const result = await tfWorker().run(
        { dataUrl: "", backend: "wasm", task: { kind: "own-data", files, budget: null } },
        { transfer: files.map((f) => f.bytes.buffer) },
      );
      if (ticket !== this.checks) return;
      if (result.kind !== "own-data") throw new Error(`expected an own-data result, got ${result.kind}`);
      this.checked = result.summary;
      this.show();
      this.showError(note);
    } catch (e) {
      if (ticket !== this.checks) return;
      this.showError(`${e instanceof Error ? e.message : String(e)}. Nothing was computed from these files.`);
    }
  }

  private async start(panel: JobPanel): Promise<void> {
    const budget = this.budget();
    saveSettingsToUrl(OWN_PREFIX, OWN_FIELDS, budget);
    this.show();
    await panel.start("Reading your files…", async (run) => {
      const files = await this.read();
      if (!files.some((f) => f.role === "trainImages") || !files.some((f) => f.role === "trainLabels"))
        throw new Error("choose at least the training images and the training labels");
      const result = await tfWorker().run(
        { dataUrl: "", backend: "wasm", task: { kind: "own-data", files, budget } },
        { signal: run.signal, transfer: files.map((f) => f.bytes.buffer), onProgress: (e) => this.progress(run, e) },
      );
      if (result.kind !== "own-data" || result.measured === undefined) throw new Error("the worker sent no measurements");
      return this.finish(result as OwnDataResult & { measured: OwnDataMeasured });
    });
  }

  private progress(run: PanelRun, e: TfEvent): void {
    switch (e.type) {
      case "own-checked":
        this.checked = e.summary;
        this.show();
        this.showError(undefined);
        run.status("Files checked");
        break;
      case "loading-engine":
        run.status("Files checked; loading TensorFlow.js…");
        break;
      case "own-step": {
        const [from, to] = STEP_SPAN[e.step];
        run.progress(from + (to - from) * e.fraction, `${STEP_NAMES[e.step]}: ${e.detail}`);
        break;
      }
      default:
        break;
    }
  }

  private async finish(r: OwnDataResult & { measured: OwnDataMeasured }): Promise<{ text: string; again: string }> {
    this.checked = r.summary;
    this.show(r.measured);
    const { chosen } = ownChoice(r.summary, r.measured);
    const sweep = JSON.parse(this.dataset["sweep"] ?? "{}") as { byImage: DatasetsChartData; byLabels: DatasetsChartData };
    const panels = ownPanels(sweep, r.summary, r.measured);
    if (panels !== undefined) {
      const { datasetsChart } = await import("../../charts/datasets.ts");
      const images = required(this, '[data-own-chart="images"]');
      images.replaceChildren(datasetsChart(panels.byImage, { document, width: chartWidth(images) }));
      const labels = required(this, '[data-own-chart="labels"]');
      labels.replaceChildren(datasetsChart(panels.byLabels, { document, width: chartWidth(labels) }));
    }
    const state = { files: this.picked(), budget: r.measured.budget, checked: r.summary, measured: r.measured };
    this.download?.offer(ownDataJson(state, r.sha256, { url: location.href, finishedAt: new Date().toISOString() }), {
      type: "application/json",
      fileName: "my-dataset-bits.json",
      marker: "ownJson",
      label: (bytes) => `Download the result as JSON (${formatBytes(bytes)})`,
    });
    this.dataset["chosenBits"] = chosen === undefined ? "" : String(chosen.fileBits);
    const total = r.measured.seconds.images + r.measured.seconds.labels + r.measured.seconds.models;
    return {
      text:
        chosen === undefined
          ? `Measured in ${formatFixed(total, 0)} s; no model file reached the target, so your dataset has no point on the plot.`
          : `Measured in ${formatFixed(total, 0)} s: your dataset is the orange point on both panels.`,
      again: "Measure again",
    };
  }
}

export default MdlOwnDataElement;
