import { islandDataUrl, required } from "../../client/dom.ts";
import { JobPanel } from "../../client/job-panel.ts";
import type { WorkerClient } from "../../client/worker-client.ts";
import { startWorkerJob } from "../../client/worker-job.ts";
import { formatBytes, formatInt, formatSeconds } from "../../lib/format.ts";
import type { PrequentialBlock } from "../../lib/mdl/prequential.ts";
import type { MdlRequest, MdlResponse } from "../../workers/mdl-protocol.ts";
import { archLabel, bitsText, blockRange, percent, perLabel } from "./mdl-format.ts";

interface Reference {
  totalBits: number;
  blocks: PrequentialBlock[];
}

/**
 * Enhances the build-time prequential card: computes the code of the chosen prefix in a worker, fills the block table
 * as each block is coded, and compares the total with the reference run for the same setting.
 */
class MdlPrequentialElement extends HTMLElement {
  private client: WorkerClient<MdlRequest, MdlResponse> | undefined;
  private references: Record<string, Reference> = {};

  connectedCallback(): void {
    this.references = JSON.parse(this.dataset["references"] ?? "{}") as Record<string, Reference>;
    const panel = new JobPanel(this, "The numbers shown are the reference run's.");
    panel.run.addEventListener("click", () => this.start(panel));
    panel.onCancel(() => this.client?.post({ type: "cancel" }));
    for (const input of [this.arch, this.n]) input.addEventListener("change", () => this.showReference());
  }

  disconnectedCallback(): void {
    this.client?.terminate();
  }

  private get arch(): HTMLSelectElement {
    return required<HTMLSelectElement>(this, '[data-input="arch"]');
  }

  private get n(): HTMLSelectElement {
    return required<HTMLSelectElement>(this, '[data-input="n"]');
  }

  private key(): string {
    return `${this.arch.value}@${this.n.value}`;
  }

  /** Shows the reference run of the selected setting (the table and total), hiding any earlier live result. */
  private showReference(): void {
    const ref = this.references[this.key()];
    required(this, "[data-ref-setting]").textContent =
      `${archLabel(this.arch.value)} on the first ${formatInt(Number(this.n.value))} labels`;
    required(this, "[data-ref-total]").textContent = ref === undefined ? "not computed" : bitsText(ref.totalBits);
    required(this, "[data-live-result]").hidden = true;
    required(this, "[data-live-result-per]").hidden = true;
    required(this, "[data-live-caption]").textContent = "Reference run, block by block";
    this.fillRows(ref?.blocks ?? []);
  }

  private fillRows(blocks: readonly PrequentialBlock[]): void {
    const body = required(this, "[data-live-rows]");
    body.replaceChildren(
      ...blocks.map((b) => {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.className = "mb-left";
        th.textContent = blockRange(b.start, b.end);
        tr.append(th);
        for (const text of [
          formatInt(b.trainedOn),
          bitsText(b.bits),
          perLabel(b.bitsPerLabel),
          b.trainedOn === 0 ? "uniform" : percent(b.accuracy),
        ]) {
          const td = document.createElement("td");
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
  }

  private start(panel: JobPanel): void {
    const job = { arch: this.arch.value, n: Number(this.n.value) };
    const key = this.key();
    panel.begin("Starting a background worker…");
    this.showReference();
    required(this, "[data-live-caption]").textContent = "Your browser's run, block by block (filling in)";
    const blocks: PrequentialBlock[] = [];
    this.fillRows(blocks);
    this.dataset["blocks"] = "0";
    this.client?.terminate();
    this.client = startWorkerJob<MdlRequest, MdlResponse>(
      {
        panel,
        worker: () => new Worker(new URL("../../workers/mdl.worker.ts", import.meta.url), { type: "module" }),
        failure: "Could not compute the code",
        onStopped: () => this.showReference(),
        onMessage: (msg) => {
          switch (msg.type) {
            case "download":
              panel.progress(msg.fraction, `Downloading MNIST (${formatBytes(msg.received)} received)`);
              break;
            case "backend":
              panel.progress(0, `TensorFlow.js on ${msg.backend} (${msg.detail}); coding block 1`);
              break;
            case "training":
              panel.progress(msg.fraction, `Training on the first ${formatInt(msg.trainSize)} labels`);
              break;
            case "block":
              blocks.push(msg.block);
              this.fillRows(blocks);
              this.dataset["blocks"] = String(blocks.length);
              break;
            case "done":
              this.showDone(panel, key, msg.totalBits, msg.bitsPerLabel, msg.seconds);
              break;
          }
        },
      },
      { type: "start", dataUrl: islandDataUrl(this), job },
    );
  }

  private showDone(panel: JobPanel, key: string, total: number, per: number, seconds: number): void {
    required(this, "[data-live-total]").textContent = bitsText(total);
    required(this, "[data-live-per-label]").textContent = perLabel(per);
    required(this, "[data-live-result]").hidden = false;
    required(this, "[data-live-result-per]").hidden = false;
    required(this, "[data-live-caption]").textContent = "Your browser's run, block by block";
    const ref = this.references[key];
    const diff = ref === undefined ? NaN : total - ref.totalBits;
    const same = bitsText(total) === (ref === undefined ? "" : bitsText(ref.totalBits));
    this.dataset["match"] = same ? "yes" : "no";
    panel.done(
      `Computed ${bitsText(total)} in ${formatSeconds(seconds * 1000)} in your browser. ` +
        (ref === undefined
          ? "There is no reference run for this setting."
          : same
            ? "It matches the reference run to the bit."
            : `The reference run gave ${bitsText(ref.totalBits)} (${diff > 0 ? "+" : ""}${formatInt(Math.round(diff))} bits here): ` +
              "a different float32 summation order (another wasm build, or the JavaScript fallback) changes the trained weights slightly."),
      "Compute again",
    );
  }
}

if (!customElements.get("mb-mdl-prequential")) customElements.define("mb-mdl-prequential", MdlPrequentialElement);
