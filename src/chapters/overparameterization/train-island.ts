/**
 * What the chapter's three training islands share: the page's one TensorFlow.js worker (one copy of MNIST, one
 * TensorFlow.js for all three), a JobPanel with the training wording, download progress, the backend line, the
 * tensor counts the e2e tests read after a run, and the settings' error line.
 */
import { bindCopyLink } from "../../client/copy-link.ts";
import { sizesText } from "../../client/data-sizes.ts";
import { islandDataSizes, islandDataUrl, required } from "../../client/dom.ts";
import { JobFailed, pageWorker } from "../../client/job-client.ts";
import { JobPanel, type PanelDone, type PanelRun } from "../../client/job-panel.ts";
import { fillSettingsForm, saveSettingsToUrl, settingsFromForm, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import { WORKER_STOPPED } from "../../client/worker-client.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import type { FieldTable, Parsed, SettingError } from "../../lib/settings.ts";
import type { BackendChoice } from "../../lib/train/backend.ts";
import { backendLine } from "../../lib/train/backend-words.ts";
import type { BackendRequest } from "../../lib/train/url-config.ts";
import type { TfEvent, TfProtocol } from "../../workers/tf-protocol.ts";
import type { TrainEvent, TrainJob, TrainResult } from "../../workers/train-protocol.ts";

/** An island's settings: its field table under its URL prefix, with the defaults a rejected value falls back to. */
export interface IslandSettings<C extends object> {
  prefix: string;
  fields: FieldTable<C>;
  defaults: C;
  /** A check across fields that the table cannot make; `prefix` is the one its messages name ("" for the form). */
  check?: (parsed: Parsed<C>, prefix: string) => Parsed<C>;
}

const worker = pageWorker<TfProtocol>("tf", () => new Worker(new URL("../../workers/tf.worker.ts", import.meta.url), { type: "module" }));

export class TrainIsland {
  readonly panel: JobPanel;

  constructor(private readonly root: HTMLElement) {
    const form = required<HTMLFormElement>(root, "form[data-settings]");
    // Enter in a field must not submit the form (a page reload); a listener, as the CSP blocks inline handlers.
    form.addEventListener("submit", (e) => e.preventDefault());
    this.panel = new JobPanel(
      form,
      {
        builtNote: "The figures shown are the reference ones computed when the page was built.",
        failure: "Training failed",
        failedStatus: "Training failed. The figures shown are the reference ones computed when the page was built.",
        failedTail: "No result of the failed run is shown.",
        cancelledStatus: "Cancelled. Results of runs that finished are kept; the reference figures are unchanged.",
      },
      root,
    );
  }

  get form(): HTMLFormElement {
    return this.panel.el as HTMLFormElement;
  }

  /**
   * Fills the form from the address bar (showing what it rejected); Run hands the form's settings to `run` once they
   * pass, saved to the address bar. `beforeFill` sees the settings first, for a form that must offer a value before it
   * can show it.
   */
  bindSettings<C extends object>(settings: IslandSettings<C>, run: (config: C) => void, beforeFill?: (config: C) => void): void {
    const check = settings.check ?? ((parsed) => parsed);
    const url = check(settingsFromUrl(settings.prefix, settings.fields, settings.defaults), settings.prefix);
    this.settingErrors(url.errors, "url", settings.prefix);
    beforeFill?.(url.config);
    fillSettingsForm(this.form, settings.fields, url.config);
    this.panel.run.addEventListener("click", () => {
      const config = this.settingsForRun(settings);
      if (config !== undefined) run(config);
    });
    // Every valid change goes to the address bar at once, so a reload or a shared link keeps it.
    this.form.addEventListener("change", () => {
      const { config, errors } = this.readForm(settings);
      if (errors.length === 0) saveSettingsToUrl(settings.prefix, settings.fields, config);
    });
    // The link to these settings is the address bar's, once the form's settings pass (else their problems show).
    bindCopyLink(this.root, () => (this.settingsForRun(settings) === undefined ? undefined : location.href));
  }

  /** The form's settings for a run, saved to the address bar; undefined (with the problems shown) if any is invalid. */
  private settingsForRun<C extends object>(settings: IslandSettings<C>): C | undefined {
    const { config, errors } = this.readForm(settings);
    this.settingErrors(errors, "form", settings.prefix);
    if (errors.length > 0) return undefined;
    saveSettingsToUrl(settings.prefix, settings.fields, config);
    return config;
  }

  private readForm<C extends object>(settings: IslandSettings<C>): Parsed<C> {
    const parsed = settingsFromForm(this.form, settings.fields, settings.defaults);
    return settings.check === undefined ? parsed : settings.check(parsed, "");
  }

  /** Runs `task` in the page's TensorFlow.js worker; `onEvent` sees the training's own events, `done` its result. */
  start<R extends TrainResult>(
    task: TrainJob,
    backend: BackendRequest,
    onEvent: (event: TrainEvent, run: PanelRun) => void,
    done: (result: R) => PanelDone,
  ): Promise<void> {
    for (const key of ["tensorsBefore", "tensorsAfter", "tensorBytesAfter", "wasmHeapBytes"]) delete this.root.dataset[key];
    return this.panel.start("Starting the background worker…", async (run) => {
      try {
        const result = await worker.run(
          { dataUrl: islandDataUrl(this.root), backend, task },
          { signal: run.signal, onProgress: (e) => this.handle(e, run, onEvent) },
        );
        if (result.kind !== task.kind) throw new Error(`the worker answered a ${task.kind} job with a ${result.kind} result`);
        return done(result as R);
      } catch (e) {
        // Browsers end a worker without a word when it takes too much memory; training is what takes the most here.
        if (e instanceof JobFailed && e.message === WORKER_STOPPED) {
          throw new JobFailed(`${e.message} (it may have run out of memory: try a smaller network or batch size)`);
        }
        throw e;
      }
    });
  }

  private handle(e: TfEvent, run: PanelRun, onEvent: (event: TrainEvent, run: PanelRun) => void): void {
    switch (e.type) {
      case "download": {
        const reused = e.reused > 0 ? "; part of it from this page's copy" : "";
        run.progress(e.fraction, `Downloading MNIST (${sizesText(islandDataSizes(this.form))}${reused})`);
        break;
      }
      case "loading-engine":
        run.status("Loading TensorFlow.js…");
        break;
      case "backend-trial":
        run.status(e.text);
        break;
      case "backend":
        this.showBackend(e.choice);
        break;
      case "tensors":
        this.root.dataset["tensorsBefore"] = String(e.before);
        this.root.dataset["tensorsAfter"] = String(e.after);
        this.root.dataset["tensorBytesAfter"] = String(e.bytesAfter);
        this.root.dataset["wasmHeapBytes"] = String(e.wasmHeapBytes ?? "");
        break;
      case "training":
      case "block":
      case "label-block":
      case "label-training":
      case "own-checked":
      case "own-step":
        // Other tasks' events (prequential, label code, own data): never sent for a training task.
        break;
      default:
        onEvent(e, run);
    }
  }

  private showBackend(choice: BackendChoice): void {
    this.root.dataset["backend"] = choice.backend;
    required(this.root, "[data-backend]").textContent = backendLine(choice);
  }

  /** Shows the settings' problems (as text, never HTML), or clears them. */
  settingErrors(errors: readonly SettingError[], source: "url" | "form", prefix: string): void {
    showSettingErrors(required(this.root, "[data-url-error]"), errors, source, prefix);
  }
}

/**
 * The element behind each training island: connected, it binds its settings to a TrainIsland; Run calls `run` with
 * the form's settings once they pass.
 */
export abstract class TrainElement<C extends object> extends HTMLElement {
  protected abstract readonly settings: IslandSettings<C>;

  connectedCallback(): void {
    const island = new TrainIsland(this);
    island.bindSettings(
      this.settings,
      (config) => void this.run(island, config),
      (config) => this.beforeFill(island.form, config),
    );
  }

  /** For a form that must offer a value from the address bar before it can show it; most need nothing. */
  protected beforeFill(_form: HTMLFormElement, _config: C): void {}

  protected abstract run(island: TrainIsland, config: C): Promise<void>;

  /** Offers the runs as a CSV table (`header`, `rows`) and as JSON (`json`, settings included) in the two links. */
  protected offerDownloads(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, json: unknown): void {
    offerDownload(this.querySelector("[data-download-csv]") as HTMLAnchorElement, toCsv(header, rows), "text/csv");
    offerDownload(this.querySelector("[data-download-json]") as HTMLAnchorElement, JSON.stringify(json, null, 1), "application/json");
  }
}

/** "label: epoch 1, batch 3 of 20, loss 0.1234, 1,234 images/s" for a batch. */
export function batchLine(
  label: string,
  s: { epoch: number; batch: number; batchesPerEpoch: number; loss: number; imagesPerSecond: number },
): string {
  return (
    `${label}: epoch ${s.epoch}, batch ${formatInt(s.batch)} of ${formatInt(s.batchesPerEpoch)}, ` +
    `loss ${formatFixed(s.loss, 4)}, ${formatInt(s.imagesPerSecond)} images/s`
  );
}

/** Shows an object URL for `content` on `link` (revoking the previous one). */
export function offerDownload(link: HTMLAnchorElement, content: string, type: string): void {
  const old = link.href;
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.hidden = false;
  if (link.parentElement !== null) link.parentElement.hidden = false;
}

/** Rows to CSV; values are numbers or simple identifiers, quoted when they hold a comma or quote. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (v: string | number): string => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}
