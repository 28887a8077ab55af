import { sizesText } from "../../client/data-sizes.ts";
import { islandDataSizes, islandDataUrl, required } from "../../client/dom.ts";
import { pageWorker } from "../../client/job-client.ts";
import { JobPanel, type PanelRun } from "../../client/job-panel.ts";
import { patch } from "../../client/patch.ts";
import { formatInt } from "../../lib/format.ts";
import { SIDE } from "../../lib/frontier/net.ts";
import type { FrontierProgress, FrontierProtocol, FrontierVerified } from "../../workers/frontier-protocol.ts";
import { MAX_WRONG_SHOWN, agrees, doneText, verifyCardView, verifyResultView, wrongLabel, type ServedInfo } from "./verify-view.ts";

/** The page's frontier worker (frontier-protocol.ts), shared with any other island that runs served models. */
const frontierWorker = () =>
  pageWorker<FrontierProtocol>(
    "frontier",
    () => new Worker(new URL("../../workers/frontier.worker.ts", import.meta.url), { type: "module" }),
  );

/** What the build put in data-model: the file's URL under the site's base and its SHA-256, and the card's inputs. */
interface ModelData {
  url: string;
  sha256: string;
  info: ServedInfo;
  testBytes: number;
}

/**
 * Enhances the build-time card: downloads the served model file in the frontier worker, which refuses it unless it is
 * the build's byte for byte, classifies the test images and shows the result. The result part is cleared and hidden
 * when a run starts, and stays hidden unless the run finishes: nothing from a file that failed a check is shown.
 */
class VerifyModelElement extends HTMLElement {
  private panel: JobPanel | undefined;

  connectedCallback(): void {
    const panel = new JobPanel(this, {
      builtNote: "The figures shown are the ones the build recorded.",
      failure: "Verification failed",
      failedTail: "Nothing from it is shown.",
    });
    this.panel = panel;
    panel.run.addEventListener("click", () => void this.start(panel));
  }

  disconnectedCallback(): void {
    this.panel?.abort();
  }

  private get model(): ModelData {
    return JSON.parse(this.dataset["model"] ?? "{}") as ModelData;
  }

  private show(run: FrontierVerified | undefined): void {
    const { info } = this.model;
    patch(this, verifyResultView(run, info, islandDataSizes(this)));
    required(this, "[data-result]").hidden = run === undefined;
    const wrong = required(this, "[data-wrong]");
    if (run === undefined) {
      wrong.replaceChildren();
      delete this.dataset["match"];
      delete this.dataset["accuracy"];
      return;
    }
    this.drawWrong(wrong, run);
    this.dataset["match"] = agrees(run, info) ? "yes" : "no";
    this.dataset["accuracy"] = String(run.accuracy);
  }

  private async start(panel: JobPanel): Promise<void> {
    const { url, sha256, info, testBytes } = this.model;
    await panel.start("Starting a background worker…", async (run) => {
      this.show(undefined);
      try {
        const result = await frontierWorker().run(
          {
            type: "verify",
            modelUrl: new URL(url, location.href).href,
            expected: { path: info.path, bytes: info.bytes, sha256 },
            dataUrl: islandDataUrl(this),
            pixelsFor: MAX_WRONG_SHOWN,
          },
          { signal: run.signal, onProgress: (p) => this.progress(run, p) },
        );
        // A run cancelled while its result was on its way shows nothing of it.
        run.signal.throwIfAborted();
        patch(this, verifyCardView(info, testBytes, true));
        this.show(result);
        return { text: doneText(result, info), again: `Verify again (downloads ${formatInt(info.bytes)} bytes)` };
      } catch (e) {
        // Cancelled or failed: nothing of the run stays on the page.
        this.show(undefined);
        throw e;
      }
    });
  }

  private progress(run: PanelRun, p: FrontierProgress): void {
    switch (p.type) {
      case "model":
        run.status(`The model file (${formatInt(p.bytes)} bytes) is the build's and decodes; loading the test images…`);
        break;
      case "data":
        run.progress(
          p.fraction,
          `Loading the test images (${sizesText(islandDataSizes(this))}${p.reused > 0 ? "; part of them from this page's copy" : ""})`,
        );
        break;
      case "evaluate":
        run.progress(p.done / p.total, `Classifying test image ${formatInt(p.done)} of ${formatInt(p.total)}`);
        break;
    }
  }

  /** The misclassified digits as small images (data: URLs, which the site's CSP allows for images), dark ink on white. */
  private drawWrong(list: HTMLElement, run: FrontierVerified): void {
    const canvas = document.createElement("canvas");
    canvas.width = SIDE;
    canvas.height = SIDE;
    const ctx = canvas.getContext("2d");
    const size = SIDE * SIDE;
    const shown = run.misclassified.slice(0, run.misclassifiedPixels.length / size);
    list.replaceChildren(
      ...shown.map((m, k) => {
        const { text, alt } = wrongLabel(m);
        const li = document.createElement("li");
        if (ctx !== null) {
          const img = new ImageData(SIDE, SIDE);
          for (let i = 0; i < size; i++) {
            const g = 255 - (run.misclassifiedPixels[k * size + i] ?? 0);
            img.data.set([g, g, g, 255], i * 4);
          }
          ctx.putImageData(img, 0, 0);
          li.append(Object.assign(document.createElement("img"), { src: canvas.toDataURL(), width: 42, height: 42, alt }));
        }
        const label = Object.assign(document.createElement("span"), { textContent: text });
        // The image's alternative text says it in words; the arrow is for the eye.
        if (ctx !== null) label.setAttribute("aria-hidden", "true");
        li.append(label);
        return li;
      }),
    );
  }
}

export default VerifyModelElement;
