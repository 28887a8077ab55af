import { required } from "./dom.ts";

/**
 * One long job's controls: a run button, Cancel, a progress bar, a status line and an error line, all inside an
 * element with data-job. The panel's data-state (idle, running, done, cancelled, error) is what tests wait on.
 */
export class JobPanel {
  readonly run: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly bar: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly error: HTMLElement;

  constructor(
    readonly el: HTMLElement,
    private readonly builtNote: string,
    /** Where data-state goes; the job's own element unless an island reports one state for the whole card. */
    private readonly stateEl: HTMLElement = el,
  ) {
    this.run = required<HTMLButtonElement>(el, '[data-action="run"]');
    this.cancel = required<HTMLButtonElement>(el, '[data-action="cancel"]');
    this.bar = required<HTMLProgressElement>(el, "[data-progress]");
    this.status = required(el, "[data-status]");
    this.error = required(el, "[data-error]");
    required(el, "[data-controls]").hidden = false;
  }

  onCancel(f: () => void): void {
    this.cancel.addEventListener("click", f);
  }

  begin(text: string): void {
    this.stateEl.dataset["state"] = "running";
    this.error.hidden = true;
    this.run.disabled = true;
    this.cancel.hidden = false;
    this.bar.hidden = false;
    this.bar.value = 0;
    this.status.textContent = text;
  }

  progress(fraction: number, detail: string): void {
    this.bar.value = fraction;
    this.status.textContent = `${detail}: ${Math.round(fraction * 100)}%`;
  }

  done(text: string, again: string): void {
    this.finish("done", text);
    this.run.textContent = again;
  }

  cancelled(): void {
    this.finish("cancelled", `Cancelled. ${this.builtNote}`);
  }

  failed(message: string): void {
    this.finish("error", `Failed. ${this.builtNote}`);
    this.error.hidden = false;
    this.error.textContent = `${message}. Nothing was computed from it.`;
    this.run.textContent = "Retry";
  }

  private finish(state: string, text: string): void {
    this.stateEl.dataset["state"] = state;
    this.run.disabled = false;
    this.cancel.hidden = true;
    this.bar.hidden = true;
    this.status.textContent = text;
  }
}
