import { fileLabel, sizesText, type DataSizes } from "../../client/data-sizes.ts";
import { islandDataSizes, islandDataUrl, required } from "../../client/dom.ts";
import { pageWorker, type JobClient } from "../../client/job-client.ts";
import { JobPanel } from "../../client/job-panel.ts";
import type { GrayImage } from "../../lib/image/tile.ts";
import { resultOf, type StatsLoaded, type StatsProtocol } from "../../workers/stats-protocol.ts";

/** The page's one stats worker: the chapter 1 and 2 explorers share it, so MNIST downloads once per page. */
export function statsWorker(): JobClient<StatsProtocol> {
  return pageWorker<StatsProtocol>(
    "stats",
    () => new Worker(new URL("../../workers/stats.worker.ts", import.meta.url), { type: "module" }),
  );
}

/**
 * Wires an explorer's "load the dataset" panel: the worker downloads MNIST and counts it (keeping the first `samples`
 * images), `loaded` shows the counts and returns the status line, and the button goes, as a second load would count
 * the same: focus moves to the binarization controls that appear with the data.
 */
export function attachLoadPanel(island: HTMLElement, samples: number, loaded: (result: StatsLoaded, sizes: DataSizes) => string): void {
  const worker = statsWorker();
  const sizes = islandDataSizes(island);
  const panel = new JobPanel(required(island, '[data-job="load"]'), {
    builtNote: "The numbers shown are still the ones computed when the page was built.",
    failure: "Could not load the dataset",
  });
  panel.run.addEventListener(
    "click",
    () =>
      void panel.start("Downloading the dataset in a background worker…", async (run) => {
        const job = { type: "load", dataUrl: islandDataUrl(island), samples } as const;
        const result = resultOf(
          await worker.run(job, { signal: run.signal, onProgress: (p) => run.progress(p.fraction, ...loadDetail(p.detail, sizes)) }),
          "load",
        );
        const text = loaded(result, sizes);
        const focus = island.querySelector<HTMLElement>("[data-threshold-controls] input:checked");
        return { text, retire: focus === null ? {} : { focus } };
      }),
  );
}

/**
 * The stats worker's progress words for a load ("Downloading <served file name>", then counting), said the way every
 * island says a download: the dataset's two sizes, and the file by what it holds.
 */
export function loadDetail(detail: string, sizes: DataSizes): [string, string?] {
  const file = /^(?:Downloading|Reading) (\S+)$/.exec(detail)?.[1];
  return file === undefined ? [detail] : [`Downloading MNIST (${sizesText(sizes)})`, `now the ${fileLabel(file)}`];
}

/** Shows a grey image in an <img> (so the built image and the live one share one element, size and alt text). */
export function showGray(img: HTMLImageElement, image: GrayImage): void {
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const rgba = new ImageData(image.width, image.height);
  image.gray.forEach((g, i) => rgba.data.set([g, g, g, 255], i * 4));
  ctx.putImageData(rgba, 0, 0);
  img.src = canvas.toDataURL("image/png");
}

/** Replaces the chart inside `host` (static SVG from the build, or an earlier live one). */
export function replaceChart(host: Element, chart: Element): void {
  host.replaceChildren(chart);
}

/**
 * Runs `work` at most once per `ms`, always once more after the last request: charts (tens of milliseconds to
 * redraw) follow a dragged slider a few times a second while the numbers beside them update on every frame.
 */
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending = false;

  constructor(
    private readonly ms: number,
    private readonly work: () => void,
  ) {}

  request(): void {
    if (this.timer !== undefined) {
      this.pending = true;
      return;
    }
    this.work();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pending) {
        this.pending = false;
        this.request();
      }
    }, this.ms);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
  }
}
