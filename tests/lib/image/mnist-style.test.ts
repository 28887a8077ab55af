import { describe, expect, it } from "vitest";
import { firstOfEachClass, imageAt } from "../../../src/lib/data/mnist.ts";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { mnistStyle, rasterizeStrokes, strokesBoundingBox, type Stroke } from "../../../src/lib/image/mnist-style.ts";
import { createRng, type Rng } from "../../../src/lib/random.ts";

const SIDE = 28;

/** Intensity-weighted centre of mass in pixel-index coordinates (pixel (r, c) has its centre at (c, r)). */
function centreOfMass(px: ArrayLike<number>, width = SIDE, height = SIDE): { x: number; y: number } {
  let m = 0;
  let x = 0;
  let y = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = px[r * width + c] ?? 0;
      m += v;
      x += v * c;
      y += v * r;
    }
  }
  return { x: x / m, y: y / m };
}

/** Rows and columns holding any pixel above `t`. */
function inkExtent(px: ArrayLike<number>, t = 0): { rows: number[]; cols: number[] } {
  const rows = new Set<number>();
  const cols = new Set<number>();
  for (let i = 0; i < SIDE * SIDE; i++) {
    if ((px[i] ?? 0) > t) {
      rows.add(Math.floor(i / SIDE));
      cols.add(i % SIDE);
    }
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { rows: sorted(rows), cols: sorted(cols) };
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return s / a.length;
}

/** Mean absolute difference after the best whole-pixel shift of b by at most one pixel each way. */
function meanAbsDiffUpToOnePixel(a: Uint8Array, b: Uint8Array): number {
  let best = Infinity;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      let s = 0;
      for (let r = 0; r < SIDE; r++) {
        for (let c = 0; c < SIDE; c++) {
          const rr = r + dy;
          const cc = c + dx;
          const bv = rr < 0 || cc < 0 || rr >= SIDE || cc >= SIDE ? 0 : (b[rr * SIDE + cc] ?? 0);
          s += Math.abs((a[r * SIDE + c] ?? 0) - bv);
        }
      }
      best = Math.min(best, s / (SIDE * SIDE));
    }
  }
  return best;
}

/** One to three strokes of two to eight points, kept away from the pad's edges so the pen never leaves it. */
function randomDrawing(rng: Rng, pad: number): Stroke[] {
  return Array.from({ length: 1 + rng.int(3) }, () =>
    Array.from({ length: 2 + rng.int(7) }, () => ({ x: pad * (0.15 + 0.7 * rng.next()), y: pad * (0.15 + 0.7 * rng.next()) })),
  );
}

const move = (strokes: Stroke[], f: (p: { x: number; y: number }) => { x: number; y: number }): Stroke[] => strokes.map((s) => s.map(f));

function filledRect(width: number, height: number, x0: number, y0: number, w: number, h: number): Uint8Array {
  const ink = new Uint8Array(width * height);
  for (let r = y0; r < y0 + h; r++) ink.fill(255, r * width + x0, r * width + x0 + w);
  return ink;
}

describe("mnistStyle", () => {
  it("puts a filled 30×30 square in a 20×20 block at rows and columns 5..24 (hand-worked)", () => {
    // Scale 20/30 turns full pixels into full pixels. The block's centre of mass is 9.5 on each axis, so the
    // shift 14 − 9.5 = 4.5 is a tie, which rounds up to 5: ink on 5..24, centre of mass 14.5.
    const { pixels, empty } = mnistStyle(filledRect(50, 50, 5, 10, 30, 30), 50, 50);
    expect(empty).toBe(false);
    expect(inkExtent(pixels)).toEqual({ rows: range(5, 24), cols: range(5, 24) });
    for (let r = 5; r <= 24; r++) for (let c = 5; c <= 24; c++) expect(pixels[r * SIDE + c]).toBe(255);
    expect(centreOfMass(pixels)).toEqual({ x: 14.5, y: 14.5 });
  });

  it("keeps a tall thin bar's aspect ratio: 60×13 becomes 20 tall and 13/3 wide", () => {
    const { pixels } = mnistStyle(filledRect(100, 100, 40, 20, 13, 60), 100, 100);
    const { rows, cols } = inkExtent(pixels);
    expect(rows).toHaveLength(20);
    expect(cols).toHaveLength(5); // 4 full columns and one a third full
    for (const r of rows) {
      let across = 0;
      for (const c of cols) across += (pixels[r * SIDE + c] ?? 0) / 255;
      expect(across).toBeCloseTo(13 / 3, 2);
    }
    const greys = cols.map((c) => pixels[rows[0]! * SIDE + c]);
    expect(greys.filter((v) => v === 255)).toHaveLength(4);
    expect(greys).toContain(85); // round(255 / 3)
  });

  it("puts the centre of mass within half a pixel of (14, 14) for random drawings", () => {
    const rng = createRng(20240601);
    let worst = 0;
    for (let t = 0; t < 60; t++) {
      const pad = 100 + rng.int(300);
      const ink = rasterizeStrokes(randomDrawing(rng, pad), { size: pad, lineWidth: pad * (0.03 + 0.07 * rng.next()) });
      const { pixels, empty } = mnistStyle(ink, pad, pad);
      expect(empty).toBe(false);
      const { x, y } = centreOfMass(pixels);
      worst = Math.max(worst, Math.abs(x - 14), Math.abs(y - 14));
    }
    // Whole-pixel centring lands within 0.5; rounding the grey levels to 8 bits may add a hair.
    expect(worst).toBeLessThanOrEqual(0.5 + 0.01);
  });

  it("gives the same output for the same strokes moved on the pad (translation invariance)", () => {
    const rng = createRng(7);
    for (let t = 0; t < 20; t++) {
      const strokes = randomDrawing(rng, 140);
      const lineWidth = 6 + 8 * rng.next();
      const a = mnistStyle(rasterizeStrokes(strokes, { size: 140, lineWidth }), 140, 140);
      const shifted = move(strokes, (p) => ({ x: p.x + 31, y: p.y + 17 }));
      const b = mnistStyle(rasterizeStrokes(shifted, { size: 200, lineWidth }), 200, 200);
      expect(meanAbsDiff(a.pixels, b.pixels)).toBeLessThanOrEqual(0.01);
    }
  });

  it("gives nearly the same output for strokes scaled ×2 on a ×2 pad (scale invariance)", () => {
    const rng = createRng(11);
    const direct: number[] = [];
    for (let t = 0; t < 30; t++) {
      const strokes = randomDrawing(rng, 140);
      const lineWidth = 6 + 8 * rng.next();
      const a = mnistStyle(rasterizeStrokes(strokes, { size: 140, lineWidth }), 140, 140);
      const doubled = move(strokes, (p) => ({ x: 2 * p.x, y: 2 * p.y }));
      const b = mnistStyle(rasterizeStrokes(doubled, { size: 280, lineWidth: 2 * lineWidth }), 280, 280);
      direct.push(meanAbsDiff(a.pixels, b.pixels));
      // The two rasters differ in anti-aliasing, so a centre of mass near a half-pixel can round either way:
      // allowing for that one-pixel jump, the outputs agree closely.
      expect(meanAbsDiffUpToOnePixel(a.pixels, b.pixels)).toBeLessThan(8);
    }
    direct.sort((x, y) => x - y);
    expect(direct[15]).toBeLessThan(4); // the median, with no shift allowed
  });

  it("reports an empty or nearly empty drawing as empty, with all zeros", () => {
    for (const ink of [new Float32Array(64 * 64), Float32Array.from({ length: 64 * 64 }, (_, i) => (i === 100 ? 0.02 : 0))]) {
      const { pixels, empty } = mnistStyle(ink, 64, 64);
      expect(empty).toBe(true);
      expect(pixels).toHaveLength(784);
      expect(pixels.every((v) => v === 0)).toBe(true);
    }
    expect(mnistStyle(rasterizeStrokes([], { size: 32, lineWidth: 3 }), 32, 32).empty).toBe(true);
    expect(mnistStyle(rasterizeStrokes([[]], { size: 32, lineWidth: 3 }), 32, 32).empty).toBe(true);
  });

  it("throws a clear error on bad dimensions", () => {
    expect(() => mnistStyle(new Uint8Array(100), 10, 11)).toThrow(/100 values but width × height is 10 × 11 = 110/);
    expect(() => mnistStyle(new Uint8Array(0), 0, 0)).toThrow(/width must be a positive integer/);
    expect(() => mnistStyle(new Uint8Array(10), 2.5, 4)).toThrow(/width must be a positive integer/);
    expect(() => mnistStyle(new Uint8Array(10), 10, -1)).toThrow(/height must be a positive integer/);
    expect(() => rasterizeStrokes([], { size: 0, lineWidth: 2 })).toThrow(/size/);
    expect(() => rasterizeStrokes([], { size: 8, lineWidth: 0 })).toThrow(/lineWidth/);
    expect(() => rasterizeStrokes([[{ x: NaN, y: 1 }]], { size: 8, lineWidth: 1 })).toThrow(/finite/);
  });

  it("nearly reproduces real MNIST test digits redrawn larger on a pad", () => {
    const mnist = loadMnistNode();
    const nearest = { mad: 0, box: 0 };
    const bilinear = { mad: 0, box: 0 };
    const record = (worst: { mad: number; box: number }, out: Uint8Array, digit: Uint8Array) => {
      worst.mad = Math.max(worst.mad, meanAbsDiff(out, digit));
      const a = inkExtent(out);
      const b = inkExtent(digit);
      for (const [p, q] of [
        [a.rows, b.rows],
        [a.cols, b.cols],
      ] as const) {
        worst.box = Math.max(worst.box, Math.abs((p[0] ?? 0) - (q[0] ?? 0)), Math.abs((p.at(-1) ?? 0) - (q.at(-1) ?? 0)));
      }
    };
    for (const i of firstOfEachClass(mnist.test.labels, 2)) {
      const digit = imageAt(mnist.test, i);
      // ×4 nearest: each MNIST pixel becomes a 4×4 block of a 112×112 pad.
      const pad = SIDE * 4;
      const ink = new Uint8Array(pad * pad);
      for (let r = 0; r < pad; r++) for (let c = 0; c < pad; c++) ink[r * pad + c] = digit[(r >> 2) * SIDE + (c >> 2)] ?? 0;
      record(nearest, mnistStyle(ink, pad, pad).pixels, digit);
      // Harder: ×3.5 bilinear, off-centre on a 130×130 pad, so the box filter no longer lines up with the blocks.
      const big = 130;
      const at = (r: number, c: number) => (r < 0 || c < 0 || r >= SIDE || c >= SIDE ? 0 : (digit[r * SIDE + c] ?? 0) / 255);
      const smooth = new Float32Array(big * big);
      for (let r = 0; r < big; r++) {
        for (let c = 0; c < big; c++) {
          const y = (r - 6 + 0.5) / 3.5 - 0.5;
          const x = (c - 11 + 0.5) / 3.5 - 0.5;
          const [y0, x0] = [Math.floor(y), Math.floor(x)];
          const [fy, fx] = [y - y0, x - x0];
          smooth[r * big + c] =
            (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
        }
      }
      record(bilinear, mnistStyle(smooth, big, big).pixels, digit);
    }
    // Measured when written, over 20 test digits (two of each class): ×4 nearest, mean absolute difference at
    // most 0.14 of 255 (only the stretch to a maximum of 255 changes digits whose darkest pixel is 254) and
    // identical bounding boxes. ×3.5 bilinear: mean 10.3, worst 18.6 (the blur of two resamplings, plus a
    // whole-pixel jump in centring for 5 of the 20 digits), bounding boxes within 1 pixel.
    expect(nearest.mad).toBeLessThan(1);
    expect(nearest.box).toBe(0);
    expect(bilinear.mad).toBeLessThan(25);
    expect(bilinear.box).toBeLessThanOrEqual(1);
  });

  it("accepts Float32 coverage and Uint8 grey levels alike", () => {
    const bytes = filledRect(40, 40, 3, 7, 10, 25);
    const floats = Float32Array.from(bytes, (v) => v / 255);
    expect(mnistStyle(floats, 40, 40).pixels).toEqual(mnistStyle(bytes, 40, 40).pixels);
  });
});

describe("rasterizeStrokes", () => {
  it("draws a horizontal line with full coverage across its width and nothing far away", () => {
    const size = 64;
    const ink = rasterizeStrokes(
      [
        [
          { x: 10, y: 20 },
          { x: 50, y: 20 },
        ],
      ],
      { size, lineWidth: 4 },
    );
    const at = (r: number, c: number) => ink[r * size + c] ?? NaN;
    for (let c = 10; c < 50; c++) {
      // Pixel centres at 18.5..21.5 lie within 1.5 of the line: fully inked; 17.5 and 22.5 are 2.5 away: clear.
      for (const r of [18, 19, 20, 21]) expect(at(r, c)).toBe(1);
      expect(at(17, c)).toBe(0);
      expect(at(22, c)).toBe(0);
    }
    expect(at(19, 51)).toBeGreaterThan(0.5); // round cap past the end point
    expect(at(19, 53)).toBe(0);
    expect(at(40, 30)).toBe(0);
    expect(Math.max(...ink)).toBe(1);
    expect(Math.min(...ink)).toBe(0);
  });

  it("draws a dot for a single point, of about the pen's area", () => {
    const size = 32;
    const ink = rasterizeStrokes([[{ x: 16, y: 16 }]], { size, lineWidth: 8 });
    const total = ink.reduce((s, v) => s + v, 0);
    expect(total / (Math.PI * 16)).toBeGreaterThan(0.95);
    expect(total / (Math.PI * 16)).toBeLessThan(1.05);
    expect(ink[15 * size + 15]).toBe(1);
    expect(ink[16 * size + 16]).toBe(1);
    expect(ink[16 * size + 21]).toBe(0); // 5.5 from the centre, past 4 + 0.5
    const c = centreOfMass(ink, size, size);
    expect(c.x).toBeCloseTo(15.5, 6); // index coordinates: the point (16, 16) is the corner of pixels 15 and 16
    expect(c.y).toBeCloseTo(15.5, 6);
  });

  it("is deterministic and takes the larger coverage where strokes cross", () => {
    const strokes: Stroke[] = [
      [
        { x: 5, y: 5 },
        { x: 25, y: 25 },
      ],
      [
        { x: 25, y: 5 },
        { x: 5, y: 25 },
      ],
    ];
    const a = rasterizeStrokes(strokes, { size: 30, lineWidth: 3 });
    expect(rasterizeStrokes(strokes, { size: 30, lineWidth: 3 })).toEqual(a);
    expect(Math.max(...a)).toBe(1);
    expect(strokesBoundingBox(strokes)).toEqual({ minX: 5, minY: 5, maxX: 25, maxY: 25 });
    expect(strokesBoundingBox([[]])).toBeNull();
  });
});
