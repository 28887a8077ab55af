import { islandDataUrl } from "../../client/dom.ts";
import { JobClient } from "../../client/job-client.ts";
import { JobPanel } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { formatBytes } from "../../lib/format.ts";
import type { CapacityProtocol } from "../../workers/capacity-protocol.ts";
import { BUILT_NOTE, arithmeticFromLabels, arithmeticView, liveStatus } from "./arithmetic-view.ts";

/** Downloads only the training labels (in a worker, verified against the manifest) and recomputes every cell. */
class CapacityArithmeticElement extends HTMLElement {
  private readonly client = new JobClient<CapacityProtocol>(
    () => new Worker(new URL("../../workers/capacity.worker.ts", import.meta.url), { type: "module" }),
  );

  connectedCallback(): void {
    const panel = new JobPanel(this, { builtNote: BUILT_NOTE, failure: "Could not load the training labels" });
    panel.run.addEventListener("click", () => {
      void panel.start("Downloading the training labels in a background worker…", async (run) => {
        const reply = await this.client.run(
          { type: "labels", dataUrl: islandDataUrl(this) },
          {
            signal: run.signal,
            onProgress: (p) => {
              if (p.type === "downloading") {
                run.progress(
                  p.received / p.total,
                  `Downloading the training labels (${formatBytes(p.received)} of ${formatBytes(p.total)})`,
                );
              }
            },
          },
        );
        if (reply.type !== "labels") throw new Error(`the worker answered a ${reply.type} job`);
        const arithmetic = arithmeticFromLabels(reply.labels);
        const { mismatches } = patch(this, arithmeticView(arithmetic), { confirm: true });
        const source = reply.reused > 0 ? `read again from this page's earlier download` : `${formatBytes(reply.received)} downloaded`;
        return { text: liveStatus(arithmetic, source, mismatches), again: "Recompute again" };
      });
    });
  }

  disconnectedCallback(): void {
    this.client.terminate();
  }
}

export default CapacityArithmeticElement;
