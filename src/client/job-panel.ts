import { required } from "./dom.ts";
import { JobCancelled } from "./job-client.ts";

/** What a running job may do with its panel. */
export interface PanelRun {
  /** Aborted by the panel's Cancel button. */
  readonly signal: AbortSignal;
  progress(fraction: number, detail: string): void;
  status(text: string): void;
}

/** How a finished job reads: the status line, and the run button's new label (unchanged when omitted). */
export interface PanelDone {
  text: string;
  again?: string;
}

export interface PanelTexts {
  /** Said after a cancel or a failure: which numbers the reader is looking at now. */
  builtNote: string;
  /** Put before a failure's message, e.g. "Could not load the dataset" (nothing when omitted). */
  failure?: string;
  /** The status line after a failure (default: "Failed." and the built note). */
  failedStatus?: string;
  /** Follows a failure's message in the error line (default: "Nothing was computed from it."). */
  failedTail?: string;
  /** The status line after a cancel (default: "Cancelled." and the built note). */
  cancelledStatus?: string;
}

/**
 * One long job's controls: a run button, Cancel, a progress bar, a status line and an error line, all inside an
 * element with data-job (markup: JobControls.astro). The panel's data-state (idle, running, done, cancelled, error)
 * is what tests wait on. `start` runs a job behind it: the flow of an island reads as
 * `panel.start("Downloading…", async (run) => show(await client.run(job, { signal: run.signal, … })))`.
 */
export class JobPanel {
  readonly run: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly bar: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly error: HTMLElement;
  private readonly runLabel: string;
  private readonly texts: PanelTexts;
  private controller: AbortController | undefined;

  constructor(
    readonly el: HTMLElement,
    texts: PanelTexts | string,
    /** Where data-state goes; the job's own element unless an island reports one state for the whole card. */
    private readonly stateEl: HTMLElement = el,
  ) {
    this.texts = typeof texts === "string" ? { builtNote: texts } : texts;
    this.run = required<HTMLButtonElement>(el, '[data-action="run"]');
    this.cancel = required<HTMLButtonElement>(el, '[data-action="cancel"]');
    this.bar = required<HTMLProgressElement>(el, "[data-progress]");
    this.status = required(el, "[data-status]");
    this.error = required(el, "[data-error]");
    this.runLabel = this.run.textContent;
    required(el, "[data-controls]").hidden = false;
    this.cancel.addEventListener("click", () => this.controller?.abort());
  }

  get running(): boolean {
    return this.stateEl.dataset["state"] === "running";
  }

  /**
   * Runs `work` behind the panel: running state, progress, then done (with what `work` returns), cancelled (the
   * Cancel button aborts `run.signal`; JobCancelled or an abort ends here) or failed (any other error).
   * Resolves once the panel has settled; never rejects.
   */
  async start(text: string, work: (run: PanelRun) => Promise<PanelDone>): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.begin(text);
    const run: PanelRun = {
      signal: controller.signal,
      // After Cancel, progress still in flight from the worker must not overwrite what the reader just asked for.
      progress: (fraction, detail) => {
        if (this.controller === controller && !controller.signal.aborted) this.progress(fraction, detail);
      },
      status: (line) => {
        if (this.controller === controller) this.status.textContent = line;
      },
    };
    try {
      const done = await work(run);
      if (this.controller !== controller) return;
      if (controller.signal.aborted) this.cancelled();
      else this.done(done.text, done.again);
    } catch (e) {
      if (this.controller !== controller) return;
      if (e instanceof JobCancelled || controller.signal.aborted) this.cancelled();
      else this.failed(e instanceof Error ? e.message : String(e));
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  /** Aborts the running job, as the Cancel button does. */
  abort(): void {
    this.controller?.abort();
  }

  begin(text: string): void {
    const hadFocus = this.run === document.activeElement;
    this.stateEl.dataset["state"] = "running";
    this.error.hidden = true;
    this.run.textContent = this.runLabel;
    this.run.disabled = true;
    this.cancel.hidden = false;
    this.bar.hidden = false;
    this.bar.value = 0;
    this.status.textContent = text;
    // A disabled button drops focus to <body>: keep the keyboard where the job can be stopped.
    if (hadFocus) this.cancel.focus();
  }

  progress(fraction: number, detail: string): void {
    this.bar.value = fraction;
    this.status.textContent = `${detail}: ${Math.round(fraction * 100)}%`;
  }

  done(text: string, again?: string): void {
    this.finish("done", text);
    if (again !== undefined) this.run.textContent = again;
  }

  cancelled(): void {
    this.finish("cancelled", this.texts.cancelledStatus ?? `Cancelled. ${this.texts.builtNote}`);
  }

  failed(message: string): void {
    this.finish("error", this.texts.failedStatus ?? `Failed. ${this.texts.builtNote}`);
    const failure = this.texts.failure === undefined ? message : `${this.texts.failure}: ${message}`;
    this.error.hidden = false;
    this.error.textContent = `${failure}. ${this.texts.failedTail ?? "Nothing was computed from it."}`;
    this.run.textContent = "Retry";
  }

  private finish(state: string, text: string): void {
    const hadFocus = this.cancel === document.activeElement;
    this.stateEl.dataset["state"] = state;
    this.run.disabled = false;
    this.cancel.hidden = true;
    this.bar.hidden = true;
    this.status.textContent = text;
    if (hadFocus) this.run.focus();
  }
}
