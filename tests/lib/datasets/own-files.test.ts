import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeIdx } from "../../../src/lib/data/idx.ts";
import type { Split } from "../../../src/lib/data/mnist.ts";
import {
  OWN_LIMITS,
  OwnDataError,
  gunzipBounded,
  readOwnDataset,
  toSide28,
  type OwnDataErrorKind,
  type OwnFile,
} from "../../../src/lib/datasets/own-files.ts";
import { upsample } from "../../../src/lib/datasets/variants.ts";

/** Deterministic pixels, so that data can be checked byte for byte after assembly. */
const pixelsOf = (count: number, rows: number, cols: number) => Uint8Array.from({ length: count * rows * cols }, (_, i) => (i * 37) % 256);
const labelsOf = (count: number) => Uint8Array.from({ length: count }, (_, i) => i % 10);
const images = (count: number, rows = 8, cols = 8) => encodeIdx([count, rows, cols], pixelsOf(count, rows, cols));
const labels = (count: number) => encodeIdx([count], labelsOf(count));

function dataset(opts: { train?: number; test?: number; gzip?: boolean } = {}): OwnFile[] {
  const { train = 120, test = 20, gzip = false } = opts;
  const wrap = (b: Uint8Array) => (gzip ? new Uint8Array(gzipSync(b)) : b);
  const files: OwnFile[] = [
    { role: "trainImages", name: "train-images.gz", bytes: wrap(images(train)) },
    { role: "trainLabels", name: "train-labels.gz", bytes: wrap(labels(train)) },
  ];
  if (test > 0) {
    files.push({ role: "testImages", name: "test-images.gz", bytes: wrap(images(test)) });
    files.push({ role: "testLabels", name: "test-labels.gz", bytes: wrap(labels(test)) });
  }
  return files;
}

/** The same files with one replaced (by role). */
const withFile = (files: OwnFile[], role: OwnFile["role"], bytes: Uint8Array) => files.map((f) => (f.role === role ? { ...f, bytes } : f));

async function refusal(files: readonly OwnFile[], kind: OwnDataErrorKind, message: RegExp): Promise<OwnDataError> {
  const e = await readOwnDataset(files).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(OwnDataError);
  const err = e as OwnDataError;
  expect(err.kind).toBe(kind);
  expect(err.message).toMatch(message);
  if (err.file) expect(err.message.startsWith(`${err.file}: `)).toBe(true);
  return err;
}

describe("readOwnDataset accepts", () => {
  it.each([false, true])("a valid small dataset (gzip: %s) with its summary and data", async (gzip) => {
    const own = await readOwnDataset(dataset({ gzip }));
    expect(own.testFromTrain).toBe(false);
    expect(own.data.train).toEqual({ count: 120, rows: 8, cols: 8, pixels: pixelsOf(120, 8, 8), labels: labelsOf(120) });
    expect(own.data.test).toEqual({ count: 20, rows: 8, cols: 8, pixels: pixelsOf(20, 8, 8), labels: labelsOf(20) });
    const compressed = { trainImages: gzip, trainLabels: gzip, testImages: gzip, testLabels: gzip };
    const classCounts = new Array(10).fill(12);
    expect(own.summary).toEqual({ trainCount: 120, testCount: 20, rows: 8, cols: 8, classesSeen: 10, classCounts, compressed });
  });

  it("training files alone, the last sixth becoming the test split", async () => {
    const own = await readOwnDataset(dataset({ train: 125, test: 0 }));
    expect(own.testFromTrain).toBe(true);
    const [all, allLabels] = [pixelsOf(125, 8, 8), labelsOf(125)];
    // floor(125 / 6) = 20 test images, the last ones of the file.
    expect(own.data.train).toEqual({ count: 105, rows: 8, cols: 8, pixels: all.subarray(0, 105 * 64), labels: allLabels.subarray(0, 105) });
    expect(own.data.test).toEqual({ count: 20, rows: 8, cols: 8, pixels: all.subarray(105 * 64), labels: allLabels.subarray(105) });
    expect(own.data.test.pixels.buffer).not.toBe(own.data.train.pixels.buffer);
    expect(own.summary).toMatchObject({ trainCount: 105, testCount: 20, compressed: { trainImages: false, trainLabels: false } });
    expect(Object.keys(own.summary.compressed)).toEqual(["trainImages", "trainLabels"]);
  });
});

describe("readOwnDataset refuses", () => {
  it("missing and duplicated roles", async () => {
    const files = dataset();
    await refusal(files.slice(1), "missing", /^no training images file/);
    await refusal([files[0]!], "missing", /^no training labels file/);
    await refusal(files.slice(0, 3), "missing", /^test-images\.gz: no test labels file to go with it/);
    await refusal([...files.slice(0, 2), files[3]!], "missing", /^test-labels\.gz: no test images file/);
    await refusal(
      [...files, { ...files[1]!, name: "other.gz" }],
      "missing",
      /two files were given as the training labels \(train-labels\.gz and other\.gz\)/,
    );
  });

  it("files that are not IDX files of the expected kind, saying what was expected", async () => {
    const files = dataset();
    await refusal(
      withFile(files, "trainImages", labels(120)),
      "not-idx",
      /^train-images\.gz: is not an IDX image file \(magic 0x00000801, expected 0x00000803: this looks like a labels file\)/,
    );
    await refusal(
      withFile(files, "trainLabels", images(120)),
      "not-idx",
      /^train-labels\.gz: is not an IDX labels file \(magic 0x00000803, expected 0x00000801: this looks like an image file\)/,
    );
    await refusal(
      withFile(files, "testImages", Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2, 3)),
      "not-idx",
      /^test-images\.gz: .*magic 0x89504e47, expected 0x00000803\)/,
    );
    await refusal(withFile(files, "trainLabels", Uint8Array.of(0, 0)), "not-idx", /only 2 bytes long/);
    const floats = encodeIdx([120], new Uint8Array(120));
    floats[2] = 0x0d;
    await refusal(withFile(files, "trainLabels", floats), "not-idx", /data type is 0x0d, and only unsigned bytes \(0x08\)/);
  });

  it("truncated data or header, and trailing bytes", async () => {
    const files = dataset();
    await refusal(
      withFile(files, "trainImages", images(120).subarray(0, 1000)),
      "truncated",
      /120 images of 8×8, 7,680 bytes of data, but only 984 bytes follow/,
    );
    await refusal(
      withFile(files, "trainImages", images(120).subarray(0, 10)),
      "truncated",
      /cut off inside its header: 16 bytes expected, 10 found/,
    );
    const long = new Uint8Array([...labels(120), 1, 2, 3]);
    await refusal(
      withFile(files, "trainLabels", long),
      "shape",
      /^train-labels\.gz: has 3 bytes more than its header declares \(120 labels, 120 bytes/,
    );
  });

  it("labels that do not match the images in number, naming both files", async () => {
    await refusal(
      withFile(dataset(), "testLabels", labels(19)),
      "count-mismatch",
      /^test-labels\.gz: has 19 labels but test-images\.gz has 20 images/,
    );
  });

  it("sizes over the caps, judged from the header before the data length", async () => {
    const files = dataset();
    const million = encodeIdx([1_000_000, 8, 8], new Uint8Array(10));
    await refusal(
      withFile(files, "trainImages", million),
      "oversize",
      /declares 1,000,000 images; the most this page accepts per file is 300,000/,
    );
    const huge = encodeIdx([300_000, 128, 128], new Uint8Array(10));
    await refusal(
      withFile(files, "trainImages", huge),
      "oversize",
      /4687\.5 MiB of pixels; the most this page accepts per file is 256 MiB/,
    );
    await refusal(withFile(files, "trainLabels", encodeIdx([400_000], new Uint8Array(5))), "oversize", /declares 400,000 labels/);
    // Zero-filled and never touched: the stored size alone must refuse it.
    await refusal(withFile(files, "trainImages", new Uint8Array(OWN_LIMITS.maxFileBytes + 1)), "oversize", /268,435,457 bytes as stored/);
  });

  it("image sides outside 4..128, and test images of another size than the training images", async () => {
    await refusal(withFile(dataset(), "trainImages", images(120, 3, 8)), "shape", /has 3×8 images; sides from 4 to 128 pixels/);
    await refusal(withFile(dataset(), "trainImages", images(120, 8, 129)), "shape", /has 8×129 images/);
    await refusal(
      withFile(dataset(), "testImages", images(20, 9, 9)),
      "shape",
      /^test-images\.gz: has 9×9 images but train-images\.gz has 8×8/,
    );
  });

  it("corrupt gzip", async () => {
    const gz = new Uint8Array(gzipSync(labels(120)));
    const cut = gz.subarray(0, gz.length - 12);
    await refusal(withFile(dataset(), "trainLabels", cut), "gzip", /^train-labels\.gz: starts like a gzip file but does not decompress/);
    const garbled = gz.slice();
    garbled.fill(0xff, 10, 20);
    await refusal(withFile(dataset(), "trainLabels", garbled), "gzip", /cut off or corrupted/);
  });

  it("labels of 10 or more, and a single class", async () => {
    const bad = labelsOf(120);
    bad[57] = 10;
    await refusal(
      withFile(dataset(), "trainLabels", encodeIdx([120], bad)),
      "labels-range",
      /^train-labels\.gz: label 10 at index 57 is out of range.*at most 10 classes \(labels 0 to 9\)/,
    );
    const one = encodeIdx([120], new Uint8Array(120).fill(3));
    await refusal(withFile(dataset(), "trainLabels", one), "labels-range", /training labels are all 3: at least 2 different classes/);
    // Two classes in the file, but sorted, so the split-off last sixth takes all of the second.
    const sorted = encodeIdx(
      [120],
      Uint8Array.from({ length: 120 }, (_, i) => (i < 110 ? 0 : 1)),
    );
    await refusal(
      withFile(dataset({ test: 0 }), "trainLabels", sorted),
      "labels-range",
      /once the last sixth is set aside as the test set are all 0/,
    );
  });

  it("fewer than 100 training images", async () => {
    await refusal(dataset({ train: 99 }), "too-few", /^train-images\.gz: has only 99 images; at least 100 training images are needed/);
    await refusal(
      withFile(withFile(dataset(), "testImages", images(0)), "testLabels", labels(0)),
      "too-few",
      /^test-images\.gz: holds no images/,
    );
  });

  it("nothing once the signal has aborted, throwing its reason", async () => {
    const controller = new AbortController();
    const reason = new Error("reader cancelled");
    controller.abort(reason);
    await expect(readOwnDataset(dataset({ gzip: true }), controller.signal)).rejects.toBe(reason);
    await expect(gunzipBounded(dataset({ gzip: true })[0]!.bytes, 1e6, controller.signal)).rejects.toBe(reason);
  });
});

describe("gunzipBounded", () => {
  const zeros = new Uint8Array(gzipSync(new Uint8Array(2_000_000)));

  it("stops with the signal's reason when it aborts during decompression", async () => {
    const controller = new AbortController();
    const reason = new Error("reader cancelled");
    const inflating = gunzipBounded(new Uint8Array(gzipSync(new Uint8Array(50_000_000))), 1e9, controller.signal);
    setTimeout(() => controller.abort(reason), 1);
    await expect(inflating).rejects.toBe(reason);
  });

  it("stops with 'oversize' once the output passes the cap (a gzip bomb in miniature)", async () => {
    const e = await gunzipBounded(zeros, 1_000_000, undefined, "bomb.gz").catch((err: unknown) => err);
    expect(e).toBeInstanceOf(OwnDataError);
    expect(e).toMatchObject({ kind: "oversize", file: "bomb.gz" });
    expect((e as OwnDataError).message).toMatch(/^bomb\.gz: decompresses to more than 1,000,000 bytes/);
  });

  it("inflates what fits, leaving its input as it was", async () => {
    const before = zeros.slice();
    expect(await gunzipBounded(zeros, 2_000_000)).toEqual(new Uint8Array(2_000_000));
    expect(zeros).toEqual(before);
  });
});

/**
 * Straightforward bilinear sampling (align corners false), one output pixel at a time, written apart from the module.
 * Coordinates are kept as exact fractions (numerator over 56) so that ties round half up, not by float accident.
 */
function bilinearReference(img: Uint8Array, rows: number, cols: number, y: number, x: number): number {
  const at = (r: number, c: number) => img[Math.min(rows - 1, r) * cols + Math.min(cols - 1, c)]!;
  const centre = (o: number, side: number) => Math.min(56 * (side - 1), Math.max(0, (2 * o + 1) * side - 28));
  const [sy, sx] = [centre(y, rows), centre(x, cols)];
  const [r, c] = [Math.floor(sy / 56), Math.floor(sx / 56)];
  const [fy, fx] = [sy - 56 * r, sx - 56 * c];
  const v = at(r, c) * (56 - fy) * (56 - fx) + at(r, c + 1) * (56 - fy) * fx + at(r + 1, c) * fy * (56 - fx) + at(r + 1, c + 1) * fy * fx;
  return Math.round(v / 3136);
}

const splitOf = (count: number, rows: number, cols: number, pixel: (i: number, r: number, c: number) => number): Split => ({
  count,
  rows,
  cols,
  pixels: Uint8Array.from({ length: count * rows * cols }, (_, k) =>
    pixel(Math.floor(k / (rows * cols)), Math.floor((k % (rows * cols)) / cols), k % cols),
  ),
  labels: labelsOf(count),
});

describe("toSide28", () => {
  it("is variants.upsample for 14×14 (and 7×7), and the identity for 28×28", () => {
    const s14 = splitOf(3, 14, 14, (i, r, c) => (i * 31 + r * 7 + c * 13) % 256);
    expect(toSide28(s14)).toEqual(upsample(s14, 2));
    const s7 = splitOf(2, 7, 7, (i, r, c) => (i + r * c) % 256);
    expect(toSide28(s7)).toEqual(upsample(s7, 4));
    const s28 = splitOf(2, 28, 28, (i, r, c) => (r + c + i) % 256);
    expect(toSide28(s28)).toBe(s28);
  });

  it("keeps a constant image constant", () => {
    for (const side of [20, 32]) {
      const out = toSide28(splitOf(2, side, side, () => 201));
      expect(out).toMatchObject({ count: 2, rows: 28, cols: 28 });
      expect(out.pixels.every((v) => v === 201)).toBe(true);
    }
  });

  it("samples a 20×20 column ramp at pixel centres (worked by hand)", () => {
    const out = toSide28(splitOf(1, 20, 20, (_, __, c) => 10 * c));
    // Output column x samples source column (x + 0.5) · 20/28 − 0.5, clamped to 0..19: 0 → 0, 1 → 0.571, 14 → 9.857, 27 → 19.
    expect([0, 1, 14, 27].map((x) => out.pixels[5 * 28 + x])).toEqual([0, 6, 99, 190]);
  });

  it("rounds exact halves up (a 32×32 ramp, worked by hand)", () => {
    const out = toSide28(splitOf(1, 32, 32, (_, r) => 7 * r));
    // Output row y samples source row (y + 0.5) · 32/28 − 0.5 = (16y + 1)/14, so the value 7 · that is 8y + 0.5 exactly.
    expect([0, 1, 13, 27].map((y) => out.pixels[y * 28 + 3])).toEqual([1, 9, 105, 217]);
  });

  it("matches an independent bilinear implementation on 20×20 and 32×32 (and 10×12) images", () => {
    for (const [rows, cols] of [
      [20, 20],
      [32, 32],
      [10, 12],
    ] as const) {
      const src = splitOf(2, rows, cols, (i, r, c) => (i * 101 + r * r * 3 + c * 17 + ((r * c) % 7) * 29) % 256);
      const out = toSide28(src);
      expect(out.labels).toEqual(src.labels);
      for (let i = 0; i < 2; i++) {
        const img = src.pixels.subarray(i * rows * cols, (i + 1) * rows * cols);
        const expected = Uint8Array.from({ length: 784 }, (_, k) => bilinearReference(img, rows, cols, Math.floor(k / 28), k % 28));
        expect(out.pixels.subarray(i * 784, (i + 1) * 784)).toEqual(expected);
      }
    }
  });
});
