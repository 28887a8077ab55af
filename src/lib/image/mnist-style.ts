/**
 * Turning a reader's drawing into a digit prepared the way MNIST's were, so a drawing pad can feed the
 * site's classifiers. Pure functions: no DOM, no global state, same input → same output.
 *
 * What MNIST did, in our words (LeCun, Bottou, Bengio & Haffner, "Gradient-based learning applied to
 * document recognition", Proc. IEEE 86(11), 1998, section III-A; and http://yann.lecun.com/exdb/mnist/):
 * each black-and-white NIST digit was scaled, keeping its aspect ratio, until it fitted a 20×20 box, the
 * scaling (anti-aliasing) turning edge pixels grey; the result was then put in a 28×28 field and moved so
 * that its intensity-weighted centre of mass sat at the centre of the field.
 *
 * Whole-pixel centring. The sources do not say whether the move was by whole pixels, so we checked the data:
 * over the 10,000 test (and 60,000 training) digits, the centre of mass in pixel-index coordinates (pixel
 * (r, c) has its centre at (c, r)) averages (14.01, 13.99) with a standard deviation of 0.29 on each axis,
 * and its fractional part is spread evenly. A uniform spread one pixel wide has sd 1/√12 ≈ 0.289, so the data
 * look like a whole-pixel shift that rounds the centre of mass to (14, 14); a sub-pixel shift would have left
 * them clustered tightly. That is an inference from the data, not something the authors state. We do the
 * same: round the shift, so grey levels are never blurred by a second resampling and the result lands within
 * half a pixel of (14, 14) per axis. The price is a discontinuity: a drawing whose centre of mass sits near a
 * half-pixel boundary can move a whole pixel for a tiny change in its strokes.
 *
 * As in MNIST (about 1% of its test digits touch the border), ink pushed off the 28×28 field by the centring
 * of a very lopsided drawing is clipped.
 */

/** One continuous pen movement, in pad pixels: the pad is size × size and pixel (r, c) covers [c, c+1) × [r, r+1). */
export type Stroke = ReadonlyArray<{ x: number; y: number }>;

export interface RasterOptions {
  /** Width and height of the square raster, in pixels (the pad's size). */
  size: number;
  /** Pen diameter, in the same pixels. */
  lineWidth: number;
}

export interface MnistStyleOptions {
  /** Ink at or below this level (0..1; a Uint8Array is read as value / 255) does not count towards the bounding box. */
  threshold?: number;
}

export interface MnistStyleResult {
  /** 28 × 28 grey levels, row-major, 0 = paper, 255 = the darkest ink, as in the MNIST files. */
  pixels: Uint8Array;
  /** True when nothing above the threshold was drawn; `pixels` is then all zeros. */
  empty: boolean;
}

export const MNIST_SIDE = 28;
export const MNIST_BOX = 20;
/** Default ink threshold: about 13/255. At this level all but 3 of MNIST's 10,000 test digits have a 20-pixel longer side. */
export const INK_THRESHOLD = 0.05;

function checkSide(name: string, n: number): void {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${n}`);
}

/** The smallest rectangle holding every stroke point (not widened by the pen), or null when there are no points. */
export function strokesBoundingBox(strokes: ReadonlyArray<Stroke>): { minX: number; minY: number; maxX: number; maxY: number } | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const p of stroke) {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  return minX <= maxX ? { minX, minY, maxX, maxY } : null;
}

/**
 * Ink coverage of the strokes on a size × size raster, row-major, in [0, 1]. A pixel's coverage is
 * lineWidth/2 + 1/2 − d clamped to [0, 1], d being the distance from its centre to the nearest stroke
 * segment: a pen disc swept along the segments (round caps and joins) with a one-pixel soft edge, which
 * puts about `lineWidth` of ink across the line. Overlapping segments take the larger coverage, not the sum.
 * A stroke of a single point draws a dot; an empty stroke draws nothing.
 */
export function rasterizeStrokes(strokes: ReadonlyArray<Stroke>, { size, lineWidth }: RasterOptions): Float32Array {
  checkSide("size", size);
  if (!(lineWidth > 0) || !Number.isFinite(lineWidth)) throw new Error(`lineWidth must be a positive number, got ${lineWidth}`);
  const out = new Float32Array(size * size);
  const reach = lineWidth / 2 + 0.5;
  const segment = (ax: number, ay: number, bx: number, by: number): void => {
    if (![ax, ay, bx, by].every(Number.isFinite)) throw new Error(`stroke points must be finite numbers`);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const c0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
    const c1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
    const r0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
    const r1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
    for (let r = r0; r <= r1; r++) {
      const py = r + 0.5;
      for (let c = c0; c <= c1; c++) {
        const px = c + 0.5;
        // Nearest point of the segment: project the pixel centre, clamping to the end points.
        const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
        const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
        const cover = Math.min(1, reach - d);
        const i = r * size + c;
        if (cover > (out[i] ?? 0)) out[i] = cover;
      }
    }
  };
  for (const stroke of strokes) {
    const first = stroke[0];
    if (!first) continue;
    if (stroke.length === 1) segment(first.x, first.y, first.x, first.y);
    for (let k = 1; k < stroke.length; k++) {
      const a = stroke[k - 1] ?? first;
      const b = stroke[k] ?? first;
      segment(a.x, a.y, b.x, b.y);
    }
  }
  return out;
}

/**
 * Box-filter weights for resampling one axis: output pixel u covers source interval
 * [start + u/scale, start + (u+1)/scale), and each source pixel k weighs its overlap with that interval
 * times `scale` (the weights of an interval lying inside the source sum to 1). Pixels outside 0..n-1 count as paper.
 */
function boxWeights(outLength: number, start: number, scale: number, n: number): Array<Array<[number, number]>> {
  const rows: Array<Array<[number, number]>> = [];
  for (let u = 0; u < outLength; u++) {
    const a = start + u / scale;
    const b = start + (u + 1) / scale;
    const row: Array<[number, number]> = [];
    for (let k = Math.max(0, Math.floor(a)); k < Math.min(n, Math.ceil(b)); k++) {
      const overlap = Math.min(b, k + 1) - Math.max(a, k);
      if (overlap > 0) row.push([k, overlap * scale]);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Prepares a drawing the way MNIST's digits were prepared: crop to the ink above `threshold`, scale by area
 * averaging so the longer side is 20 pixels (aspect ratio kept, thin strokes turning grey rather than
 * vanishing), place in 28 × 28 with the centre of mass rounded to pixel (14, 14), and stretch so the darkest
 * pixel is 255. `ink` is width × height, row-major, darker = more ink: a Float32Array in [0, 1] (such as
 * `rasterizeStrokes` returns) or a Uint8Array in 0..255.
 */
export function mnistStyle(
  ink: Float32Array | Uint8Array,
  width: number,
  height: number,
  { threshold = INK_THRESHOLD }: MnistStyleOptions = {},
): MnistStyleResult {
  checkSide("width", width);
  checkSide("height", height);
  if (ink.length !== width * height) {
    throw new Error(`ink has ${ink.length} values but width × height is ${width} × ${height} = ${width * height}`);
  }
  const unit = ink instanceof Uint8Array ? 1 / 255 : 1;
  const value = (i: number): number => {
    const v = (ink[i] ?? 0) * unit;
    return v > 0 ? v : 0; // negatives and NaN count as paper
  };
  const pixels = new Uint8Array(MNIST_SIDE * MNIST_SIDE);

  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (value(r * width + c) > threshold) {
        x0 = Math.min(x0, c);
        x1 = Math.max(x1, c);
        y0 = Math.min(y0, r);
        y1 = Math.max(y1, r);
      }
    }
  }
  if (x1 < 0) return { pixels, empty: true };

  // Scale so the longer side of the box is 20; the shorter side starts a whole number of output pixels in,
  // so a drawing already 20 pixels tall (such as an MNIST digit) is copied without a half-pixel blur.
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const scale = MNIST_BOX / Math.max(w, h);
  const padX = Math.floor((MNIST_BOX - w * scale) / 2);
  const padY = Math.floor((MNIST_BOX - h * scale) / 2);
  const wx = boxWeights(MNIST_BOX, x0 - padX / scale, scale, width);
  const wy = boxWeights(MNIST_BOX, y0 - padY / scale, scale, height);

  const box = new Float64Array(MNIST_BOX * MNIST_BOX);
  const line = new Float64Array(MNIST_BOX);
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let v = 0; v < MNIST_BOX; v++) {
    line.fill(0);
    for (const [k, wk] of wy[v] ?? []) {
      for (let u = 0; u < MNIST_BOX; u++) {
        let acc = 0;
        for (const [j, wj] of wx[u] ?? []) acc += wj * value(k * width + j);
        line[u] = (line[u] ?? 0) + wk * acc;
      }
    }
    for (let u = 0; u < MNIST_BOX; u++) {
      const m = line[u] ?? 0;
      box[v * MNIST_BOX + u] = m;
      mass += m;
      sumX += m * u;
      sumY += m * v;
    }
  }
  if (!(mass > 0)) return { pixels, empty: true };

  // Whole-pixel shift putting the centre of mass (pixel-index coordinates) nearest to (14, 14); see the header.
  // Rounding to 1e-6 first makes exact ties (a symmetric 20-pixel box has its centre at 9.5) immune to
  // floating-point noise; ties then go to the larger shift, towards the lower right.
  const shift = (centre: number): number => Math.round(Math.round((MNIST_SIDE / 2 - centre) * 1e6) / 1e6);
  const shiftX = shift(sumX / mass);
  const shiftY = shift(sumY / mass);
  const field = new Float64Array(MNIST_SIDE * MNIST_SIDE);
  let max = 0;
  for (let v = 0; v < MNIST_BOX; v++) {
    const r = v + shiftY;
    if (r < 0 || r >= MNIST_SIDE) continue;
    for (let u = 0; u < MNIST_BOX; u++) {
      const c = u + shiftX;
      if (c < 0 || c >= MNIST_SIDE) continue;
      const m = box[v * MNIST_BOX + u] ?? 0;
      field[r * MNIST_SIDE + c] = m;
      if (m > max) max = m;
    }
  }
  if (!(max > 0)) return { pixels, empty: true };
  for (let i = 0; i < field.length; i++) pixels[i] = Math.round((255 * (field[i] ?? 0)) / max);
  return { pixels, empty: false };
}
