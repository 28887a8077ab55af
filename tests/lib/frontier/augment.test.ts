import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { NO_AUGMENTATION, augmentInto, type Augmentation } from "../../../src/lib/frontier/augment.ts";
import { createRng, type Rng } from "../../../src/lib/random.ts";

const mnist = loadMnistNode();
const pixels = mnist.train.pixels;
const AUG: Augmentation = { shift: 2, rotate: 10, scale: 0.1 };

/** An rng that returns the given values in turn (cycling) and counts its draws. */
function stub(values: number[]): Rng & { draws: number } {
  const r = {
    draws: 0,
    next(): number {
      return values[r.draws++ % values.length]!;
    },
    int(n: number): number {
      return Math.floor(r.next() * n);
    },
    normal(): number {
      throw new Error("augmentInto should not draw normals");
    },
  };
  return r;
}

function augment(index: number, a: Augmentation, rng: Rng): Float32Array {
  const out = new Float32Array(784);
  augmentInto(pixels, index, a, rng, out, 0);
  return out;
}

function at(img: ArrayLike<number>, y: number, x: number): number {
  return y < 0 || y >= 28 || x < 0 || x >= 28 ? 0 : img[y * 28 + x]!;
}

describe("augmentInto", () => {
  it("is deterministic per seed, and different seeds give different images", () => {
    const a = augment(7, AUG, createRng(1));
    expect(augment(7, AUG, createRng(1))).toEqual(a);
    expect(augment(7, AUG, createRng(2))).not.toEqual(a);
    for (const v of a) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1 + 1e-6);
    }
  });

  it("NO_AUGMENTATION reproduces pixels / 255 exactly, at the given offset", () => {
    const out = new Float32Array(3 * 784).fill(-1);
    augmentInto(pixels, 5, NO_AUGMENTATION, createRng(3), out, 784);
    const expected = Float32Array.from(pixels.subarray(5 * 784, 6 * 784), (p) => p / 255);
    expect(out.subarray(784, 2 * 784)).toEqual(expected);
    expect(out.subarray(0, 784).every((v) => v === -1)).toBe(true);
    expect(out.subarray(2 * 784).every((v) => v === -1)).toBe(true);
  });

  it("a draw at the centre of every range (0.5) is the identity too, through the bilinear path", () => {
    const out = augment(5, AUG, stub([0.5]));
    expect(out).toEqual(Float32Array.from(pixels.subarray(5 * 784, 6 * 784), (p) => p / 255));
  });

  it("a pure shift of exactly one pixel moves the image by one pixel", () => {
    const src = Float32Array.from(pixels.subarray(9 * 784, 10 * 784), (p) => p / 255);
    const shiftOnly: Augmentation = { shift: 1, rotate: 0, scale: 0 };
    // dx = (2 u1 - 1) * shift: u1 = 0 gives dx = -1 (content moves left), u1 = 1 gives +1 (right). u2 = 0.5: dy = 0.
    const left = augment(9, shiftOnly, stub([0, 0.5, 0.5, 0.5]));
    const right = augment(9, shiftOnly, stub([1, 0.5, 0.5, 0.5]));
    // dy = -1: up; dy = +1: down.
    const up = augment(9, shiftOnly, stub([0.5, 0, 0.5, 0.5]));
    const down = augment(9, shiftOnly, stub([0.5, 1, 0.5, 0.5]));
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        expect(at(left, y, x)).toBe(at(src, y, x + 1));
        expect(at(right, y, x)).toBe(at(src, y, x - 1));
        expect(at(up, y, x)).toBe(at(src, y + 1, x));
        expect(at(down, y, x)).toBe(at(src, y - 1, x));
      }
    }
    // Not vacuous: the digit touches pixels that moved.
    expect(left).not.toEqual(src);
  });

  it("a half-pixel shift averages neighbours (bilinear)", () => {
    const src = Float32Array.from(pixels.subarray(9 * 784, 10 * 784), (p) => p / 255);
    // shift 1, u1 = 0.75: dx = +0.5, so out(y, x) = (src(y, x - 1) + src(y, x)) / 2.
    const half = augment(9, { shift: 1, rotate: 0, scale: 0 }, stub([0.75, 0.5, 0.5, 0.5]));
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) expect(half[y * 28 + x]).toBeCloseTo((at(src, y, x - 1) + at(src, y, x)) / 2, 6);
  });

  it("a 90 degree rotation permutes the pixels about the centre", () => {
    const src = Float32Array.from(pixels.subarray(2 * 784, 3 * 784), (p) => p / 255);
    // u3 = 1: angle +90 degrees. The inverse map then samples sx = y, sy = 27 - x: out(y, x) = src(27 - x, y).
    const rot = augment(2, { shift: 0, rotate: 90, scale: 0 }, stub([0.5, 0.5, 1, 0.5]));
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) expect(rot[y * 28 + x]).toBeCloseTo(src[(27 - x) * 28 + y]!, 6);
  });

  it("draws exactly four numbers per image, whatever the ranges", () => {
    for (const a of [
      NO_AUGMENTATION,
      AUG,
      { shift: 1, rotate: 0, scale: 0 },
      { shift: 0, rotate: 0, scale: 0.2 },
      { shift: 0, rotate: 30, scale: 0 },
    ]) {
      const r = stub([0.1, 0.9, 0.3, 0.7]);
      for (let i = 0; i < 3; i++) {
        augment(i, a, r);
        expect(r.draws).toBe(4 * (i + 1));
      }
      // With the real generator: after one image, the stream continues at the 5th draw.
      const rng = createRng(42);
      augment(0, a, rng);
      const fresh = createRng(42);
      for (let i = 0; i < 4; i++) fresh.next();
      expect(rng.next()).toBe(fresh.next());
    }
  });

  it("changing one range leaves the other draws alone: a shift-only and a shift+scale stream stay in step", () => {
    // Same seed, different scale ranges: image 1's shift must be identical (the draws are not consumed differently).
    const r1 = createRng(5);
    const r2 = createRng(5);
    augment(0, { shift: 2, rotate: 0, scale: 0 }, r1);
    augment(0, { shift: 2, rotate: 0, scale: 0.3 }, r2);
    expect(augment(1, { shift: 2, rotate: 0, scale: 0 }, r1)).toEqual(augment(1, { shift: 2, rotate: 0, scale: 0 }, r2));
  });
});
