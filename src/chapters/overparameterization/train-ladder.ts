import { lazy } from "../../client/lazy.ts";
import { smallestReliable, summariseLadder, type LadderCell, type LadderPoint } from "../../lib/train/sweep.ts";
import { LADDER_PREFIX, parseLadderConfig, writeConfig, type LadderConfig } from "../../lib/train/url-config.ts";
import { archLabel, formatFixed, formatInt, percent } from "./train-format.ts";
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
const FORM_KEYS = ["seeds", "subset", "epochs", "target", "backend"] as const;

// Observable Plot loads with the first redraw, not with the page (the build already drew the reference).
const ladderChart = lazy(() => import("../../charts/train-ladder.ts"));

class TrainLadderElement extends HTMLElement {
  private session: TrainSession | undefined;
  private cells: LadderCell[] = [];
  private config: LadderConfig | undefined;
  private label = "";
  private runText = "";

  connectedCallback(): void {
    const defaults = this.defaults();
    const { config, errors } = parseLadderConfig(new URL(location.href).searchParams, defaults);
    showUrlErrors(this, errors);
    this.fill(config);
    this.session = new TrainSession(this, {
      onMessage: (msg) => {
        if (msg.type === "run-start") {
          this.label = msg.label;
          this.runText = `network ${msg.run + 1} of ${msg.runs}`;
        } else if (msg.type === "batch") {
          this.session?.status(`${this.runText}: ${batchLine(this.label, msg.stats)}`);
        } else if (msg.type === "ladder-cell") {
          this.cells.push(msg.cell);
          this.render();
        }
      },
      onDone: () => {
        const smallest = this.smallestLive();
        this.session?.status(
          `Finished ${this.cells.length} runs. ` +
            (smallest === undefined
              ? `None of your sizes reached ${formatFixed(this.target() * 100, 1)}% with every seed.`
              : `The smallest of your networks whose every seed reached ${formatFixed(this.target() * 100, 1)}%: ${archLabel(smallest.arch)}.`),
        );
      },
    });
    this.session.el('[data-action="start"]').addEventListener("click", () => this.start());
  }

  disconnectedCallback(): void {
    this.session?.terminate();
  }

  private defaults(): LadderConfig {
    return JSON.parse(this.dataset["defaults"] ?? "{}") as LadderConfig;
  }

  private form(): HTMLFormElement {
    return this.querySelector("form[data-controls]") as HTMLFormElement;
  }

  private fill(c: LadderConfig): void {
    fillForm(this.form(), c, FORM_KEYS);
  }

  private target(): number {
    return (this.config ?? this.defaults()).target / 100;
  }

  private start(): void {
    const params = formParams(this.form(), LADDER_PREFIX, FORM_KEYS);
    const { config, errors } = parseLadderConfig(params, this.defaults());
    showFormErrors(this, errors);
    if (errors.length > 0) return;
    this.config = config;
    updateUrl((p) => writeConfig(p, LADDER_PREFIX, config));
    this.cells = [];
    this.render();
    this.session?.start(
      {
        kind: "ladder",
        archs: config.archs,
        seeds: config.seeds,
        settings: {
          trainSubset: config.subset,
          epochs: config.epochs,
          batchSize: Number(this.dataset["batch"] ?? 128),
          maxLr: Number(this.dataset["maxLr"] ?? 0.01),
        },
      },
      config.backend,
    );
  }

  private smallestLive(): LadderPoint | undefined {
    return smallestReliable(summariseLadder(this.cells, this.target()));
  }

  private render(): void {
    const target = this.target();
    const reference = summariseLadder(JSON.parse(this.dataset["reference"] ?? "[]") as LadderCell[], target);
    const live = summariseLadder(this.cells, target);
    const smallest = smallestReliable(live);
    void ladderChart(({ trainLadderChart }) => {
      for (const metric of ["accuracy", "trainLoss"] as const) {
        const fig = this.querySelector(`[data-chart="${metric}"]`);
        const data = { reference, live, target, ...(metric === "accuracy" && smallest ? { smallest } : {}) };
        fig?.replaceChildren(trainLadderChart(data, { document, metric }));
      }
    });
    const body = this.querySelector("[data-live-rows]");
    body?.replaceChildren(
      ...live.map((p) => {
        const tr = document.createElement("tr");
        const th = Object.assign(document.createElement("th"), { scope: "row", textContent: p.arch });
        const cells = [
          formatInt(p.params),
          "your runs",
          String(p.seeds),
          `${percent(p.accuracy.min)} / ${percent(p.accuracy.mean)} / ${percent(p.accuracy.max)}`,
          formatFixed(p.trainLoss.mean, 4),
          p.allReachTarget ? "yes" : "no",
        ];
        tr.append(th, ...cells.map((t) => Object.assign(document.createElement("td"), { textContent: t })));
        tr.dataset["arch"] = p.arch;
        return tr;
      }),
    );
    if (this.cells.length > 0) {
      const csv = toCsv(
        ["arch", "params", "seed", "test_accuracy", "final_train_loss", "train_seconds"],
        this.cells.map((c) => [c.arch, c.params, c.seed, c.testAccuracy, c.trainLoss, c.trainSeconds]),
      );
      offerDownload(this.querySelector("[data-download-csv]") as HTMLAnchorElement, csv, "text/csv");
      offerDownload(
        this.querySelector("[data-download-json]") as HTMLAnchorElement,
        JSON.stringify({ config: this.config, cells: this.cells }, null, 1),
        "application/json",
      );
    }
  }
}

if (!customElements.get("mb-train-ladder")) customElements.define("mb-train-ladder", TrainLadderElement);
