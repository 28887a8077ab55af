export interface GrayImage {
  width: number;
  height: number;
  /** width × height grey levels, row-major, 0 = black. */
  gray: Uint8Array;
}

/**
 * Lays out `count` digits of rows × cols side by side, `perRow` to a line, with a 1-pixel gap,
 * as dark ink on white paper (MNIST stores ink as 255, so grey = 255 − value).
 */
export function tileDigits(pixels: Uint8Array, count: number, rows: number, cols: number, perRow: number): GrayImage {
  const gap = 1;
  const lines = Math.ceil(count / perRow);
  const width = perRow * (cols + gap) - gap;
  const height = lines * (rows + gap) - gap;
  const gray = new Uint8Array(width * height).fill(255);
  for (let k = 0; k < count; k++) {
    const x0 = (k % perRow) * (cols + gap);
    const y0 = Math.floor(k / perRow) * (rows + gap);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        gray[(y0 + r) * width + x0 + c] = 255 - (pixels[k * rows * cols + r * cols + c] ?? 0);
      }
    }
  }
  return { width, height, gray };
}
