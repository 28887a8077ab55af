import { readableFileNames } from "./data-sizes.ts";
import { required } from "./dom.ts";
import { JobCancelled } from "./job-client.ts";
import { announce, islandOf, liveRegion } from "./live.ts";
import { TimeLeft } from "./time-left.ts";

/** What a running job may do with its panel. */
export interface PanelRun {
  /** Aborted by the panel's Cancel button. */
  readonly signal: AbortSignal;
  /**
   * The bar and the status line: "detail: 45%, about 2 min left", then `more` (what the current step is doing, for a
   * run of several steps whose `fraction` is the whole run's). Each quarter of the way is said in the live region.
   */
  progress(fraction: number, detail: string, more?: string): void;
  status(text: string): void;
  /** Says a step's end in the island's live region (an epoch, a network of a ladder), without touching the status. */
  milestone(text: string): void;
}

/** How a finished job reads: the status line, and the run button's new label (unchanged when omitted). */
export interface PanelDone {
  text: string;
  again?: string;
  /**
   * The run button goes: what it offered is done for good (the data is loaded, and the island now works on it).
   * Keyboard focus then moves to `focus` (say, the controls that appeared), else to the status line.
   */
  retire?: { focus?: HTMLElement };
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
 *
 * For every island alike: keyboard focus goes to Cancel when a run starts and back to the run button when it ends;
 * the island's live region (live.ts) hears the start, each quarter of the way, the job's milestones and how it ended;
 * progress carries the time left (time-left.ts); and a served data file is named by what it holds (data-sizes.ts).
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
  private timeLeft = new TimeLeft();
  /** The last quarter of the way said in the live region, so each is said once. */
  private quarter = 0;
  private lastFraction = 0;

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
    liveRegion(this.stateEl);
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
      progress: (fraction, detail, more) => {
        if (this.controller === controller && !controller.signal.aborted) this.progress(fraction, detail, more);
      },
      status: (line) => {
        if (this.controller === controller) this.status.textContent = readableFileNames(line);
      },
      milestone: (text) => {
        if (this.controller === controller && !controller.signal.aborted) announce(this.stateEl, text);
      },
    };
    try {
      const done = await work(run);
      if (this.controller !== controller) return;
      if (controller.signal.aborted) this.cancelled();
      else this.done(done.text, done.again, done.retire);
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
    // Focus on the run button, anywhere else in the island (a field whose Enter started the run) or nowhere (a
    // browser that does not focus a clicked button): a disabled button drops it to <body>, so it goes to Cancel,
    // where the job can be stopped. Focus elsewhere on the page is the reader's and stays.
    const active = document.activeElement;
    const takeFocus = active === null || active === document.body || active === this.run || islandOf(this.stateEl).contains(active);
    this.stateEl.dataset["state"] = "running";
    this.error.hidden = true;
    this.run.textContent = this.runLabel;
    this.run.disabled = true;
    this.cancel.hidden = false;
    this.bar.hidden = false;
    this.bar.value = 0;
    this.status.textContent = text;
    this.timeLeft = new TimeLeft();
    this.quarter = 0;
    this.lastFraction = 0;
    if (takeFocus) this.cancel.focus();
    announce(this.stateEl, text);
  }

  progress(fraction: number, detail: string, more?: string): void {
    this.bar.value = fraction;
    const left = this.timeLeft.update(fraction);
    const line = `${readableFileNames(detail)}: ${Math.round(fraction * 100)}%${left === undefined ? "" : `, ${left}`}`;
    this.status.textContent = more === undefined ? line : `${line}; ${readableFileNames(more)}`;
    // A fraction that goes back starts a new phase (the training after the download): its quarters are said again.
    if (fraction < this.lastFraction) this.quarter = 0;
    this.lastFraction = fraction;
    const quarter = Math.floor(fraction * 4);
    if (quarter > this.quarter && quarter < 4) {
      this.quarter = quarter;
      announce(this.stateEl, line);
    }
  }

  done(text: string, again?: string, retire?: PanelDone["retire"]): void {
    if (retire !== undefined) this.run.hidden = true;
    this.finish("done", text, retire?.focus);
    if (again !== undefined) this.run.textContent = again;
  }

  cancelled(): void {
    this.finish("cancelled", this.texts.cancelledStatus ?? `Cancelled. ${this.texts.builtNote}`);
  }

  failed(message: string): void {
    this.finish("error", this.texts.failedStatus ?? `Failed. ${this.texts.builtNote}`);
    const failure = this.texts.failure === undefined ? message : `${this.texts.failure}: ${message}`;
    this.error.hidden = false;
    this.error.textContent = readableFileNames(`${failure}. ${this.texts.failedTail ?? "Nothing was computed from it."}`);
    this.run.textContent = "Retry";
  }

  private finish(state: string, text: string, retiredFocus?: HTMLElement): void {
    // Focus on Cancel (about to hide) or already dropped to <body> goes back to the run button.
    const active = document.activeElement;
    const giveBack = active === this.cancel || active === null || active === document.body;
    this.stateEl.dataset["state"] = state;
    this.run.disabled = false;
    this.cancel.hidden = true;
    this.bar.hidden = true;
    this.status.textContent = text;
    // The error line (role=alert) says a failure itself; the live region says how every other run ended.
    if (state !== "error") announce(this.stateEl, text);
    if (!giveBack) return;
    if (!this.run.hidden) {
      this.run.focus();
      return;
    }
    // The run button went with the job's end: focus goes to what the island offers now, else to the status line.
    if (retiredFocus !== undefined) retiredFocus.focus();
    if (retiredFocus === undefined || document.activeElement !== retiredFocus) {
      this.status.tabIndex = -1;
      this.status.focus();
    }
  }
}
