import { chartWidth } from "../../client/chart-width.ts";
import { lazy } from "../../client/lazy.ts";
import { bindCopyLink } from "../../client/copy-link.ts";
import { required } from "../../client/dom.ts";
import { JobClient } from "../../client/job-client.ts";
import { JobPanel, type PanelDone, type PanelRun } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { fillSettingsForm, saveSettingsToUrl, settingsFromForm, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import type { TableRow } from "../../client/view.ts";
import { coverCurve } from "../../lib/capacity/cover.ts";
import { experimentPointCounts, type ExperimentRow } from "../../lib/capacity/experiment.ts";
import { formatSeconds } from "../../lib/format.ts";
import type { CapacityProtocol } from "../../workers/capacity-protocol.ts";
import {
  EXPERIMENT_FIELDS,
  EXPERIMENT_PREFIX,
  MAX_RATIO,
  REFERENCE_RUN,
  sameSettings,
  type ExperimentSettings,
} from "./capacity-experiment-settings.ts";
import { REFERENCE_NOTE, doneStatus, experimentView, solvingDetail } from "./experiment-view.ts";

const experimentChart = lazy(() => import("../../charts/capacity-experiment.ts"));

/** What the page showed when it was built: put back after a cancel or a failure. */
interface Built {
  chart: Node[];
  rows: TableRow[];
  caption: string;
  coverage: string;
}

/** Reruns Cover's experiment in a worker, filling the table and the chart one N at a time. */
class CapacityExperimentElement extends HTMLElement {
  private readonly client = new JobClient<CapacityProtocol>(
    () => new Worker(new URL("../../workers/capacity.worker.ts", import.meta.url), { type: "module" }),
  );
  private panel!: JobPanel;
  private form!: HTMLFormElement;
  private built!: Built;

  connectedCallback(): void {
    this.form = required<HTMLFormElement>(this, "[data-settings]");
    this.panel = new JobPanel(
      this,
      {
        builtNote: REFERENCE_NOTE,
        failure: "The experiment failed",
        failedTail: "Nothing from this run is shown.",
        failedStatus: REFERENCE_NOTE,
        cancelledStatus: `Run cancelled. ${REFERENCE_NOTE}`,
      },
      this,
    );
    const body = required<HTMLTableSectionElement>(this, 'tbody[data-rows="results"]');
    this.built = {
      chart: [...required(this, "[data-chart]").childNodes],
      rows: Array.from(body.rows, (tr) => Array.from(tr.cells, (c) => c.textContent.trim())),
      caption: required(this, '[data-value="caption"]').textContent.trim(),
      coverage: required(this, '[data-value="coverage"]').textContent.trim(),
    };
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.start();
    });
    this.panel.run.addEventListener("click", () => this.start());
    const { config, errors } = settingsFromUrl(EXPERIMENT_PREFIX, EXPERIMENT_FIELDS, REFERENCE_RUN);
    fillSettingsForm(this.form, EXPERIMENT_FIELDS, config);
    showSettingErrors(this.error(), errors, "url", EXPERIMENT_PREFIX);
    bindCopyLink(this, () => {
      const form = settingsFromForm(this.form, EXPERIMENT_FIELDS, REFERENCE_RUN);
      showSettingErrors(this.error(), form.errors, "form", EXPERIMENT_PREFIX);
      if (form.errors.length > 0) return undefined;
      saveSettingsToUrl(EXPERIMENT_PREFIX, EXPERIMENT_FIELDS, form.config);
      return location.href;
    });
  }

  disconnectedCallback(): void {
    this.client.terminate();
  }

  private error(): HTMLElement {
    return required(this, "[data-error]");
  }

  private start(): void {
    if (this.panel.running) return;
    const { config, errors } = settingsFromForm(this.form, EXPERIMENT_FIELDS, REFERENCE_RUN);
    if (errors.length > 0) {
      showSettingErrors(this.error(), errors, "form", EXPERIMENT_PREFIX);
      return;
    }
    saveSettingsToUrl(EXPERIMENT_PREFIX, EXPERIMENT_FIELDS, config);
    void this.panel.start("Loading the LP solver in a background worker…", async (run) => {
      try {
        return await this.experiment(config, run);
      } catch (e) {
        this.restore();
        throw e;
      }
    });
  }

  private async experiment(settings: ExperimentSettings, run: PanelRun): Promise<PanelDone> {
    const pointCounts = experimentPointCounts(settings.k);
    const rows: ExperimentRow[] = [];
    const show = (): void => {
      patch(this, experimentView({ settings, pointCounts, rows, live: true }));
      this.drawChart(settings.k, rows);
    };
    show();
    const reply = await this.client.run(
      { type: "experiment", ...settings, pointCounts },
      {
        signal: run.signal,
        onProgress: (p) => {
          if (p.type === "solver-loading") run.status("Loading the LP solver in a background worker…");
          else if (p.type === "solver-ready") run.status(`LP solver ready in ${formatSeconds(p.loadMs)}; solving…`);
          else if (p.type === "solving") run.progress(p.done / p.total, solvingDetail(p.done, p.total));
          else if (p.type === "row") {
            rows.push(p.row);
            show();
          }
        },
      },
    );
    if (reply.type !== "experiment") throw new Error(`the worker answered a ${reply.type} job`);
    let mismatches: number | undefined;
    if (sameSettings(settings, REFERENCE_RUN)) {
      // Back to the built rows, then the live ones over them: patch marks each cell that reads the same.
      patch(this, { values: {}, tables: { results: this.built.rows } });
      const live = experimentView({ settings, pointCounts, rows: reply.result.rows, live: true });
      mismatches = patch(this, { values: {}, tables: live.tables }, { confirm: true }).mismatches;
      patch(this, { values: live.values });
    }
    return { text: doneStatus(pointCounts.length * settings.trials, reply.runMs, mismatches), again: "Run again" };
  }

  private drawChart(k: number, rows: readonly ExperimentRow[]): void {
    const theory = coverCurve(k, { maxRatio: MAX_RATIO });
    const drawn = [...rows];
    void experimentChart(({ capacityExperimentChart }) =>
      required(this, "[data-chart]").replaceChildren(
        capacityExperimentChart(
          { k, theory, rows: drawn },
          { document, maxRatio: MAX_RATIO, width: chartWidth(this.querySelector("[data-chart]")) },
        ),
      ),
    );
  }

  private restore(): void {
    // Queued behind any chart still loading, so the restored build-time chart is what stays.
    void experimentChart(() => required(this, "[data-chart]").replaceChildren(...this.built.chart));
    patch(this, { values: { caption: this.built.caption, coverage: this.built.coverage }, tables: { results: this.built.rows } });
  }
}

export default CapacityExperimentElement;
