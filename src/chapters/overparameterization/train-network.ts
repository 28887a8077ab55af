import { lazy } from "../../client/lazy.ts";
import { parseNetworkConfig, writeConfig, NETWORK_PREFIX, type NetworkConfig } from "../../lib/train/url-config.ts";
import { MISCLASSIFIED_SHOWN } from "../../lib/train/sweep-file.ts";
import type { NetworkResult } from "../../workers/train-protocol.ts";
import { formatInt, percent, seconds, wrongAlt, archLabel } from "./train-format.ts";
import { batchLine, formText, offerDownload, showUrlErrors, toCsv, TrainSession, updateUrl } from "./train-session.ts";

// Observable Plot loads with the first redraw, not with the page (the build already drew every chart).
const curvesChart = lazy(() => import("../../charts/train-curves.ts"));
const confusionChart = lazy(() => import("../../charts/train-confusion.ts"));

/** Redraws of the live curves at most this often: Plot rebuilds the SVG, and batches can arrive every few ms. */
const REDRAW_MS = 300;

class TrainNetworkElement extends HTMLElement {
  private session: TrainSession | undefined;
  private curves: {
    losses: Array<{ step: number; loss: number }>;
    tests: Array<{ step: number; accuracy: number }>;
    totalSteps: number;
  } = { losses: [], tests: [], totalSteps: 1 };
  private lastDraw = 0;
  private label = "";
  private config: NetworkConfig | undefined;

  connectedCallback(): void {
    const defaults = JSON.parse(this.dataset["defaults"] ?? "{}") as NetworkConfig;
    const { config, errors } = parseNetworkConfig(new URL(location.href).searchParams, defaults);
    showUrlErrors(this, errors);
    this.fill(config);
    this.session = new TrainSession(this, {
      onMessage: (msg) => {
        switch (msg.type) {
          case "run-start":
            this.label = msg.label;
            this.session?.el("[data-params]").replaceChildren(formatInt(msg.params));
            break;
          case "batch":
            this.curves.totalSteps = msg.stats.totalBatches;
            this.curves.losses.push({ step: msg.stats.batchesDone, loss: msg.stats.loss });
            this.session?.status(batchLine(this.label, msg.stats));
            this.draw(false);
            break;
          case "epoch":
            this.curves.tests.push({
              step: this.curves.losses[this.curves.losses.length - 1]?.step ?? 0,
              accuracy: msg.stats.test?.accuracy ?? NaN,
            });
            this.draw(true);
            break;
          case "network-result":
            this.showResult(msg.result);
            break;
          default:
            break;
        }
      },
      onDone: () => undefined,
    });
    this.session.el('[data-action="start"]').addEventListener("click", () => this.start());
  }

  disconnectedCallback(): void {
    this.session?.terminate();
  }

  private form(): HTMLFormElement {
    return this.querySelector("form[data-controls]") as HTMLFormElement;
  }

  private fill(c: NetworkConfig): void {
    const f = this.form();
    for (const [k, v] of Object.entries(c)) {
      const input = f.elements.namedItem(k);
      if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = String(v);
    }
  }

  private start(): void {
    const defaults = JSON.parse(this.dataset["defaults"] ?? "{}") as NetworkConfig;
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(this.form())) params.set(`${NETWORK_PREFIX}${k}`, formText(v));
    const { config, errors } = parseNetworkConfig(params, defaults);
    const urlError = this.querySelector<HTMLElement>("[data-url-error]");
    if (errors.length > 0) {
      if (urlError) {
        urlError.hidden = false;
        urlError.textContent = errors.join(" ").replace(/URL parameter/g, "Setting");
      }
      return;
    }
    if (urlError) urlError.hidden = true;
    this.config = config;
    updateUrl((p) => writeConfig(p, NETWORK_PREFIX, config));
    this.curves = { losses: [], tests: [], totalSteps: 1 };
    this.querySelector<HTMLElement>("[data-result]")?.setAttribute("hidden", "");
    this.session?.start(
      {
        kind: "network",
        arch: config.arch,
        seed: config.seed,
        epochs: config.epochs,
        batchSize: config.batch,
        maxLr: config.lr,
        trainSubset: config.subset,
        misclassifiedShown: MISCLASSIFIED_SHOWN,
      },
      config.backend,
    );
  }

  private draw(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const data = { losses: [...this.curves.losses], tests: [...this.curves.tests], totalSteps: this.curves.totalSteps };
    void curvesChart(({ trainCurvesChart }) => {
      const host = this.querySelector<HTMLElement>("[data-curves]");
      host?.replaceChildren(trainCurvesChart(data, { document }));
      if (host) host.dataset["live"] = "yes";
    });
  }

  private showResult(r: NetworkResult): void {
    this.draw(true);
    const result = this.querySelector<HTMLElement>("[data-result]");
    if (result) {
      result.hidden = false;
      result.textContent =
        `Your run: ${archLabel(r.arch)} reached ${percent(r.testAccuracy)} test accuracy on ${formatInt(r.testCount)} test images ` +
        `after ${r.epochs.length} epoch${r.epochs.length === 1 ? "" : "s"}, in ${seconds(r.trainSeconds)} of training ` +
        `at ${formatInt(r.imagesPerSecond)} images/s.`;
      result.dataset["accuracy"] = String(r.testAccuracy);
      result.dataset["seconds"] = String(r.trainSeconds);
    }
    void confusionChart(({ trainConfusionChart }) =>
      this.querySelector("[data-confusion] [role=img]")?.replaceWith(trainConfusionChart(r.confusion, { document })),
    );
    const caption = this.querySelector("[data-confusion-caption]");
    if (caption)
      caption.textContent = `Where the ${formatInt(r.testCount - Math.round(r.testAccuracy * r.testCount))} test errors go (your run).`;
    const table = this.querySelector("[data-confusion-table] tbody");
    table?.replaceChildren(
      ...r.confusion.map((row, t) => {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = String(t);
        tr.append(th, ...row.map((c) => Object.assign(document.createElement("td"), { textContent: formatInt(c) })));
        return tr;
      }),
    );
    const epochs = this.querySelector("[data-epochs-table] tbody");
    epochs?.replaceChildren(
      ...r.epochs.map((e) => {
        const tr = document.createElement("tr");
        for (const v of [String(e.epoch), e.trainLoss.toFixed(4), e.test === undefined ? "–" : percent(e.test.accuracy)]) {
          tr.append(Object.assign(document.createElement("td"), { textContent: v }));
        }
        return tr;
      }),
    );
    this.drawWrong(r);
    const csv = toCsv(
      ["step", "batch_loss"],
      this.curves.losses.map((d) => [d.step, d.loss]),
    );
    offerDownload(this.querySelector("[data-download-csv]") as HTMLAnchorElement, csv, "text/csv");
    const json = JSON.stringify({ config: this.config, ...r, misclassifiedPixels: undefined }, null, 1);
    offerDownload(this.querySelector("[data-download-json]") as HTMLAnchorElement, json, "application/json");
  }

  private drawWrong(r: NetworkResult): void {
    const canvas = document.createElement("canvas");
    canvas.width = 28;
    canvas.height = 28;
    const ctx = canvas.getContext("2d");
    const list = this.querySelector("[data-wrong]");
    if (!ctx || !list) return;
    list.replaceChildren(
      ...r.misclassified.map((m, k) => {
        const img = new ImageData(28, 28);
        for (let i = 0; i < 784; i++) {
          const g = 255 - (r.misclassifiedPixels[k * 784 + i] ?? 0);
          img.data.set([g, g, g, 255], i * 4);
        }
        ctx.putImageData(img, 0, 0);
        const li = document.createElement("li");
        const el = Object.assign(document.createElement("img"), { src: canvas.toDataURL(), width: 42, height: 42 });
        el.alt = wrongAlt(m.index, m.truth, m.predicted);
        li.append(el, Object.assign(document.createElement("span"), { textContent: `${m.truth} → ${m.predicted}` }));
        return li;
      }),
    );
  }
}

if (!customElements.get("mb-train-network")) customElements.define("mb-train-network", TrainNetworkElement);
