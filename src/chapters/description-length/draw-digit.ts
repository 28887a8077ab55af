import { islandDataUrl, required } from "../../client/dom.ts";
import { patch } from "../../client/patch.ts";
import { VISIT, tidyVisits } from "../../client/visit.ts";
import { errorText, fetchDataFile, fetchManifest, type LoadOptions } from "../../lib/data/fetch.ts";
import { imageAt, makeSplit, type Split } from "../../lib/data/mnist.ts";
import { formatBytes, formatInt } from "../../lib/format.ts";
import type { Network } from "../../lib/frontier/forward.ts";
import { networkOf } from "../../lib/frontier/model-file.ts";
import { loadModelFile } from "../../lib/frontier/verify.ts";
import { visitStore } from "../../workers/data-store.ts";
import {
  DIGITS,
  NET_IDS,
  PAD_SIZE,
  PEN_WIDTH,
  digitFromStrokes,
  drawView,
  logitsFor,
  type Digit,
  type ModelFacts,
  type NetId,
  type Source,
} from "./draw-view.ts";

type Point = { x: number; y: number };
type Nets = Record<NetId, Network>;

/** Paper and ink of the pad and the 28 × 28 preview: dark on white in both themes, like the site's other digits. */
const PAPER = "#fff";
const INK = "#111";

/** Downloads one served model file and opens it (length, SHA-256, decoding); every failure names the file. */
async function fetchModel(base: URL, m: ModelFacts): Promise<Network> {
  return networkOf((await loadModelFile(new URL(m.path, base), m)).model);
}

/**
 * The drawing pad. Defined on the reader's first action (a press on the pad, which DrawDigit.astro's script keeps and
 * replays, or a click, change or submit: island.ts), it starts downloading both model files at once, and classifies
 * on the main thread after every stroke, undo or test image. Strokes are kept in pad units (PAD_SIZE square), so the
 * pad can be shown at any width; its backing store follows its size and the device's pixel ratio.
 * data-state: idle (nothing to read), loading, ready (predictions shown) or error; tests wait on it.
 */
class DrawDigitElement extends HTMLElement {
  private facts!: Record<NetId, ModelFacts>;
  private pad!: HTMLCanvasElement;
  private preview!: HTMLCanvasElement;
  private strokes: Point[][] = [];
  private current: { pointerId: number; points: Point[] } | undefined;
  private source: Source = { kind: "none" };
  /** The test image on show (28 × 28), while the source is a test image. */
  private testPixels: Uint8Array | undefined;
  private logits: Record<NetId, Float64Array> | undefined;
  private named: Digit | undefined;
  private nets: Promise<Nets> | undefined;
  private netsReady = false;
  private tests: Promise<Split> | undefined;
  /** Bumped by every new image, so a slow download never shows its result over a newer one. */
  private seq = 0;
  private resize: ResizeObserver | undefined;

  connectedCallback(): void {
    this.facts = JSON.parse(this.dataset["models"] ?? "{}") as Record<NetId, ModelFacts>;
    this.pad = required<HTMLCanvasElement>(this, "canvas[data-pad]");
    this.preview = required<HTMLCanvasElement>(this, "canvas[data-preview]");
    required(this, "[data-controls]").hidden = false;
    this.pad.addEventListener("pointerdown", (e) => this.down(e));
    this.pad.addEventListener("pointermove", (e) => this.move(e));
    this.pad.addEventListener("pointerup", (e) => this.up(e));
    this.pad.addEventListener("pointercancel", (e) => this.up(e));
    required(this, '[data-action="undo"]').addEventListener("click", () => this.undo());
    required(this, '[data-action="clear"]').addEventListener("click", () => this.clear());
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.useTestImage();
    });
    this.select.addEventListener("change", () => {
      const v = this.select.value;
      this.named = v === "" ? undefined : (Number(v) as Digit);
      this.show();
    });
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(this.pad);
    this.fit();
    this.dataset["state"] = "idle";
    this.show();
    // The element exists only once the reader has acted, so the files can come now: by the end of the first stroke
    // they are usually here. A failure is reported when a classification waits on them.
    this.networks().catch(() => undefined);
  }

  disconnectedCallback(): void {
    this.resize?.disconnect();
  }

  private get form(): HTMLFormElement {
    return required<HTMLFormElement>(this, "form[data-test-form]");
  }

  private get select(): HTMLSelectElement {
    return required<HTMLSelectElement>(this, 'select[name="named"]');
  }

  // --- Drawing -------------------------------------------------------------------------------------------------

  private point(e: PointerEvent): Point {
    const r = this.pad.getBoundingClientRect();
    const clamp = (v: number) => Math.min(PAD_SIZE, Math.max(0, v));
    return { x: clamp(((e.clientX - r.left) * PAD_SIZE) / r.width), y: clamp(((e.clientY - r.top) * PAD_SIZE) / r.height) };
  }

  private down(e: PointerEvent): void {
    if (!e.isPrimary || this.current !== undefined || (e.pointerType === "mouse" && e.button !== 0)) return;
    try {
      this.pad.setPointerCapture(e.pointerId);
    } catch {
      // A replayed press whose pointer is already up cannot be captured; the stroke is drawn all the same.
    }
    if (this.source.kind === "test") {
      // Drawing after a test image starts a fresh drawing.
      this.strokes = [];
      this.testPixels = undefined;
      this.source = { kind: "none" };
      this.paint();
    }
    this.current = { pointerId: e.pointerId, points: [] };
    this.extend(this.point(e));
  }

  private move(e: PointerEvent): void {
    if (this.current?.pointerId !== e.pointerId) return;
    // Coalesced events give the full path of a fast pen; replayed (synthetic) events have none.
    const all = typeof e.getCoalescedEvents === "function" ? e.getCoalescedEvents() : [];
    for (const ev of all.length > 0 ? all : [e]) this.extend(this.point(ev));
  }

  private up(e: PointerEvent): void {
    const stroke = this.current;
    if (stroke?.pointerId !== e.pointerId) return;
    if (e.type === "pointerup") this.extend(this.point(e));
    this.current = undefined;
    this.strokes.push(stroke.points);
    this.source = { kind: "drawing", strokes: this.strokes.length };
    void this.classify();
  }

  /** Adds a point to the stroke under way and inks the new segment. */
  private extend(p: Point): void {
    const points = this.current?.points;
    if (points === undefined) return;
    const last = points.at(-1);
    if (last !== undefined && last.x === p.x && last.y === p.y && points.length > 1) return;
    points.push(p);
    const ctx = this.penContext();
    if (ctx === null) return;
    ctx.beginPath();
    ctx.moveTo((last ?? p).x, (last ?? p).y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  }

  private penContext(): CanvasRenderingContext2D | null {
    const ctx = this.pad.getContext("2d");
    if (ctx === null) return null;
    const s = this.pad.width / PAD_SIZE;
    ctx.setTransform(s, 0, 0, s, 0, 0);
    Object.assign(ctx, { lineWidth: PEN_WIDTH, lineCap: "round", lineJoin: "round", strokeStyle: INK });
    return ctx;
  }

  /** Sizes the pad's backing store to its box and the device's pixel ratio, then repaints it. */
  private fit(): void {
    const width = this.pad.getBoundingClientRect().width;
    if (width > 0) {
      const side = Math.max(1, Math.round(width * (window.devicePixelRatio || 1)));
      if (this.pad.width !== side) [this.pad.width, this.pad.height] = [side, side];
    }
    this.paint();
  }

  /** Repaints the pad: paper, the test image on show (enlarged), then every stroke. */
  private paint(): void {
    const ctx = this.pad.getContext("2d");
    if (ctx === null) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = PAPER;
    ctx.fillRect(0, 0, this.pad.width, this.pad.height);
    if (this.testPixels !== undefined) {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.preview, 0, 0, this.pad.width, this.pad.height);
    }
    const pen = this.penContext();
    if (pen === null) return;
    for (const points of [...this.strokes, ...(this.current === undefined ? [] : [this.current.points])]) {
      const [first, ...rest] = points;
      if (first === undefined) continue;
      pen.beginPath();
      pen.moveTo(first.x, first.y);
      for (const p of rest.length > 0 ? rest : [first]) pen.lineTo(p.x, p.y);
      pen.stroke();
    }
  }

  /** Draws the 28 × 28 image the networks read (or blank paper). */
  private drawPreview(pixels: Uint8Array | undefined): void {
    const ctx = this.preview.getContext("2d");
    if (ctx === null) return;
    const img = new ImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const g = 255 - (pixels?.[i] ?? 0);
      img.data.set([g, g, g, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }

  private undo(): void {
    if (this.source.kind === "test") return this.clear();
    if (this.strokes.length === 0) return;
    this.strokes.pop();
    this.source = this.strokes.length === 0 ? { kind: "none" } : { kind: "drawing", strokes: this.strokes.length };
    this.paint();
    void this.classify();
  }

  private clear(): void {
    this.strokes = [];
    this.current = undefined;
    this.testPixels = undefined;
    this.source = { kind: "none" };
    this.paint();
    void this.classify();
  }

  // --- Classifying ---------------------------------------------------------------------------------------------

  /** Both networks, downloaded and checked once; a failed load is forgotten, so the next action tries again. */
  private networks(): Promise<Nets> {
    let loading = this.nets;
    if (loading === undefined) {
      const base = new URL(this.dataset["base"] ?? "/", location.href);
      const started = Promise.all([fetchModel(base, this.facts.small), fetchModel(base, this.facts.ref)]).then(([small, ref]) => {
        this.netsReady = true;
        return { small, ref };
      });
      started.catch(() => {
        if (this.nets === started) this.nets = undefined;
      });
      this.nets = loading = started;
    }
    return loading;
  }

  /** Reads the current image (the drawing, or the test image on show) with both networks and shows the result. */
  private async classify(): Promise<void> {
    const seq = ++this.seq;
    let pixels: Uint8Array | undefined;
    if (this.source.kind === "drawing") {
      const digit = digitFromStrokes(this.strokes);
      if (digit.empty) this.source = { kind: "none" };
      else pixels = digit.pixels;
    } else if (this.source.kind === "test") pixels = this.testPixels;
    this.logits = undefined;
    this.drawPreview(pixels);
    this.error("");
    if (pixels === undefined) {
      this.status("");
      this.settle("idle");
      return;
    }
    if (!this.netsReady) {
      this.status(`Downloading and checking the two networks' files (${formatBytes(this.facts.small.bytes + this.facts.ref.bytes)})…`);
      this.settle("loading");
    }
    let nets: Nets;
    try {
      nets = await this.networks();
    } catch (e) {
      if (seq === this.seq) this.fail(`Could not load the networks: ${errorText(e)}. No prediction is shown; draw again to retry.`);
      return;
    }
    if (seq !== this.seq) return;
    this.logits = logitsFor(nets, pixels);
    this.status("");
    this.settle("ready");
  }

  private async useTestImage(): Promise<void> {
    const input = required<HTMLInputElement>(this.form, 'input[name="index"]');
    const count = Number(this.dataset["testCount"] ?? 10_000);
    const index = Number(input.value);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      this.error(`The test image number must be a whole number from 0 to ${formatInt(count - 1)}.`);
      return;
    }
    const seq = ++this.seq;
    this.error("");
    this.dataset["state"] = "loading";
    let split: Split;
    try {
      split = await this.testSet((text) => {
        if (seq === this.seq) this.status(text);
      });
    } catch (e) {
      if (seq === this.seq) this.fail(`Could not load the test images: ${errorText(e)}. Press Use this image to retry.`);
      return;
    }
    if (seq !== this.seq) return;
    const label = split.labels[index] as Digit;
    this.strokes = [];
    this.current = undefined;
    this.testPixels = imageAt(split, index).slice();
    this.source = { kind: "test", index, label };
    this.named = label;
    this.select.value = String(label);
    this.drawPreview(this.testPixels);
    this.paint();
    await this.classify();
  }

  /** MNIST's test split, downloaded and verified once (shared through the page's store with its workers). */
  private testSet(onStatus: (text: string) => void): Promise<Split> {
    if (this.tests === undefined) {
      const url = islandDataUrl(this);
      tidyVisits();
      const store = visitStore(VISIT);
      const options: LoadOptions = store === undefined ? {} : { store };
      onStatus("Downloading the test images…");
      const loading = (async () => {
        const manifest = await fetchManifest(url, options);
        const { testImages, testLabels } = manifest.files;
        const progress = (received: number) => onStatus(`Downloading the test images (${formatBytes(received)} received)…`);
        const [images, labels] = await Promise.all([
          fetchDataFile(url, testImages, progress, options),
          fetchDataFile(url, testLabels, () => undefined, options),
        ]);
        return makeSplit(images, labels, testImages.path, testLabels.path);
      })();
      this.tests = loading;
      loading.catch(() => {
        if (this.tests === loading) this.tests = undefined;
      });
    }
    return this.tests;
  }

  // --- Showing -------------------------------------------------------------------------------------------------

  private settle(state: "idle" | "loading" | "ready" | "error"): void {
    this.show();
    this.dataset["state"] = state;
  }

  private fail(text: string): void {
    this.logits = undefined;
    this.status("");
    this.settle("error");
    this.error(text);
  }

  private status(text: string): void {
    required(this, "[data-status]").textContent = text;
  }

  private error(text: string): void {
    const el = required(this, "[data-error]");
    el.textContent = text;
    el.hidden = text === "";
  }

  private show(): void {
    const view = drawView({
      models: this.facts,
      met: this.dataset["met"] === "true",
      source: this.source,
      logits: this.logits,
      named: this.named,
    });
    patch(this, view);
    for (const id of NET_IDS) {
      const rows = this.querySelectorAll<HTMLTableRowElement>(`tbody[data-probabilities="${id}"] tr`);
      rows.forEach((tr, d) => {
        const bar = tr.querySelector<HTMLElement>("[data-bar]");
        if (bar !== null) bar.style.width = `${(100 * (view.bars[id][d] ?? 0)).toFixed(1)}%`;
        tr.toggleAttribute("data-top", view.top[id] === d);
        tr.toggleAttribute("data-named", this.logits !== undefined && this.named === DIGITS[d]);
      });
    }
  }
}

export default DrawDigitElement;
