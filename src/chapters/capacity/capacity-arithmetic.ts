import { capacityArithmetic } from "../../lib/capacity/mnist-arithmetic.ts";
import { arithmeticCells } from "../../lib/capacity/text.ts";
import { formatBytes } from "../../lib/format.ts";
import type { CapacityRequest, CapacityResponse } from "../../workers/capacity-protocol.ts";
import { islandDataUrl } from "../../client/dom.ts";
import { JobPanel } from "../../client/job-panel.ts";
import type { WorkerClient } from "../../client/worker-client.ts";
import { startWorkerJob } from "../../client/worker-job.ts";
import { capacityModels } from "./capacity-arithmetic-settings.ts";

/** Downloads only the training labels (in a worker, verified against the manifest) and recomputes every cell. */
class CapacityArithmeticElement extends HTMLElement {
  private client: WorkerClient<CapacityRequest, CapacityResponse> | undefined;
  private panel: JobPanel | undefined;

  connectedCallback(): void {
    const panel = new JobPanel(this, "The numbers shown are still the ones computed when the page was built.");
    this.panel = panel;
    panel.run.addEventListener("click", () => this.load(panel));
    panel.onCancel(() => this.client?.post({ type: "cancel" }));
  }

  disconnectedCallback(): void {
    this.client?.terminate();
  }

  private load(panel: JobPanel): void {
    panel.begin("Downloading the training labels in a background worker…");
    this.client?.terminate();
    this.client = startWorkerJob<CapacityRequest, CapacityResponse>(
      {
        panel,
        worker: () => new Worker(new URL("../../workers/capacity.worker.ts", import.meta.url), { type: "module" }),
        failure: "Could not load the training labels",
        onMessage: (msg) => {
          if (msg.type === "labels-progress") {
            panel.progress(
              msg.received / msg.total,
              `Downloading the training labels (${formatBytes(msg.received)} of ${formatBytes(msg.total)})`,
            );
          } else if (msg.type === "labels") this.show(msg.labels, msg.received);
        },
      },
      { type: "labels", dataUrl: islandDataUrl(this) },
    );
  }

  private show(labels: Uint8Array, received: number): void {
    const cells = arithmeticCells(capacityArithmetic(labels, Number(this.dataset["seedBits"]), capacityModels()));
    let mismatches = 0;
    this.querySelectorAll<HTMLElement>("[data-cell]").forEach((el) => {
      const key = el.dataset["cell"] ?? "";
      const live = cells[key];
      if (live === undefined) return;
      const built = el.textContent?.trim();
      if (built !== live) mismatches++;
      el.textContent = live;
      el.dataset["confirmed"] = built === live ? "yes" : "no";
    });
    this.panel?.done(
      `Recomputed in your browser from the ${cells["count"]} verified training labels (${formatBytes(received)} downloaded). ` +
        (mismatches === 0 ? "Every number matches the one computed at build time." : `${mismatches} numbers differ from the build.`),
      "Recompute again",
    );
  }
}

if (!customElements.get("mb-capacity-arithmetic")) customElements.define("mb-capacity-arithmetic", CapacityArithmeticElement);
