import { JobPanel } from "../../client/job-panel.ts";
import { WorkerClient } from "../../client/worker-client.ts";
import type { GrayImage } from "../../lib/image/tile.ts";
import type { StatsJob, StatsRequest, StatsResponse } from "../../workers/stats-protocol.ts";

/** A stats worker shared by an island's panels; messages about a job go to that job's panel. */
export class StatsWorker {
  private client: WorkerClient<StatsRequest, StatsResponse> | undefined;
  private readonly panels = new Map<StatsJob, JobPanel>();
  private active: StatsJob | undefined;

  constructor(private readonly onResult: (msg: StatsResponse) => void) {}

  attach(job: StatsJob, panel: JobPanel): void {
    this.panels.set(job, panel);
    panel.onCancel(() => this.client?.post({ type: "cancel" }));
  }

  start(request: Exclude<StatsRequest, { type: "cancel" }>, text: string): void {
    if (request.type === "load" || !this.client) this.restart();
    this.active = request.type;
    this.panels.get(request.type)?.begin(text);
    this.client?.post(request);
  }

  terminate(): void {
    this.client?.terminate();
    this.client = undefined;
  }

  private restart(): void {
    this.terminate();
    this.client = new WorkerClient<StatsRequest, StatsResponse>(
      () => new Worker(new URL("../../workers/stats.worker.ts", import.meta.url), { type: "module" }),
      (msg) => this.route(msg),
      (message) => {
        this.client = undefined;
        // A dead worker takes the loaded data with it: every panel must start from the download again.
        for (const p of this.panels.values()) if (p.el.dataset["state"] === "running") p.failed(message);
        if (this.active !== "load") this.panels.get("load")?.failed(`${message}; load the data again`);
      },
    );
  }

  private route(msg: StatsResponse): void {
    switch (msg.type) {
      case "progress":
        this.panels.get(msg.job)?.progress(msg.fraction, msg.detail);
        return;
      case "cancelled":
        this.panels.get(msg.job)?.cancelled();
        return;
      case "error":
        this.panels.get(msg.job)?.failed(msg.job === "load" ? `Could not load the dataset: ${msg.message}` : msg.message);
        return;
      default:
        this.onResult(msg);
    }
  }
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
