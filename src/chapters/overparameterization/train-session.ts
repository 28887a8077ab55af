/**
 * What the chapter's three training islands share: one training worker each, the start/cancel buttons, download and
 * batch progress, the backend line, errors with Retry, and the tensor count the e2e tests read after a run.
 */
import { islandDataUrl, required } from "../../client/dom.ts";
import { WORKER_STOPPED, WorkerClient } from "../../client/worker-client.ts";
import { formatBytes, formatFixed, formatInt } from "../../lib/format.ts";
import type { BackendChoice } from "../../lib/train/backend.ts";
import type { BackendRequest } from "../../lib/train/url-config.ts";
import type { TrainJob, TrainRequest, TrainResponse } from "../../workers/train-protocol.ts";

export type JobMessage = Exclude<
  TrainResponse,
  { type: "download" | "loading-engine" | "backend" | "done" | "cancelled" | "error" | "tensors" }
>;

export interface SessionHooks {
  onMessage(msg: JobMessage): void;
  /** The job finished (not cancelled, not failed). */
  onDone(): void;
}

export class TrainSession {
  private client: WorkerClient<TrainRequest, TrainResponse> | undefined;
  /** The start button's own label, which a failure replaces with "Retry" until the next run starts. */
  private readonly startLabel: string;

  constructor(
    private readonly root: HTMLElement,
    private readonly hooks: SessionHooks,
  ) {
    this.startLabel = this.el('[data-action="start"]').textContent ?? "";
    this.el("[data-controls]").hidden = false;
    // Enter in a field must not submit the form (a page reload); a listener, as the CSP blocks inline handlers.
    this.el("[data-controls]").addEventListener("submit", (e) => e.preventDefault());
    this.el<HTMLButtonElement>('[data-action="cancel"]').addEventListener("click", () => this.client?.post({ type: "cancel" }));
  }

  el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return required<T>(this.root, selector);
  }

  status(text: string): void {
    this.el("[data-status]").textContent = text;
  }

  terminate(): void {
    this.client?.terminate();
  }

  get running(): boolean {
    return this.root.dataset["state"] === "running";
  }

  start(job: TrainJob, backend: BackendRequest): void {
    const startButton = this.el<HTMLButtonElement>('[data-action="start"]');
    const cancelButton = this.el<HTMLButtonElement>('[data-action="cancel"]');
    const progress = this.el<HTMLProgressElement>("[data-progress]");
    this.el("[data-error]").hidden = true;
    startButton.textContent = this.startLabel;
    startButton.disabled = true;
    cancelButton.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    this.root.dataset["state"] = "running";
    delete this.root.dataset["tensorsBefore"];
    delete this.root.dataset["tensorsAfter"];
    delete this.root.dataset["tensorBytesAfter"];
    this.status("Starting the background worker…");
    const finish = (state: string): void => {
      startButton.disabled = false;
      cancelButton.hidden = true;
      progress.hidden = true;
      this.root.dataset["state"] = state;
    };
    this.client ??= new WorkerClient<TrainRequest, TrainResponse>(
      () => new Worker(new URL("../../workers/train.worker.ts", import.meta.url), { type: "module" }),
      (msg) => this.handle(msg, finish),
      (message) => {
        this.client = undefined;
        finish("error");
        // Browsers end a worker without a word when it takes too much memory; training is what takes the most here.
        this.showError(
          message === WORKER_STOPPED ? `${message} (it may have run out of memory: try a smaller network or batch size)` : message,
        );
      },
    );
    const dataUrl = islandDataUrl(this.root);
    this.client.post({ type: "start", job, dataUrl, backend });
  }

  private handle(msg: TrainResponse, finish: (state: string) => void): void {
    const progress = this.el<HTMLProgressElement>("[data-progress]");
    switch (msg.type) {
      case "download":
        progress.value = msg.fraction;
        this.status(`Downloading MNIST: ${Math.round(msg.fraction * 100)}% (${formatBytes(msg.received)} received)`);
        break;
      case "loading-engine":
        this.status("Loading TensorFlow.js…");
        break;
      case "backend":
        this.showBackend(msg.choice);
        break;
      case "tensors":
        this.root.dataset["tensorsBefore"] = String(msg.before);
        this.root.dataset["tensorsAfter"] = String(msg.after);
        this.root.dataset["tensorBytesAfter"] = String(msg.bytesAfter);
        this.root.dataset["wasmHeapBytes"] = String(msg.wasmHeapBytes ?? "");
        break;
      case "done":
        finish("done");
        this.hooks.onDone();
        break;
      case "cancelled":
        finish("cancelled");
        this.status("Cancelled. Results of runs that finished are kept; the reference figures are unchanged.");
        break;
      case "error":
        if (msg.restart === true) {
          // After running out of memory the engine may be half-broken: Retry gets a fresh worker (and downloads again).
          this.client?.terminate();
          this.client = undefined;
        }
        finish("error");
        this.showError(msg.message);
        break;
      default:
        if (msg.type === "batch") {
          progress.value = msg.stats.batchesDone / msg.stats.totalBatches;
        }
        this.hooks.onMessage(msg);
    }
  }

  private showBackend(choice: BackendChoice): void {
    const skipped = choice.skipped.map((s) => `${s.backend}: ${s.reason}`);
    this.root.dataset["backend"] = choice.backend;
    this.el("[data-backend]").textContent =
      `Backend: ${choice.backend} (${choice.detail}${choice.bitExact ? ", repeatable bit for bit" : ", not bit-exact between runs"}).` +
      (skipped.length > 0 ? ` Passed over: ${skipped.join("; ")}.` : "");
  }

  private showError(message: string): void {
    const error = this.el("[data-error]");
    error.hidden = false;
    error.textContent = `Training failed: ${message}. No result of the failed run is shown.`;
    this.el<HTMLButtonElement>('[data-action="start"]').textContent = "Retry";
    this.status("Training failed. The figures shown are the reference ones computed when the page was built.");
  }
}

/** "1,234 images/s" style progress line for a batch. */
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
}

/** Rows to CSV; values are numbers or simple identifiers, quoted when they hold a comma or quote. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (v: string | number): string => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

/** A form field's text (file inputs, which this chapter has none of, read as empty). */
export function formText(value: FormDataEntryValue | null): string {
  return typeof value === "string" ? value : "";
}

/** Shows URL-parameter problems (as text, never HTML). */
export function showUrlErrors(root: HTMLElement, errors: readonly string[]): void {
  if (errors.length === 0) return;
  const el = required(root, "[data-url-error]");
  el.hidden = false;
  el.textContent = errors.join(" ");
}

/** Shows the form's settings problems, or clears them; the messages say "Setting" where the URL check says "URL parameter". */
export function showFormErrors(root: HTMLElement, errors: readonly string[]): void {
  const el = required(root, "[data-url-error]");
  el.hidden = errors.length === 0;
  el.textContent = errors.join(" ").replace(/URL parameter/g, "Setting");
}

/** Puts a configuration into an island's settings form: the architecture boxes, then one field per key. */
export function fillForm<C extends { archs: readonly string[] }>(
  form: HTMLFormElement,
  config: C,
  keys: ReadonlyArray<keyof C & string>,
): void {
  form.querySelectorAll<HTMLInputElement>('input[name="archs"]').forEach((box) => (box.checked = config.archs.includes(box.value)));
  for (const k of keys) {
    const input = form.elements.namedItem(k);
    const v = config[k];
    if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = Array.isArray(v) ? v.join(",") : String(v);
  }
}

/** Reads the settings form as URL parameters, so what the reader types goes through the same validation as a shared URL. */
export function formParams(form: HTMLFormElement, prefix: string, keys: readonly string[]): URLSearchParams {
  const data = new FormData(form);
  const params = new URLSearchParams();
  params.set(`${prefix}archs`, data.getAll("archs").map(formText).join(","));
  for (const k of keys) params.set(`${prefix}${k}`, formText(data.get(k)));
  return params;
}

/** Replaces this island's parameters in the address bar, so the reader can share the run. */
export function updateUrl(write: (params: URLSearchParams) => void): void {
  const url = new URL(location.href);
  write(url.searchParams);
  history.replaceState(history.state, "", url);
}
