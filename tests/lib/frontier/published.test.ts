import { describe, expect, it } from "vitest";
import { citationText, float32Bits, LENET5_CAFFE_PARAMS, PUBLISHED, type PublishedId } from "../../../src/lib/frontier/published.ts";

const byId = (id: PublishedId) => {
  const p = PUBLISHED.find((x) => x.id === id);
  if (p === undefined) throw new Error(id);
  return p;
};

describe("published points", () => {
  it("one each, with unique ids and labels", () => {
    expect(PUBLISHED.map((p) => p.id)).toEqual(["han2016", "ullrich2017", "louizos2017", "joshwarn", "ruslangrimov", "bitnetmcu"]);
    expect(new Set(PUBLISHED.map((p) => p.label)).size).toBe(PUBLISHED.length);
    expect(new Set(PUBLISHED.map((p) => p.chartLabel)).size).toBe(PUBLISHED.length);
  });

  it("the compressed LeNet-5s: the stated 'about' sizes agree with their sources' kilobytes and ratios", () => {
    const original = LENET5_CAFFE_PARAMS * 32; // 13,794,560 bits, "13.79 Mbit"
    expect(original / 1e6).toBeCloseTo(13.79, 2);
    // 44 KB of 1,024 bytes: 360,448 bits; also 1/39 of the original, 353,707 (the 39× is rounded).
    expect(44 * 1024 * 8).toBeCloseTo(byId("han2016").bits, -4);
    expect(Math.abs(original / 39 - byId("han2016").bits) / byId("han2016").bits).toBeLessThan(0.03);
    expect(original / 162).toBeCloseTo(byId("ullrich2017").bits, -3); // 85,152
    expect(original / 419).toBeCloseTo(byId("louizos2017").bits, -3); // 32,923
    expect(original / 771).toBeCloseTo(byId("louizos2017").alternative!.bits, -3); // 17,892
    for (const id of ["han2016", "ullrich2017", "louizos2017"] as const) expect(byId(id).approximate).toBe(true);
  });

  it("accuracies from reported errors: 0.74% and 0.97%; none claimed for Bayesian compression", () => {
    expect(byId("han2016").testAccuracy).toBeCloseTo(0.9926, 12);
    expect(byId("ullrich2017").testAccuracy).toBeCloseTo(0.9903, 12);
    expect(byId("louizos2017").testAccuracy).toBeNull();
  });

  it("the repositories: float32 sizes from parameter counts, BitNetMCU as shipped (5.4 kB)", () => {
    expect(float32Bits(697)).toBe(22_304);
    expect(byId("joshwarn")).toMatchObject({ params: 697, bits: 22_304, testAccuracy: 0.9903, approximate: false });
    expect(byId("ruslangrimov")).toMatchObject({ params: 1_936, bits: 61_952, testAccuracy: 0.991, approximate: false });
    expect(byId("bitnetmcu")).toMatchObject({ bits: 42_880, bitsDerived: null, testAccuracy: 0.9906 });
    expect(byId("bitnetmcu").bits / 8 / 1000).toBeCloseTo(5.4, 1);
    expect(byId("joshwarn").selection).toMatch(/test set/);
    expect(byId("bitnetmcu").selection).toMatch(/test set/);
    expect(byId("ruslangrimov").selection).toMatch(/not confirmed/);
  });

  it("citations: papers with venue and year, repositories with their address", () => {
    expect(citationText(byId("ullrich2017").citation)).toBe(
      "Ullrich, Meeds & Welling, “Soft Weight-Sharing for Neural Network Compression”, ICLR 2017",
    );
    expect(citationText(byId("louizos2017").citation)).toBe(
      "Louizos, Ullrich & Welling, “Bayesian Compression for Deep Learning”, NeurIPS 2017",
    );
    expect(citationText(byId("joshwarn").citation)).toBe(
      "JoshWarn, Parameter-Efficient-MNIST (GitHub repository, https://github.com/JoshWarn/Parameter-Efficient-MNIST)",
    );
    for (const p of PUBLISHED) expect(p.citation.year === null).toBe(p.citation.url !== undefined);
  });
});
