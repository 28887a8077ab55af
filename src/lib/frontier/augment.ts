/**
 * Seeded random affine distortions of MNIST digits (shift, rotation, scale about the image centre), the classic way
 * to make a small network see more than 50,000 distinct images. Pure JavaScript, so a seed gives the same images in
 * Node and in a browser, on every backend.
 */
import type { Rng } from "../random.ts";
import { SIDE } from "./net.ts";

export interface Augmentation {
  /** Largest shift in pixels along each axis. */
  shift: number;
  /** Largest rotation in degrees either way. */
  rotate: number;
  /** Largest relative change of size either way, e.g. 0.1 for 90%..110%. */
  scale: number;
}

export const NO_AUGMENTATION: Augmentation = { shift: 0, rotate: 0, scale: 0 };

function isIdentity(a: Augmentation): boolean {
  return a.shift === 0 && a.rotate === 0 && a.scale === 0;
}

/**
 * Writes image `index` of `pixels` (count x 784 bytes) into `out` at `offset` as floats in [0, 1], distorted by one
 * draw of `a` from `rng` (bilinear sampling, zero outside the image). Uses exactly four draws from `rng` per image
 * whatever `a` is, so changing one range does not shift the others' random streams.
 */
export function augmentInto(pixels: Uint8Array, index: number, a: Augmentation, rng: Rng, out: Float32Array, offset: number): void {
  const u1 = rng.next();
  const u2 = rng.next();
  const u3 = rng.next();
  const u4 = rng.next();
  const base = index * SIDE * SIDE;
  if (isIdentity(a)) {
    for (let i = 0; i < SIDE * SIDE; i++) out[offset + i] = pixels[base + i]! / 255;
    return;
  }
  const dx = (2 * u1 - 1) * a.shift;
  const dy = (2 * u2 - 1) * a.shift;
  const angle = (((2 * u3 - 1) * a.rotate) / 180) * Math.PI;
  const zoom = 1 + (2 * u4 - 1) * a.scale;
  // Inverse map: for each output pixel, the source point it samples.
  const cos = Math.cos(angle) / zoom;
  const sin = Math.sin(angle) / zoom;
  const c = (SIDE - 1) / 2;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const px = x - c - dx;
      const py = y - c - dy;
      const sx = cos * px + sin * py + c;
      const sy = -sin * px + cos * py + c;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      let v = 0;
      for (let j = 0; j < 2; j++) {
        const yy = y0 + j;
        if (yy < 0 || yy >= SIDE) continue;
        const wy = j === 0 ? 1 - fy : fy;
        for (let i = 0; i < 2; i++) {
          const xx = x0 + i;
          if (xx < 0 || xx >= SIDE) continue;
          v += wy * (i === 0 ? 1 - fx : fx) * pixels[base + yy * SIDE + xx]!;
        }
      }
      out[offset + y * SIDE + x] = v / 255;
    }
  }
}
