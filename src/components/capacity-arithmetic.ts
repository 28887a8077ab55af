import { capacityArithmetic } from "../lib/capacity/mnist-arithmetic.ts";
import { arithmeticCells } from "../lib/capacity/text.ts";
import { formatBytes } from "../lib/format.ts";
import type { CapacityRequest, CapacityResponse } from "../workers/capacity-protocol.ts";
import { required } from "../client/dom.ts";
import { WorkerClient } from "../client/worker-client.ts";
import { capacityModels } from "./capacity-arithmetic-settings.ts";

/** Downloads only the training labels (in a worker, verified against the manifest) and recomputes every cell. */
class CapacityArithmeticElement extends HTMLElement {
  private client: WorkerClient<CapacityRequest, CapacityResponse> | undefined;

  connectedCallback(): void {
    this.el("[data-controls]").hidden = false;
    this.el('[data-action="load"]').addEventListener("click", () => this.load());
    this.el('[data-action="cancel"]').addEventListener("click", () => this.client?.post({ type: "cancel" }));
  }

  disconnectedCallback(): void {
    this.client?.terminate();
  }

  private el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return required<T>(this, selector);
  }

  private load(): void {
    const loadButton = this.el<HTMLButtonElement>('[data-action="load"]');
    const cancelButton = this.el<HTMLButtonElement>('[data-action="cancel"]');
    const status = this.el("[data-status]");
    const error = this.el("[data-error]");
    error.hidden = true;
    loadButton.disabled = true;
    cancelButton.hidden = false;
    this.dataset["state"] = "loading";
    status.textContent = "Downloading the training labels in a background worker…";
    const finish = (): void => {
      loadButton.disabled = false;
      cancelButton.hidden = true;
    };
    const failed = (message: string): void => {
      finish();
      this.dataset["state"] = "error";
      error.textContent = `Could not load the training labels: ${message}. Nothing was computed from them.`;
      error.hidden = false;
      status.textContent = "The numbers shown are still the ones computed when the page was built.";
      loadButton.textContent = "Retry";
    };
    this.client?.terminate();
    this.client = new WorkerClient<CapacityRequest, CapacityResponse>(
      () => new Worker(new URL("../workers/capacity.worker.ts", import.meta.url), { type: "module" }),
      (msg) => {
        switch (msg.type) {
          case "labels-progress":
            status.textContent = `Downloading the training labels: ${formatBytes(msg.received)} of ${formatBytes(msg.total)}…`;
            break;
          case "labels":
            finish();
            this.show(msg.labels, msg.received);
            break;
          case "cancelled":
            finish();
            this.dataset["state"] = "cancelled";
            status.textContent = "Cancelled. The numbers shown are still the ones computed when the page was built.";
            break;
          case "error":
            failed(msg.message);
            break;
          default:
            break;
        }
      },
      failed,
    );
    this.client.post({ type: "labels", dataUrl: new URL(this.dataset["dataUrl"] ?? "data/", location.href).href });
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
    this.dataset["state"] = "loaded";
    this.el("[data-status]").textContent =
      `Recomputed in your browser from the ${cells["count"]} verified training labels (${formatBytes(received)} downloaded). ` +
      (mismatches === 0 ? "Every number matches the one computed at build time." : `${mismatches} numbers differ from the build.`);
    this.el('[data-action="load"]').textContent = "Recompute again";
  }
}

if (!customElements.get("mb-capacity-arithmetic")) customElements.define("mb-capacity-arithmetic", CapacityArithmeticElement);
