import { describe, expect, it } from "vitest";
import { frontierSelection, type ServedModel } from "../../../src/build/frontier-build.ts";
import { quantizeNetwork } from "../../../src/lib/frontier/cell.ts";
import { logitsOf, softmax } from "../../../src/lib/frontier/forward.ts";
import { ModelFileError, encodeModelFile } from "../../../src/lib/frontier/model-file.ts";
import { parseNetKey, tensorSize, tensorSpecs } from "../../../src/lib/frontier/net.ts";
import type { Stroke } from "../../../src/lib/image/mnist-style.ts";
import { createRng } from "../../../src/lib/random.ts";
import { sha256Hex } from "../../../src/lib/data/hash.ts";
import {
  DIGITS,
  NET_IDS,
  PAD_SIZE,
  bitsFromLogits,
  bitsNumber,
  digitFromStrokes,
  drawView,
  logitsFor,
  openModelFile,
  probabilityText,
  type ModelFacts,
  type NetId,
} from "../../../src/chapters/description-length/draw-view.ts";

const facts = (over: Partial<ModelFacts> = {}): ModelFacts => ({
  path: "models/mnist-small.0123abcd.bin",
  bytes: 1200,
  sha256: "0".repeat(64),
  params: 4978,
  weightBits: 3,
  fileBits: 9600,
  testAccuracy: 0.9912,
  arch: "conv 1→8 3×3, pool 2, GAP, 24→10",
  ...over,
});
const models: Record<NetId, ModelFacts> = {
  small: facts(),
  ref: facts({ path: "models/cnn-21840.4567cdef.bin", params: 21840, weightBits: 8, fileBits: 140_000, testAccuracy: 0.9921 }),
};

/** Logits whose softmax is exactly `p` (up to rounding): log p. */
const logitsOfProbabilities = (p: number[]): number[] => p.map(Math.log);

describe("drawView", () => {
  it("shows each network's facts and no predictions before anything is drawn", () => {
    const v = drawView({ models, met: true, source: { kind: "none" } });
    expect(v.values["small-title"]).toBe("The validation-selected network");
    expect(drawView({ models, met: false, source: { kind: "none" } }).values["small-title"]).toBe("The best small network so far");
    expect(v.values["ref-title"]).toBe("The 21,840-parameter network");
    expect(v.values["small-facts"]).toBe("4,978 parameters at 3 bits, a 9,600-bit file, 99.12% on the test set");
    expect(v.values["ref-facts"]).toBe("21,840 parameters at 8 bits, a 140,000-bit file, 99.21% on the test set");
    expect(v.values.source).toBe("Nothing drawn yet.");
    expect(v.values.announce).toBe("");
    for (const id of NET_IDS) {
      expect(v.values[`${id}-top`]).toBe("–");
      expect(v.values[`${id}-top-bits`]).toBe("Draw a digit, or pick a test image.");
      for (const d of DIGITS) {
        expect(v.values[`${id}-p${d}`]).toBe("–");
        expect(v.values[`${id}-b${d}`]).toBe("–");
      }
      expect(v.bars[id]).toEqual(new Array(10).fill(0));
      expect(v.top[id]).toBeNull();
    }
    // Every key the markup holds, so patch() finds each: 2 shared, 6 + 2 × 10 per network.
    expect(Object.keys(v.values)).toHaveLength(2 + 2 * 26);
  });

  it("prints probabilities, bits, the top label's cost and the named label's cost", () => {
    const p = [0.001, 0.002, 0.004, 0.125, 0.0005, 0.0005, 0.002, 0.86, 0.003, 0.002];
    const q = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0].map((x) => (x === 1 ? 0.9998 : 0.0002 / 9));
    const v = drawView({
      models,
      met: true,
      source: { kind: "drawing", strokes: 2 },
      logits: { small: logitsOfProbabilities(p), ref: logitsOfProbabilities(q) },
      named: 3,
    });
    expect(v.values.source).toBe("Your drawing (2 strokes), as the networks see it:");
    expect(v.values["small-top"]).toBe("7");
    expect(v.values["small-p7"]).toBe("86.0%");
    expect(v.values["small-b7"]).toBe(bitsNumber(-Math.log2(0.86)));
    expect(v.values["small-b7"]).toBe("0.218");
    expect(v.values["small-p3"]).toBe("12.5%");
    expect(v.values["small-b3"]).toBe("3.00");
    expect(v.values["small-p4"]).toBe("< 0.1%");
    expect(v.values["small-top-bits"]).toBe("p(7) = 86.0%: its label costs −log₂ p(7) = 0.218 bits.");
    expect(v.values["small-named-bits"]).toBe("If this is a 3, the code pays −log₂ p(3) = 3.00 bits.");
    expect(v.values["ref-p7"]).toBe("> 99.9%");
    expect(v.values["ref-b7"]).toBe("< 0.001");
    expect(v.values["ref-top-bits"]).toBe("p(7) > 99.9%: its label costs −log₂ p(7) < 0.001 bits.");
    expect(v.values.announce).toBe(
      "Small network: 7, 86.0%; a 3 costs 3.00 bits. 21,840-parameter network: 7, more than 99.9%; a 3 costs " +
        `${bitsNumber(-Math.log2(0.0002 / 9))} bits.`,
    );
    expect(v.top).toEqual({ small: 7, ref: 7 });
    v.bars.small.forEach((b, d) => expect(b).toBeCloseTo(p[d]!, 12));
    const sum = v.bars.ref.reduce((s, b) => s + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it("names a test image by number and label, and says one bit in the singular", () => {
    const v = drawView({
      models,
      met: true,
      source: { kind: "test", index: 42, label: 4 },
      logits: { small: [0, 0], ref: [0, 0] },
      named: 0,
    });
    expect(v.values.source).toBe("Test image 42, labelled 4, as the networks see it:");
    expect(v.values["small-named-bits"]).toBe("If this is a 0, the code pays −log₂ p(0) = 1.00 bit.");
  });
});

describe("bits and probabilities", () => {
  it("−log₂ p from the logits agrees with −log₂ of the softmax, and does not overflow for a sure prediction", () => {
    const rng = createRng(5);
    for (let t = 0; t < 50; t++) {
      const z = Array.from({ length: 10 }, () => 20 * (rng.next() - 0.5));
      const p = softmax(z);
      bitsFromLogits(z).forEach((b, k) => expect(b).toBeCloseTo(-Math.log2(p[k]!), 9));
    }
    // exp(-2000) is 0 in doubles: the softmax would say infinite bits, the log-sum-exp says 2000 / ln 2.
    const sure = bitsFromLogits([2000, 0]);
    expect(sure[1]).toBeCloseTo(2000 / Math.LN2, 9);
    expect(sure[0]).toBe(0);
  });

  it("prints the ends of the scales as bounds", () => {
    expect(probabilityText(0.9995)).toBe("> 99.9%");
    expect(probabilityText(0.999)).toBe("99.9%");
    expect(probabilityText(0.0009)).toBe("< 0.1%");
    expect(probabilityText(0.5)).toBe("50.0%");
    expect(bitsNumber(0.0004)).toBe("< 0.001");
    expect(bitsNumber(0.0123)).toBe("0.012");
    expect(bitsNumber(12.3456)).toBe("12.35");
  });
});

describe("openModelFile", () => {
  const spec = parseNetKey("c4k3p2-gap");
  const rng = createRng(3);
  const weights = tensorSpecs(spec).map((t) => Float32Array.from({ length: tensorSize(t) }, () => rng.next() - 0.5));
  const bytes = encodeModelFile(quantizeNetwork(spec, weights, { weightBits: 4, biasBits: 8 }));
  const path = "models/mnist-small.feedbeef.bin";

  it("opens the file the build recorded", async () => {
    const net = await openModelFile(bytes, { path, bytes: bytes.length, sha256: await sha256Hex(bytes) });
    expect(net.spec).toEqual(spec);
    expect(logitsOf(net, new Uint8Array(784))).toHaveLength(10);
  });

  it("refuses a truncated file and a changed one, naming the file", async () => {
    const expected = { path, bytes: bytes.length, sha256: await sha256Hex(bytes) };
    const short = bytes.slice(0, -3);
    await expect(openModelFile(short, expected)).rejects.toThrow(ModelFileError);
    await expect(openModelFile(short, expected)).rejects.toThrow(new RegExp(`^${path.replace(/\./g, "\\.")}: .*truncated`));
    const flipped = bytes.slice();
    flipped[5] = flipped[5]! ^ 0x10;
    await expect(openModelFile(flipped, expected)).rejects.toThrow(new RegExp(`${path.replace(/\./g, "\\.")}: integrity check failed`));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The whole pipeline in Node: synthetic strokes → rasterize → mnistStyle → both served networks.
// ---------------------------------------------------------------------------------------------------------------

/** Points every `step` pad units from a to b (both ends included), as a pointer would report them. */
function line(a: [number, number], b: [number, number], step = 5): Array<{ x: number; y: number }> {
  const k = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
  return Array.from({ length: k + 1 }, (_, i) => ({ x: a[0] + ((b[0] - a[0]) * i) / k, y: a[1] + ((b[1] - a[1]) * i) / k }));
}

/** The same shapes the e2e spec draws with the mouse, a pen and a finger, in pad units (PAD_SIZE square). */
const SHAPES: Record<"0" | "1" | "7", Stroke[]> = {
  "0": [
    Array.from({ length: 49 }, (_, i) => ({
      x: 140 + 60 * Math.sin((2 * Math.PI * i) / 48),
      y: 140 - 95 * Math.cos((2 * Math.PI * i) / 48),
    })),
  ],
  "1": [line([150, 45], [128, 235])],
  "7": [[...line([75, 60], [205, 60]), ...line([205, 60], [125, 235]).slice(1)]],
};

/** A drawing shrunk by `scale` about the pad's centre and moved by (dx, dy): a reader draws small, or off-centre. */
const moved = (strokes: Stroke[], scale: number, dx: number, dy: number): Stroke[] =>
  strokes.map((s) =>
    s.map((p) => ({ x: PAD_SIZE / 2 + (p.x - PAD_SIZE / 2) * scale + dx, y: PAD_SIZE / 2 + (p.y - PAD_SIZE / 2) * scale + dy })),
  );

describe("a drawing through the served networks (content/data/frontier.json)", () => {
  const served = async (m: ServedModel) => openModelFile(m.bytes, { path: m.path, bytes: m.bytes.length, sha256: m.sha256 });

  it("reads the synthetic 0, 1 and 7 correctly with both networks, drawn large, small and off-centre", async () => {
    const { chosen, reference } = frontierSelection();
    const nets = { small: await served(chosen), ref: await served(reference) };
    const report: string[] = [];
    for (const [label, strokes] of Object.entries(SHAPES)) {
      for (const [scale, dx, dy] of [
        [1, 0, 0],
        [0.6, 0, 0],
        [0.5, -60, 50],
      ] as const) {
        const digit = digitFromStrokes(moved(strokes, scale, dx, dy));
        expect(digit.empty).toBe(false);
        const logits = logitsFor(nets, digit.pixels);
        for (const id of NET_IDS) {
          const bits = bitsFromLogits(logits[id]);
          const top = bits.indexOf(Math.min(...bits));
          report.push(`${label} ×${scale} ${id}: ${top} (${bitsNumber(bits[Number(label)]!)} bits)`);
          expect(top, `${id} reads the ${label} at scale ${scale} as ${top}`).toBe(Number(label));
        }
      }
    }
    console.log(report.join("\n"));
  });
});
