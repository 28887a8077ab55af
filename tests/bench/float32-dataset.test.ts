import { describe, expect, it } from "vitest";
import { toFloat32Dataset } from "../../bench/lib/float32-dataset.ts";
import type { Mnist, Split } from "../../src/lib/data/mnist.ts";

function split(count: number, firstPixel: number, labels: number[]): Split {
  const pixels = Uint8Array.from({ length: count * 4 }, (_, i) => (firstPixel + i * 37) % 256);
  return { count, rows: 2, cols: 2, pixels, labels: Uint8Array.from(labels) };
}

describe("toFloat32Dataset", () => {
  it("stores train then test pixels divided by 255, and one-hot labels", () => {
    const mnist: Mnist = { train: split(3, 0, [0, 9, 4]), test: split(2, 255, [7, 0]) };
    const d = toFloat32Dataset(mnist);
    expect(d.count).toBe(5);
    expect(d.images.length).toBe(20);
    const all = [...mnist.train.pixels, ...mnist.test.pixels];
    all.forEach((v, i) => expect(d.images[i]).toBeCloseTo(v / 255, 7));
    expect(d.images[12]).toBe(1); // the test split's first pixel is 255
    const hot = (row: number): number[] => [...d.labels.subarray(row * 10, row * 10 + 10)];
    [0, 9, 4, 7, 0].forEach((label, row) => {
      expect(hot(row).indexOf(1)).toBe(label);
      expect(hot(row).reduce((s, x) => s + x, 0)).toBe(1);
    });
  });
});
