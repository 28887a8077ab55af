import type { MemorizeChartRow } from "../../charts/train-memorize.ts";
import { lazy } from "../../client/lazy.ts";
import type { MemorizeAttempt, MemorizeResult, MemorizeSettings } from "../../lib/train/sweep.ts";
import { MEMORIZE_PREFIX, parseMemorizeConfig, writeConfig, type MemorizeConfig } from "../../lib/train/url-config.ts";
import { formatFixed, formatInt, percent } from "./train-format.ts";
import {
  batchLine,
  fillForm,
  formParams,
  offerDownload,
  showFormErrors,
  showUrlErrors,
  toCsv,
  TrainSession,
  updateUrl,
} from "./train-session.ts";

/** The settings besides the architectures, in the form and in the URL. */
const FORM_KEYS = ["sizes", "seed", "backend"] as const;

// Observable Plot loads with the first redraw, not with the page (the build already drew the reference).
const memorizeChart = lazy(() => import("../../charts/train-memorize.ts"));

class TrainMemorizeElement extends HTMLElement {
  private session: TrainSession | undefined;
  private results: MemorizeResult[] = [];
  private pending = new Map<string, { params: number; attempts: MemorizeAttempt[] }>();
  private config: MemorizeConfig | undefined;
  private label = "";

  connectedCallback(): void {
    const { config, errors } = parseMemorizeConfig(new URL(location.href).searchParams, this.defaults());
    showUrlErrors(this, errors);
    this.fill(config);
    this.session = new TrainSession(this, {
      onMessage: (msg) => {
        if (msg.type === "run-start") this.label = msg.label;
        else if (msg.type === "batch") this.session?.status(batchLine(this.label, msg.stats));
        else if (msg.type === "memorize-attempt") {
          const p = this.pending.get(msg.arch) ?? { params: msg.params, attempts: [] };
          p.attempts.push(msg.attempt);
          this.pending.set(msg.arch, p);
          this.render();
        } else if (msg.type === "memorize-result") {
          this.pending.delete(msg.result.arch);
          this.results.push(msg.result);
          this.render();
        }
      },
      onDone: () => this.session?.status(`Finished: ${this.results.length} networks searched.`),
    });
    this.session.el('[data-action="start"]').addEventListener("click", () => this.start());
  }

  disconnectedCallback(): void {
    this.session?.terminate();
  }

  private defaults(): MemorizeConfig {
    return JSON.parse(this.dataset["defaults"] ?? "{}") as MemorizeConfig;
  }

  private form(): HTMLFormElement {
    return this.querySelector("form[data-controls]") as HTMLFormElement;
  }

  private fill(c: MemorizeConfig): void {
    fillForm(this.form(), c, FORM_KEYS);
  }

  private start(): void {
    const params = formParams(this.form(), MEMORIZE_PREFIX, FORM_KEYS);
    const { config, errors } = parseMemorizeConfig(params, this.defaults());
    showFormErrors(this, errors);
    if (errors.length > 0) return;
    this.config = config;
    updateUrl((p) => writeConfig(p, MEMORIZE_PREFIX, config));
    this.results = [];
    this.pending.clear();
    this.render();
    const settings = JSON.parse(this.dataset["settings"] ?? "{}") as MemorizeSettings;
    this.session?.start({ kind: "memorize", archs: config.archs, sizes: config.sizes, seed: config.seed, settings }, config.backend);
  }

  private render(): void {
    const reference = JSON.parse(this.dataset["reference"] ?? "[]") as MemorizeChartRow[];
    const live = this.results.map((r) => ({ arch: r.arch, params: r.params, bitsPerParameter: r.bitsPerParameter, source: "your runs" }));
    void memorizeChart(({ trainMemorizeChart }) =>
      this.querySelector("[data-chart]")?.replaceChildren(trainMemorizeChart([...reference, ...live], { document })),
    );
    const row = (arch: string, params: number, attempts: MemorizeAttempt[], done?: MemorizeResult): HTMLTableRowElement => {
      const tr = document.createElement("tr");
      tr.dataset["arch"] = arch;
      const cells = [
        formatInt(params),
        done === undefined ? "your run (searching)" : "your run",
        attempts.map((a) => `${formatInt(a.n)}: ${percent(a.trainAccuracy)}`).join("; "),
        done === undefined ? "…" : formatInt(done.largestFitted),
        done === undefined ? "…" : formatFixed(done.bitsPerParameter, 3),
      ];
      tr.append(Object.assign(document.createElement("th"), { scope: "row", textContent: arch }));
      tr.append(...cells.map((t) => Object.assign(document.createElement("td"), { textContent: t })));
      return tr;
    };
    this.querySelector("[data-live-rows]")?.replaceChildren(
      ...this.results.map((r) => row(r.arch, r.params, r.attempts, r)),
      ...[...this.pending].map(([arch, p]) => row(arch, p.params, p.attempts)),
    );
    if (this.results.length > 0) {
      const csv = toCsv(
        ["arch", "params", "seed", "largest_n_fitted", "bits_per_parameter"],
        this.results.map((r) => [r.arch, r.params, r.seed, r.largestFitted, r.bitsPerParameter]),
      );
      offerDownload(this.querySelector("[data-download-csv]") as HTMLAnchorElement, csv, "text/csv");
      offerDownload(
        this.querySelector("[data-download-json]") as HTMLAnchorElement,
        JSON.stringify({ config: this.config, results: this.results }, null, 1),
        "application/json",
      );
    }
  }
}

if (!customElements.get("mb-train-memorize")) customElements.define("mb-train-memorize", TrainMemorizeElement);
