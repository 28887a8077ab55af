import { lazy } from "../../client/lazy.ts";
import { coverCurve } from "../../lib/capacity/cover.ts";
import { experimentPointCounts, type ExperimentRow } from "../../lib/capacity/experiment.ts";
import { coverageSentence, experimentCaption, experimentRowCells } from "../../lib/capacity/text.ts";
import { formatInt, formatSeconds } from "../../lib/format.ts";
import type { CapacityRequest, CapacityResponse } from "../../workers/capacity-protocol.ts";
import { required } from "../../client/dom.ts";
import { WorkerClient } from "../../client/worker-client.ts";
import { MAX_K, MAX_RATIO, MAX_TRIALS, MIN_TRIALS } from "./capacity-experiment-settings.ts";

const experimentChart = lazy(() => import("../../charts/capacity-experiment.ts"));

interface Settings {
  dimension: number;
  trials: number;
  seed: number;
}

interface Reference extends Settings {
  rows: Array<[number, number]>;
}

/** Reruns Cover's experiment in a worker, filling the table and the chart one N at a time. */
class CapacityExperimentElement extends HTMLElement {
  private client: WorkerClient<CapacityRequest, CapacityResponse> | undefined;
  private staticChart: Node[] = [];
  private staticBody: Node[] = [];
  private staticCaption = "";
  private staticCoverage = "";
  private rows: ExperimentRow[] = [];

  connectedCallback(): void {
    const form = this.el<HTMLFormElement>("[data-controls]");
    form.hidden = false;
    this.staticChart = [...this.el("[data-chart]").childNodes];
    this.staticBody = [...this.el("[data-experiment-table] tbody").childNodes];
    this.staticCaption = this.el("[data-caption]").textContent ?? "";
    this.staticCoverage = this.el("[data-coverage]").textContent ?? "";
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.start();
    });
    this.el('[data-action="cancel"]').addEventListener("click", () => this.client?.post({ type: "cancel" }));
  }

  disconnectedCallback(): void {
    this.client?.terminate();
  }

  private el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return required<T>(this, selector);
  }

  private reference(): Reference {
    return JSON.parse(this.dataset["reference"] ?? "{}") as Reference;
  }

  /** The form's values, or a message saying which one is out of range. */
  private settings(): Settings | string {
    const form = this.el<HTMLFormElement>("[data-controls]");
    const read = (name: string): number => Number((form.elements.namedItem(name) as HTMLInputElement).value);
    const dimension = read("k");
    const trials = read("trials");
    const seed = read("seed");
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > MAX_K) return `K must be a whole number from 1 to ${MAX_K}.`;
    if (!Number.isInteger(trials) || trials < MIN_TRIALS || trials > MAX_TRIALS) {
      return `Trials per N must be a whole number from ${MIN_TRIALS} to ${formatInt(MAX_TRIALS)}.`;
    }
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return "The seed must be a whole number from 0 to 4294967295.";
    return { dimension, trials, seed };
  }

  private start(): void {
    const error = this.el("[data-error]");
    const settings = this.settings();
    if (typeof settings === "string") {
      error.textContent = settings;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    const { dimension, trials, seed } = settings;
    const pointCounts = experimentPointCounts(dimension);
    const runButton = this.el<HTMLButtonElement>('[data-action="run"]');
    const cancelButton = this.el<HTMLButtonElement>('[data-action="cancel"]');
    const progress = this.el<HTMLProgressElement>("[data-progress]");
    const status = this.el("[data-status]");
    runButton.disabled = true;
    cancelButton.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    this.dataset["state"] = "running";
    this.rows = [];
    this.el("[data-coverage]").textContent = "";
    this.prepareTable(settings, pointCounts);
    this.drawChart(dimension);
    status.textContent = "Loading the LP solver in a background worker…";

    const reference = this.reference();
    const sameAsReference = reference.dimension === dimension && reference.trials === trials && reference.seed === seed;
    const expected = new Map(sameAsReference ? reference.rows : []);
    let mismatches = 0;
    const finish = (): void => {
      runButton.disabled = false;
      cancelButton.hidden = true;
      progress.hidden = true;
    };

    this.client ??= new WorkerClient<CapacityRequest, CapacityResponse>(
      () => new Worker(new URL("../../workers/capacity.worker.ts", import.meta.url), { type: "module" }),
      (msg) => this.onMessage(msg),
      (message) => this.onMessage({ type: "error", message }),
    );
    this.handlers = {
      progress: (done, total) => {
        progress.value = done / total;
        status.textContent = `Solving linear programs in a background worker: ${formatInt(done)} of ${formatInt(total)}…`;
      },
      row: (row) => {
        this.rows.push(row);
        const tr = this.el(`[data-experiment-table] tr[data-n="${row.n}"]`);
        const [, ...cells] = experimentRowCells(row);
        tr.querySelectorAll("td").forEach((td, i) => (td.textContent = cells[i] ?? ""));
        const want = expected.get(row.n);
        if (want !== undefined) {
          const match = want === row.separable;
          if (!match) mismatches++;
          const separableCell = tr.querySelectorAll("td")[1];
          if (separableCell) separableCell.dataset["confirmed"] = match ? "yes" : "no";
        }
        tr.removeAttribute("data-pending");
        this.drawChart(dimension);
      },
      done: (runMs) => {
        finish();
        this.el("[data-coverage]").textContent = coverageSentence(this.rows);
        this.dataset["state"] = "done";
        const lps = formatInt(pointCounts.length * trials);
        status.textContent =
          `Done in your browser: ${lps} linear programs in ${formatSeconds(runMs)}.` +
          (sameAsReference
            ? mismatches === 0
              ? " Every count matches the reference run computed when the page was built."
              : ` ${mismatches} counts differ from the reference run computed when the page was built.`
            : "");
        runButton.textContent = "Run again";
      },
      cancelled: () => {
        finish();
        this.restore();
        this.dataset["state"] = "cancelled";
        status.textContent = "Run cancelled. The table and chart show the reference run computed when the page was built.";
      },
      failed: (message) => {
        finish();
        this.client?.terminate();
        this.client = undefined;
        this.restore();
        this.dataset["state"] = "error";
        error.textContent = `The experiment failed: ${message}. Nothing from this run is shown.`;
        error.hidden = false;
        status.textContent = "The table and chart show the reference run computed when the page was built.";
        runButton.textContent = "Retry";
      },
    };
    this.client.post({ type: "run", dimension, pointCounts, trials, seed });
  }

  private handlers:
    | {
        progress: (done: number, total: number) => void;
        row: (row: ExperimentRow) => void;
        done: (runMs: number) => void;
        cancelled: () => void;
        failed: (message: string) => void;
      }
    | undefined;

  private onMessage(msg: CapacityResponse): void {
    const h = this.handlers;
    if (!h) return;
    switch (msg.type) {
      case "solver-loading":
        this.el("[data-status]").textContent = "Loading the LP solver in a background worker…";
        break;
      case "solver-ready":
        this.el("[data-status]").textContent = `LP solver ready in ${formatSeconds(msg.loadMs)}; solving…`;
        break;
      case "progress":
        h.progress(msg.done, msg.total);
        break;
      case "row":
        h.row(msg.row);
        break;
      case "done":
        h.done(msg.runMs);
        break;
      case "cancelled":
        h.cancelled();
        break;
      case "error":
        h.failed(msg.message);
        break;
      default:
        break;
    }
  }

  /** Empty rows for every N, so the table has its final shape from the start and fills in as the worker reports. */
  private prepareTable(settings: Settings, pointCounts: readonly number[]): void {
    this.el("[data-caption]").textContent = `${experimentCaption(settings.dimension, settings.trials, settings.seed)} (in your browser)`;
    this.el("[data-experiment-table] tbody").replaceChildren(
      ...pointCounts.map((n) => {
        const tr = document.createElement("tr");
        tr.dataset["n"] = String(n);
        tr.dataset["pending"] = "";
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = formatInt(n);
        tr.append(th);
        for (let i = 0; i < 5; i++) {
          const td = document.createElement("td");
          td.textContent = "…";
          tr.append(td);
        }
        return tr;
      }),
    );
  }

  private drawChart(dimension: number): void {
    const theory = coverCurve(dimension, { maxRatio: MAX_RATIO });
    const rows = [...this.rows];
    void experimentChart(({ capacityExperimentChart }) =>
      this.el("[data-chart]").replaceChildren(capacityExperimentChart({ k: dimension, theory, rows }, { document, maxRatio: MAX_RATIO })),
    );
  }

  private restore(): void {
    this.rows = [];
    // Queued behind any chart still loading, so the restored build-time chart is what stays.
    void experimentChart(() => this.el("[data-chart]").replaceChildren(...this.staticChart));
    this.el("[data-experiment-table] tbody").replaceChildren(...this.staticBody);
    this.el("[data-caption]").textContent = this.staticCaption;
    this.el("[data-coverage]").textContent = this.staticCoverage;
  }
}

if (!customElements.get("mb-capacity-experiment")) customElements.define("mb-capacity-experiment", CapacityExperimentElement);
