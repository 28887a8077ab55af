import { describe, expect, it } from "vitest";
import { GRID, NETS } from "../../../src/lib/frontier/grid.ts";
import {
  describeNet,
  LIMITS,
  featureShapes,
  headUnits,
  netKey,
  paramCount,
  parseNetKey,
  tensorSpecs,
  type ConvLayer,
  type NetSpec,
} from "../../../src/lib/frontier/net.ts";
import { createRng } from "../../../src/lib/random.ts";

const conv = (filters: number, kernel: number, pool = 1, padding: ConvLayer["padding"] = "valid"): ConvLayer => ({
  kind: "conv",
  filters,
  kernel,
  padding,
  pool,
});
const sep = (filters: number, kernel: number, pool = 1, padding: ConvLayer["padding"] = "valid"): ConvLayer => ({
  kind: "sep",
  filters,
  kernel,
  padding,
  pool,
});

describe("paramCount, worked by hand", () => {
  it("c6k3p2-c12k3p2-c16k3-gap: 60 + 660 + 1,744 + 170 = 2,634", () => {
    // 28 -conv3-> 26 -pool2-> 13 -conv3-> 11 -pool2-> 5 -conv3-> 3, GAP -> 16.
    const byHand = 3 * 3 * 1 * 6 + 6 + (3 * 3 * 6 * 12 + 12) + (3 * 3 * 12 * 16 + 16) + (16 * 10 + 10);
    expect(byHand).toBe(2634);
    expect(paramCount(parseNetKey("c6k3p2-c12k3p2-c16k3-gap"))).toBe(2634);
  });

  it("c10k5p2-c20k5p2-flat-50: 260 + 5,020 + 16,050 + 510 = 21,840", () => {
    // 28 -conv5-> 24 -pool2-> 12 -conv5-> 8 -pool2-> 4; flatten 4*4*20 = 320 -> 50 -> 10.
    const byHand = 5 * 5 * 10 + 10 + (5 * 5 * 10 * 20 + 20) + (320 * 50 + 50) + (50 * 10 + 10);
    expect(byHand).toBe(21_840);
    expect(paramCount(parseNetKey("c10k5p2-c20k5p2-flat-50"))).toBe(21_840);
  });

  it("a separable net: c8k3p2-s16k3p2-s32k3-gap = 80 + 216 + 688 + 330 = 1,314", () => {
    // s16: depthwise 3*3*8 = 72, pointwise 8*16 = 128, bias 16; s32: 3*3*16 = 144, 16*32 = 512, bias 32.
    const byHand = 80 + (72 + 128 + 16) + (144 + 512 + 32) + (32 * 10 + 10);
    expect(byHand).toBe(1314);
    expect(paramCount(parseNetKey("c8k3p2-s16k3p2-s32k3-gap"))).toBe(1314);
  });

  it("a separable first layer, same padding and two hidden layers: s5k3s-flat-7-3", () => {
    // depthwise 3*3*1 = 9, pointwise 1*5 = 5, bias 5; 28x28x5 = 3,920 -> 7 -> 3 -> 10.
    const byHand = 9 + 5 + 5 + (3920 * 7 + 7) + (7 * 3 + 3) + (3 * 10 + 10);
    expect(paramCount(parseNetKey("s5k3s-flat-7-3"))).toBe(byHand);
  });

  it("a plain MLP (no convolutions): flat-100 = 784*100 + 100 + 100*10 + 10", () => {
    expect(paramCount(parseNetKey("flat-100"))).toBe(784 * 100 + 100 + 1010);
  });

  it("the grid's networks (sizes by hand: 2,634, 4,978, 6,218 full; 2,274, 3,898 separable)", () => {
    const byHand: Record<string, number> = {
      "c6k3p2-c12k3p2-c16k3-gap": 2634,
      "c8k3p2-c16k3p2-c24k3-gap": 80 + (9 * 8 * 16 + 16) + (9 * 16 * 24 + 24) + (24 * 10 + 10),
      "c8k3p2-c16k3p2-c32k3-gap": 80 + (9 * 8 * 16 + 16) + (9 * 16 * 32 + 32) + (32 * 10 + 10),
      "c8k3p2-s24k3p2-s48k3-gap": 80 + (9 * 8 + 8 * 24 + 24) + (9 * 24 + 24 * 48 + 48) + (48 * 10 + 10),
      "c16k3p2-s32k3p2-s64k3-gap": 9 * 16 + 16 + (9 * 16 + 16 * 32 + 32) + (9 * 32 + 32 * 64 + 64) + (64 * 10 + 10),
      "c10k5p2-c20k5p2-flat-50": 21_840,
    };
    expect(Object.values(byHand).slice(1, 5)).toEqual([4978, 6218, 2274, 3898]);
    for (const [key, n] of Object.entries(byHand)) expect(paramCount(parseNetKey(key)), key).toBe(n);
    // Whatever the grid currently lists, its keys are canonical.
    for (const key of [...Object.values(NETS), ...GRID.map((c) => c.net)]) expect(netKey(parseNetKey(key))).toBe(key);
  });
});

describe("tensorSpecs", () => {
  it("lists tensors in storage order with HWIO / [H,W,C,1] / [in,out] shapes", () => {
    expect(tensorSpecs(parseNetKey("c6k3p2-s16k5-flat-20"))).toEqual([
      { name: "conv1.weight", shape: [3, 3, 1, 6], bias: false },
      { name: "conv1.bias", shape: [6], bias: true },
      { name: "sep2.depthwise", shape: [5, 5, 6, 1], bias: false },
      { name: "sep2.pointwise", shape: [1, 1, 6, 16], bias: false },
      { name: "sep2.bias", shape: [16], bias: true },
      // 28 -> 26 -> 13 -> 9: 9*9*16 = 1,296 units.
      { name: "fc1.weight", shape: [1296, 20], bias: false },
      { name: "fc1.bias", shape: [20], bias: true },
      { name: "fc2.weight", shape: [20, 10], bias: false },
      { name: "fc2.bias", shape: [10], bias: true },
    ]);
  });
});

describe("featureShapes", () => {
  it("'valid' shrinks by kernel - 1, 'same' keeps the side; pools floor", () => {
    expect(featureShapes(parseNetKey("c4k5p2-c8k3-gap"))).toEqual([
      { side: 12, channels: 4 }, // (28 - 4) / 2
      { side: 10, channels: 8 },
    ]);
    expect(featureShapes(parseNetKey("c4k5sp2-c8k3s-gap"))).toEqual([
      { side: 14, channels: 4 },
      { side: 14, channels: 8 },
    ]);
    // 28 / 3 = 9.33 -> 9; 'same' with an even kernel still keeps the side.
    expect(featureShapes(parseNetKey("c4k4sp3-s6k2s-flat"))).toEqual([
      { side: 9, channels: 4 },
      { side: 9, channels: 6 },
    ]);
    expect(headUnits(parseNetKey("c4k4sp3-s6k2s-flat"))).toBe(9 * 9 * 6);
    expect(headUnits(parseNetKey("c4k4sp3-s6k2s-gap"))).toBe(6);
    expect(headUnits(parseNetKey("flat"))).toBe(784);
  });

  it("throws when a network would shrink the image below one pixel", () => {
    // 28 -9+1-> 20 -p9-> 2; 2 - 9 + 1 < 1.
    expect(() => featureShapes(parseNetKeyUnchecked("c6k9p9", "c6k9"))).toThrow(/layer 2 shrinks the image/);
    // 28 -9+1-> 20 -p4-> 5; 5 - 9 + 1 < 1.
    expect(() => parseNetKey("c6k9p4-c6k9-gap")).toThrow(/shrinks/);
    // Pooling alone can do it: 28 -> 7 -> 1 -> 0.
    expect(() => parseNetKey("c1k1p4-c1k1p4-c1k1p4-gap")).toThrow(/layer 3 shrinks/);
  });
});

/** Spec from conv parts, bypassing parseNetKey's own shape check. */
function parseNetKeyUnchecked(...convKeys: string[]): NetSpec {
  return {
    convs: convKeys.map((k) => {
      const m = /^([cs])(\d+)k(\d)(s?)(?:p(\d))?$/.exec(k)!;
      return {
        kind: m[1] === "s" ? "sep" : "conv",
        filters: Number(m[2]),
        kernel: Number(m[3]),
        padding: m[4] ? "same" : "valid",
        pool: Number(m[5] ?? 1),
      };
    }),
    head: "gap",
    hidden: [],
  };
}

describe("netKey / parseNetKey", () => {
  const keys = [
    "c6k3p2-c12k3p2-c16k3-gap",
    "c10k5p2-c20k5p2-flat-50",
    "c8k3p2-s16k3p2-s32k3-gap",
    "c4k3s-flat",
    "s5k7sp3-gap-64-32",
    "flat",
    "flat-100-50",
    "c512k1-gap",
    "c1k9p4-flat-4096",
  ];

  it("round-trips keys and specs", () => {
    for (const key of keys) {
      const spec = parseNetKey(key);
      expect(netKey(spec)).toBe(key);
      expect(parseNetKey(netKey(spec))).toEqual(spec);
    }
  });

  it("parses the grammar as documented", () => {
    expect(parseNetKey("c6k3p2-s16k5s-flat-50-20")).toEqual({
      convs: [conv(6, 3, 2), sep(16, 5, 1, "same")],
      head: "flatten",
      hidden: [50, 20],
    });
  });

  it("round-trips random valid specs", () => {
    const rng = createRng(7);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const convs: ConvLayer[] = Array.from({ length: rng.int(4) }, () => ({
        kind: rng.int(2) === 0 ? "conv" : "sep",
        filters: 1 + rng.int(64),
        kernel: 1 + rng.int(7),
        padding: rng.int(2) === 0 ? "valid" : "same",
        pool: 1 + rng.int(3),
      }));
      const spec: NetSpec = {
        convs,
        head: convs.length === 0 || rng.int(2) === 0 ? "flatten" : "gap",
        hidden: Array.from({ length: rng.int(3) }, () => 1 + rng.int(200)),
      };
      try {
        featureShapes(spec);
      } catch {
        continue;
      }
      if (paramCount(spec) > LIMITS.params) {
        expect(() => parseNetKey(netKey(spec))).toThrow(/bad network key/);
        continue;
      }
      expect(parseNetKey(netKey(spec))).toEqual(spec);
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });

  it("rejects keys it did not produce", () => {
    const bad = [
      "",
      "gap", // GAP needs a convolution
      "c6k3", // no head
      "c6k3-gap-0",
      "c6k3-gap-05",
      "c6k3-gap-x",
      "c6k3-flat-", // empty hidden width
      "c6k3p1-gap", // pool 1 is written as no pool
      "c0k3-gap",
      "c06k3-gap",
      "c6k0-gap",
      "c6k10-gap",
      "c6k3p10-gap",
      "C6k3-gap",
      "x6k3-gap",
      "c6k3-foo",
      "flat-c6k3", // convolutions after the head
      "c6k3-gap-c6k3",
      "c6k3--gap",
      "c6k3-gap-100000",
      "c10000k3-gap",
      " c6k3-gap",
    ];
    for (const key of bad) expect(() => parseNetKey(key), key).toThrow(/bad network key|shrinks/);
  });
});

describe("describeNet", () => {
  it("writes one readable line", () => {
    expect(describeNet(parseNetKey("c6k3p2-s12k3s-c16k3-gap"))).toBe("conv 1→6 3×3, pool 2, sep 6→12 3×3 same, conv 12→16 3×3, GAP, 16→10");
    expect(describeNet(parseNetKey("c10k5p2-flat-50"))).toBe("conv 1→10 5×5, pool 2, flatten, 1440→50→10");
    expect(describeNet(parseNetKey("flat"))).toBe("flatten, 784→10");
  });
});
