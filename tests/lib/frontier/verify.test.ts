import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ModelFileError } from "../../../src/lib/frontier/model-file.ts";
import { accuracyOf, checkModelFile, scorePredictions } from "../../../src/lib/frontier/verify.ts";

const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const file = Uint8Array.from({ length: 1021 }, (_, i) => (i * 37) & 0xff);
const expected = { path: "models/mnist-small.1a2b3c4d.bin", bytes: file.length, sha256: sha(file) };

describe("checkModelFile", () => {
  it("accepts the recorded file", () => {
    expect(() => checkModelFile(file, sha(file), expected)).not.toThrow();
  });

  it("refuses a truncated file, naming it and both lengths", () => {
    const cut = file.subarray(0, 1020);
    expect(() => checkModelFile(cut, sha(cut), expected)).toThrow(
      new ModelFileError(expected.path, "1,020 bytes, expected 1,021: the file is truncated or was changed"),
    );
  });

  it("refuses a longer file", () => {
    const long = Uint8Array.from([...file, 0]);
    expect(() => checkModelFile(long, sha(long), expected)).toThrow(
      "models/mnist-small.1a2b3c4d.bin: 1,022 bytes, expected 1,021: the file was changed or is not the one this page was built from",
    );
  });

  it("refuses a file of the right length with a flipped byte, by its SHA-256", () => {
    const flipped = Uint8Array.from(file);
    flipped[500]! ^= 0xff;
    const digest = sha(flipped);
    let error: unknown;
    try {
      checkModelFile(flipped, digest, expected);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toBe(
      `models/mnist-small.1a2b3c4d.bin: integrity check failed: its SHA-256 begins ${digest.slice(0, 12)}…, ` +
        `the build recorded ${expected.sha256.slice(0, 12)}… (the file is corrupted, or is not the one this page was built from)`,
    );
  });
});

describe("scorePredictions", () => {
  it("counts errors, the confusion matrix and the misclassified images in order", () => {
    const labels = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 7, 7]);
    const predicted = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 1, 8, 9, 7, 2]);
    const s = scorePredictions(predicted, labels);
    expect(s.count).toBe(12);
    expect(s.errors).toBe(2);
    expect(s.accuracy).toBe(1 - 2 / 12);
    expect(s.misclassified).toEqual([
      { index: 7, truth: 7, predicted: 1 },
      { index: 11, truth: 7, predicted: 2 },
    ]);
    expect(s.confusion[7]).toEqual([0, 1, 1, 0, 0, 0, 0, 1, 0, 0]);
    expect(s.confusion.flat().reduce((a, b) => a + b, 0)).toBe(12);
    for (let d = 0; d < 10; d++) if (d !== 7) expect(s.confusion[d]![d]).toBe(1);
  });

  it("scores a slice that starts further in", () => {
    const labels = Uint8Array.from([3, 3, 4, 5]);
    const s = scorePredictions(Uint8Array.from([4, 6]), labels, 2);
    expect(s.misclassified).toEqual([{ index: 3, truth: 5, predicted: 6 }]);
    expect(() => scorePredictions(Uint8Array.from([1, 2, 3]), labels, 2)).toThrow(RangeError);
    expect(() => scorePredictions(Uint8Array.from([10]), Uint8Array.from([1]))).toThrow(RangeError);
  });

  it("computes the accuracy with the reference search's expression, so equal errors give the identical double", () => {
    // cell.ts: testAccuracy = 1 - errorsOn(...) / size. 9,912 / 10,000 is a different double for some counts.
    const labels = new Uint8Array(10_000);
    const predicted = new Uint8Array(10_000);
    predicted.fill(1, 0, 88);
    expect(scorePredictions(predicted, labels).accuracy).toBe(1 - 88 / 10_000);
    expect(accuracyOf(88, 10_000)).toBe(1 - 88 / 10_000);
    const differ = Array.from({ length: 300 }, (_, e) => e).filter((e) => accuracyOf(e, 10_000) !== (10_000 - e) / 10_000);
    expect(differ.length).toBeGreaterThan(0);
  });
});
