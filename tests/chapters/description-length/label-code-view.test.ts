import { describe, expect, it } from "vitest";
import {
  BLIER_OLLIVIER_BITS,
  labelCodeView,
  liveLabelOutcome,
  liveLabelView,
} from "../../../src/chapters/description-length/label-code-view.ts";
import type { LabelBlockCost } from "../../../src/lib/mdl/label-code.ts";
import type { LabelCodeFile, VariantResult } from "../../../src/lib/mdl/label-code-results.ts";
import { DEFAULT_MIXTURE } from "../../../src/lib/mdl/mixture.ts";

const block = (start: number, end: number, bits: number): LabelBlockCost => ({
  start,
  end,
  bits,
  bitsPerLabel: bits / (end - start),
  accuracy: 0.95,
  weights: [0.2, 0.79, 0.01],
  temperatures: [1.19, 1.5],
});

function variant(id: string, bitLength: number): VariantResult {
  return {
    id,
    label: `row ${id}`,
    experts: [["logistic-lr0.01"], ["cnn-a"]],
    ends: [8, 100],
    mixture: DEFAULT_MIXTURE,
    bitLength,
    idealBits: bitLength - 0.6,
    recipeBits: Math.log2(12),
    blocks: [block(0, 8, 26.6), block(8, 100, bitLength - 30)],
    encodeSeconds: 1,
    gitCommit: "abcdef0123456789",
    clean: true,
  };
}

const file: LabelCodeFile = {
  version: 1,
  n: 100,
  dataSha256: {},
  cells: [],
  recipesCompared: Array.from({ length: 12 }, (_, i) => `r${i}`),
  live: [{ n: 1024, bitLength: 900, idealBits: 899.5, blocks: [block(0, 8, 26.6)], sha256: "ab".repeat(32) }],
  chosen: "-switching",
  variants: [
    variant("cnn", 6000),
    variant("cnn+cal", 5000),
    variant("cnn+cal+fine", 4500),
    variant("cnn+cal+fine+logistic", 4300),
    variant("full", 4000),
    variant("-calibration", 4900),
    variant("-ensemble", 4100),
    variant("-logistic", 3990),
    { ...variant("-switching", 3900), stream: { base64: "", sha256: "0123456789abcdef".repeat(4), decodedEqual: true, decodeSeconds: 2 } },
  ],
};

const view = labelCodeView({ file, baseline: { label: "old", totalBits: 7246, blocks: [] }, uniformBits: 332.2, entropyBits: 330 });

describe("label code view", () => {
  it("states the stream's length against the baseline, the published figure and the goal", () => {
    expect(view.values["total-bits"]).toBe("3,900 bits");
    expect(view.values["total-bytes"]).toBe("488 bytes");
    expect(view.values["baseline-ratio"]).toBe((7246 / 3900).toFixed(2));
    expect(view.values["blier-ratio"]).toBe((3900 / BLIER_OLLIVIER_BITS).toFixed(2));
    expect(view.values.goal).toBe("below the 4,000 bits we aimed for");
    expect(view.values["recipe-bits"]).toBe("3.58 bits");
    expect(view.values["decode-check"]).toBe("decoded back to all 100 labels in 2.0 s");
    expect(view.values.commit).toBe("abcdef0");
    const longer = labelCodeView({
      file: { ...file, variants: file.variants.map((v) => (v.id === "-switching" ? { ...v, bitLength: 4321 } : v)) },
      baseline: { label: "old", totalBits: 7246, blocks: [] },
      uniformBits: 1,
      entropyBits: 1,
    });
    expect(longer.values.goal).toBe("321 bits above the 4,000 we aimed for");
  });

  it("the cumulative table starts from the old recipe and each row says what its ingredient saved", () => {
    const rows = view.tables!.cumulative;
    expect(rows[0]).toEqual(["old", "7,246 bits", "–"]);
    expect(rows[1]).toEqual(["row cnn", "6,000 bits", "−1,246"]);
    expect(rows.at(-1)).toEqual(["row full", "4,000 bits", "−300"]);
    // Relative to the full recipe; the shipped (shortest) one is marked.
    expect(view.tables!["leave-one-out"]).toEqual([
      ["row -calibration", "4,900 bits", "+900"],
      ["row -ensemble", "4,100 bits", "+100"],
      ["row -logistic", "3,990 bits", "−10"],
      ["row -switching (shipped)", "3,900 bits", "−100"],
    ]);
    expect(view.values["chosen-label"]).toBe("the full recipe row -switching");
    expect([view.values["logistic-change"], view.values["switching-change"], view.values["ensemble-change"]]).toEqual([
      "−10",
      "−100",
      "−100",
    ]);
    expect(view.blockColumns).toEqual(["Logistic weight", "CNN weight", "Uniform weight"]);
  });

  it("every block is a row with the mixture's weights and temperatures", () => {
    expect(view.tables!.blocks[1]).toEqual([
      "9–100",
      "3,870 bits",
      (3870 / 92).toFixed(3),
      "95.00%",
      "0.200",
      "0.790",
      "0.010",
      "1.19 / 1.50",
    ]);
    expect(view.tables!.blocks[0]![3]).toBe("uniform");
    expect(view.chart.series.map((s) => s.label)).toEqual(["old", "This code"]);
  });

  it("names a missing code instead of printing a blank", () => {
    expect(() =>
      labelCodeView({ file: { ...file, variants: [] }, baseline: { label: "", totalBits: 1, blocks: [] }, uniformBits: 1, entropyBits: 1 }),
    ).toThrow("no code '-switching'");
  });
});

describe("live label view", () => {
  const reference = file.live[0]!;
  it("shows the reference run before a run, the browser's stream and round trip after", () => {
    expect(liveLabelView({ n: 1024, reference }).values["ref-bits"]).toBe("900 bits");
    expect(liveLabelView({ n: 1024, reference }).values["live-caption"]).toBe("Reference run, block by block");
    const done = liveLabelView({
      n: 1024,
      reference,
      run: {
        phase: "done",
        blocks: [],
        result: { bitLength: 901, idealBits: 900.2, decodedEqual: 1024, encodeSeconds: 1, decodeSeconds: 1 },
      },
    });
    expect(done.values["live-bits"]).toBe("901 bits (ideal 900.2)");
    expect(done.values["live-decoded"]).toBe("1,024 of 1,024 labels equal the originals");
    expect(liveLabelView({ n: 1024, reference, run: { phase: "decode", blocks: [] } }).values["live-caption"]).toContain("decoding");
  });

  it("the outcome compares the stream with the reference byte for byte and says when decoding failed", () => {
    const r = { bitLength: 900, idealBits: 899.5, decodedEqual: 1024, encodeSeconds: 1, decodeSeconds: 1 };
    expect(liveLabelOutcome(1024, reference, r, reference.sha256)).toMatchObject({ match: true });
    expect(liveLabelOutcome(1024, reference, r, reference.sha256).text).toContain("byte for byte");
    expect(liveLabelOutcome(1024, reference, r, "00").match).toBe(false);
    expect(liveLabelOutcome(1024, reference, { ...r, decodedEqual: 10 }, reference.sha256).text).toContain("Only 10 of 1,024");
  });
});
