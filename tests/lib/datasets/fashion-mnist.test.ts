import { mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { classCounts } from "../../../src/lib/data/mnist.ts";
import {
  FASHION_MNIST_FILES,
  FashionMnistError,
  fashionMnistAvailable,
  loadFashionMnist,
} from "../../../src/lib/datasets/fashion-mnist.ts";

const installed = fashionMnistAvailable();

describe("Fashion-MNIST from Debian's package", () => {
  it.skipIf(!installed)("loads 60,000 + 10,000 images of 28×28, exactly balanced over 10 classes (as published)", () => {
    const f = loadFashionMnist();
    expect([f.train.count, f.train.rows, f.train.cols, f.test.count]).toEqual([60_000, 28, 28, 10_000]);
    expect(classCounts(f.train.labels)).toEqual(new Array(10).fill(6000));
    expect(classCounts(f.test.labels)).toEqual(new Array(10).fill(1000));
  });

  it.skipIf(!installed)("refuses a file whose content is not the release's, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "fashion-"));
    for (const f of Object.values(FASHION_MNIST_FILES)) copyFileSync(join("/usr/share/datasets/fashion-mnist", f.name), join(dir, f.name));
    writeFileSync(join(dir, FASHION_MNIST_FILES.testLabels.name), gzipSync(Buffer.from([0, 0, 8, 1, 0, 0, 0, 1, 3])));
    expect(() => loadFashionMnist(dir)).toThrow(/t10k-labels-idx1-ubyte\.gz: decompressed MD5 .* is not the release's/);
  });

  it("says how to get the files when they are missing", () => {
    const empty = mkdtempSync(join(tmpdir(), "fashion-empty-"));
    expect(fashionMnistAvailable(empty)).toBe(false);
    expect(() => loadFashionMnist(empty)).toThrow(FashionMnistError);
    expect(() => loadFashionMnist(empty)).toThrow(/install Debian's dataset-fashion-mnist package/);
  });
});
