import { loadedText, sizesText } from "../../client/data-sizes.ts";
import { islandDataSizes, islandDataUrl } from "../../client/dom.ts";
import { JobClient } from "../../client/job-client.ts";
import { JobPanel } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import type { CapacityProtocol } from "../../workers/capacity-protocol.ts";
import { BUILT_NOTE, arithmeticFromLabels, arithmeticView, liveStatus } from "./arithmetic-view.ts";

/** Downloads only the training labels (in a worker, verified against the manifest) and recomputes every cell. */
class CapacityArithmeticElement extends HTMLElement {
  private readonly client = new JobClient<CapacityProtocol>(
    () => new Worker(new URL("../../workers/capacity.worker.ts", import.meta.url), { type: "module" }),
  );

  connectedCallback(): void {
    const panel = new JobPanel(this, { builtNote: BUILT_NOTE, failure: "Could not load the training labels" });
    const sizes = islandDataSizes(this);
    panel.run.addEventListener("click", () => {
      void panel.start("Downloading the training labels in a background worker…", async (run) => {
        const reply = await this.client.run(
          { type: "labels", dataUrl: islandDataUrl(this) },
          {
            signal: run.signal,
            onProgress: (p) => {
              if (p.type === "downloading") run.progress(p.received / p.total, `Downloading the training labels (${sizesText(sizes)})`);
            },
          },
        );
        if (reply.type !== "labels") throw new Error(`the worker answered a ${reply.type} job`);
        const arithmetic = arithmeticFromLabels(reply.labels);
        const { mismatches } = patch(this, arithmeticView(arithmetic), { confirm: true });
        const source = loadedText(sizes, reply.received, reply.reused);
        return { text: liveStatus(arithmetic, source, mismatches), again: "Recompute again" };
      });
    });
  }

  disconnectedCallback(): void {
    this.client.terminate();
  }
}

export default CapacityArithmeticElement;
