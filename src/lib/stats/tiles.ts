import { tileDigits, type GrayImage } from "../image/tile.ts";
import { binarizeImages, type Binarization } from "./binarization.ts";

/** Images drawn for chapters 1-2, shared by the build (PNG) and the browser (canvas) so both show the same pixels. */

/** `count` digits binarized with `b` and drawn as black on white (on = full ink). */
export function binarizedTile(
  pixels: Uint8Array,
  count: number,
  rows: number,
  cols: number,
  perRow: number,
  b: Binarization,
  seed: number,
): GrayImage {
  const bits = binarizeImages(pixels, rows * cols, b, { count, seed });
  for (let i = 0; i < bits.length; i++) bits[i] = bits[i] === 1 ? 255 : 0;
  return tileDigits(bits, count, rows, cols, perRow);
}

/** Images of values in 0..1 (e.g. class means) drawn as ink, rounded to the nearest grey level. */
export function probabilityTile(values: ArrayLike<number>, count: number, rows: number, cols: number, perRow: number): GrayImage {
  const bytes = new Uint8Array(count * rows * cols);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(255 * Math.min(1, Math.max(0, values[i] as number)));
  return tileDigits(bytes, count, rows, cols, perRow);
}
