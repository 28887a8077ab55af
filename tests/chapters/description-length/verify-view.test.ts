import { describe, expect, it } from "vitest";
import {
  agreementText,
  agrees,
  doneText,
  intervalText,
  recordedErrors,
  verifyCardView,
  verifyResultView,
  wrongLabel,
  type ServedInfo,
  type VerifyRun,
} from "../../../src/chapters/description-length/verify-view.ts";
import { accuracyOf } from "../../../src/lib/frontier/verify.ts";

const info: ServedInfo = {
  path: "models/mnist-small.1a2b3c4d.bin",
  bytes: 1021,
  fileBits: 8168,
  params: 3_242,
  net: "conv 1→8 3×3, pool 2, GAP, 8→10",
  weightBits: 3,
  biasBits: 6,
  testAccuracy: accuracyOf(88, 10_000),
  testCount: 10_000,
  met: true,
  selectionAccuracy: 0.991,
};
const recorded = { testAccuracy: info.testAccuracy, testCount: 10_000 };

/** A confusion matrix with `errors` sevens read as ones, the rest right. */
function confusionWith(errors: number): number[][] {
  const m = Array.from({ length: 10 }, (_, t) => Array.from({ length: 10 }, (_, p): number => (t === p ? 1000 : 0)));
  m[7]![7] = 1000 - errors;
  m[7]![1] = errors;
  return m;
}

function run(errors: number, more: Partial<VerifyRun> = {}): VerifyRun {
  return {
    count: 10_000,
    errors,
    accuracy: accuracyOf(errors, 10_000),
    confusion: confusionWith(errors),
    misclassified: Array.from({ length: errors }, (_, k) => ({ index: 100 + k, truth: 7, predicted: 1 })),
    modelBytes: 1021,
    received: 1_602_446,
    reused: 0,
    timings: { downloadMs: 12.4, decodeMs: 2.6, dataMs: 340, evaluateMs: 4_210 },
    ...more,
  };
}

describe("intervalText (Wilson score interval at 95%)", () => {
  it("matches a hand-worked interval for 9,912 of 10,000", () => {
    // p = 0.9912, z^2/n = 3.841459 / 10,000 = 0.000384146; centre = (0.9912 + 0.000192073) / 1.000384146 = 0.991011;
    // half-width = (1.959964 / 1.000384146) sqrt(0.9912 x 0.0088 / 10,000 + 0.000384146 / 40,000)
    //            = 1.959211 x sqrt(8.72256e-7 + 9.60365e-9) = 1.959211 x 0.000939074 = 0.001839845,
    // so 0.989172 to 0.992851.
    expect(intervalText(88, 10_000)).toBe("98.92% to 99.29%");
  });

  it("matches a hand-worked interval for 9 of 10, and closes at 100% when nothing is wrong", () => {
    // p = 0.9, z^2/n = 0.384146; centre = (0.9 + 0.192073) / 1.384146 = 0.788987;
    // half-width = 1.416010 x sqrt(0.009 + 0.0096037) = 1.416010 x 0.136395 = 0.193137: 0.5958500 to 0.982124
    // (to more places the lower end is 0.59584997, which prints as 59.58%).
    expect(intervalText(1, 10)).toBe("59.58% to 98.21%");
    // 10 of 10: the lower end is 1 - 0.384146 / 1.384146 = 0.722467.
    expect(intervalText(0, 10)).toBe("72.25% to 100.00%");
  });
});

describe("verifyCardView", () => {
  it("says what the file is and what a run downloads, before anything is", () => {
    const v = verifyCardView(info, 1_602_446);
    expect(v.values).toEqual({
      title: "Verify the 1,021-byte classifier",
      "model-path": "models/mnist-small.1a2b3c4d.bin",
      "model-bytes": "1,021 bytes",
      "model-bits": "8,168 bits",
      "model-net": "conv 1→8 3×3, pool 2, GAP, 8→10",
      "model-params": "3,242",
      "model-quant": "3 bits per weight, 6 per bias, arithmetic-coded",
      "model-choice": "the smallest file at or above 99.10% on the validation images",
      "download-note":
        "Nothing is downloaded until you press the button. A run then fetches the model file (1,021 bytes) and, unless this " +
        "page has loaded them already, MNIST's 10,000 test images and their labels (1.6 MB).",
      "recorded-accuracy": "99.12%",
      "recorded-errors": "88 of 10,000 test images misclassified",
      "recorded-interval": "98.92% to 99.29%",
    });
  });

  it("says when the test images are loaded, and when the search has not met its rule", () => {
    expect(verifyCardView(info, 1_602_446, true).values["download-note"]).toBe(
      "This page holds the verified test images now: another run downloads only the model file (1,021 bytes) and checks it again.",
    );
    expect(verifyCardView({ ...info, met: false }, 1).values["model-choice"]).toBe(
      "the most accurate file so far on the validation images: the search has not yet found one at 99.10%",
    );
  });

  it("recovers the error count behind a recorded accuracy", () => {
    for (const errors of [0, 1, 88, 99, 100, 101, 1234, 10_000]) expect(recordedErrors(accuracyOf(errors, 10_000), 10_000)).toBe(errors);
  });
});

describe("verifyResultView", () => {
  it("is empty before a run, with every key the markup patches", () => {
    const v = verifyResultView(undefined, recorded);
    expect(Object.keys(v.values).sort()).toEqual(Object.keys(verifyResultView(run(88), recorded).values).sort());
    expect(Object.values(v.values).every((t) => t === "")).toBe(true);
    expect(v.tables?.confusion).toEqual([]);
  });

  it("shows a run that equals the record", () => {
    const v = verifyResultView(run(88), recorded);
    expect(v.values).toEqual({
      accuracy: "99.12%",
      errors: "88 of 10,000 test images misclassified",
      interval: "98.92% to 99.29%",
      agreement: "Exactly the test accuracy the build recorded (99.12%, 88 errors): equal to the last bit.",
      "time-download": "12 ms (1,021 bytes, SHA-256 checked)",
      "time-decode": "3 ms",
      "time-data": "340 ms (1.6 MB downloaded)",
      "time-evaluate": "4.2 s (10,000 images, 2,375 images/s)",
      "confusion-caption": "Where the 88 test errors go",
      "wrong-caption": "All 88 misclassified test digits, each as true digit → the network's answer.",
    });
    expect(v.tables?.confusion).toHaveLength(10);
    expect(v.tables?.confusion[7]).toEqual(["7", "0", "88", "0", "0", "0", "0", "0", "912", "0", "0"]);
    expect(v.tables?.confusion[0]).toEqual(["0", "1,000", "0", "0", "0", "0", "0", "0", "0", "0", "0"]);
  });

  it("says clearly when the run differs from the record", () => {
    const v = verifyResultView(run(89), recorded);
    expect(v.values.agreement).toBe(
      "It differs from the test accuracy the build recorded: 99.11% here (89 errors in 10,000 images), 99.12% recorded (88 in 10,000).",
    );
    expect(agrees(run(89), recorded)).toBe(false);
    expect(doneText(run(89), recorded)).toBe(
      "Verified in your browser: 99.11% on 10,000 test images, classified in 4.2 s. It differs from the recorded test accuracy.",
    );
  });

  it("holds a run to the identical double, not to the rounded percentage", () => {
    expect(agrees(run(88), recorded)).toBe(true);
    // 1 - 88 / 10,000 and 9,912 / 10,000 print the same but are different doubles.
    expect(agrees({ count: 10_000, errors: 88, accuracy: 9912 / 10_000 }, recorded)).toBe(9912 / 10_000 === accuracyOf(88, 10_000));
    expect(agrees({ count: 9_999, errors: 88, accuracy: accuracyOf(88, 10_000) }, recorded)).toBe(false);
    expect(agreementText(run(88), recorded)).toContain("Exactly");
  });

  it("says where the test images came from, and caps the digits drawn", () => {
    expect(verifyResultView(run(3, { received: 0, reused: 1_602_446 }), recorded).values["time-data"]).toBe(
      "340 ms (1.6 MB read from this page's copy)",
    );
    expect(verifyResultView(run(3, { received: 0, reused: 0 }), recorded).values["time-data"]).toBe("340 ms (already loaded in this page)");
    // With the files' sizes it reads as every island's load line: 1.65 MB download, 7.85 MB decoded.
    const sizes = { download: 1_648_877, decoded: 7_850_024 };
    expect(verifyResultView(run(3, { received: 1_648_877, reused: 0 }), recorded, sizes).values["time-data"]).toBe(
      "340 ms (1.6 MB downloaded, 7.9 MB decoded)",
    );
    // A server compressing in transit makes the browser count inflated bytes: not called a 7.9 MB download.
    expect(verifyResultView(run(3, { received: 7_850_024, reused: 0 }), recorded, sizes).values["time-data"]).toBe(
      "340 ms (7.9 MB decoded, compressed in transit by the server)",
    );
    expect(verifyResultView(run(400), recorded).values["wrong-caption"]).toBe(
      "The first 150 of the 400 misclassified test digits, each as true digit → the network's answer.",
    );
    expect(verifyResultView(run(0), recorded).values["wrong-caption"]).toBe("No test digit is misclassified.");
  });

  it("labels each misclassified digit for the eye and for a screen reader", () => {
    expect(wrongLabel({ index: 1234, truth: 5, predicted: 3 })).toEqual({ text: "5 → 3", alt: "Test image 1,234: a 5, read as 3" });
  });
});
