import { describe, expect, it } from "vitest";
import { AA_TEXT, BLACK, contrastRatio, parseColor, relativeLuminance, textColorOn, WHITE } from "../../src/charts/contrast.ts";

// Ratios worked by hand from WCAG 2's definitions: channel c = v / 255, linear = c / 12.92 if c <= 0.04045, else
// ((c + 0.055) / 1.055) ^ 2.4; L = 0.2126 R + 0.7152 G + 0.0722 B; ratio = (L1 + 0.05) / (L2 + 0.05).

describe("WCAG contrast", () => {
  it("parses the three colour forms the charts and the browser write", () => {
    expect(parseColor("#fff")).toEqual([255, 255, 255]);
    expect(parseColor("#3B5BDB")).toEqual([59, 91, 219]);
    expect(parseColor("rgb(12, 34, 56)")).toEqual([12, 34, 56]);
    expect(parseColor("rgba(12, 34, 56, 0.5)")).toEqual([12, 34, 56]);
    expect(() => parseColor("var(--x)")).toThrow(/not a #rgb/);
  });

  it("relative luminance: black 0, white 1, pure primaries their weights", () => {
    expect(relativeLuminance(BLACK)).toBe(0);
    expect(relativeLuminance(WHITE)).toBeCloseTo(1, 12);
    expect(relativeLuminance("#ff0000")).toBeCloseTo(0.2126, 12);
    expect(relativeLuminance("#00ff00")).toBeCloseTo(0.7152, 12);
    expect(relativeLuminance("#0000ff")).toBeCloseTo(0.0722, 12);
    // 119 / 255 = 0.46667: ((0.46667 + 0.055) / 1.055) ^ 2.4 = 0.18447 in every channel.
    expect(relativeLuminance("#777777")).toBeCloseTo(0.18447, 4);
    // 10 / 255 = 0.03922 is on the linear segment: 0.03922 / 12.92 = 0.0030353.
    expect(relativeLuminance("#0a0a0a")).toBeCloseTo(0.0030353, 6);
  });

  it("contrast ratios, hand-computed", () => {
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 10);
    expect(contrastRatio("#123456", "#123456")).toBe(1);
    // The two greys either side of AA on white: #777 fails (1.05 / 0.23447 = 4.478), #767676 passes (1.05 / 0.23116 = 4.542).
    expect(contrastRatio("#777777", WHITE)).toBeCloseTo(4.478, 3);
    expect(contrastRatio("#767676", WHITE)).toBeCloseTo(4.542, 3);
    // Pure red: 1.05 / 0.2626 = 3.998 on white, 0.2626 / 0.05 = 5.252 on black.
    expect(contrastRatio("#ff0000", WHITE)).toBeCloseTo(3.998, 3);
    expect(contrastRatio("#ff0000", BLACK)).toBeCloseTo(5.252, 3);
    // The Starlight card and its text in the dark theme: #c1c3c8 (L 0.54537) on #23262f (L 0.019491): 0.59537 / 0.069491 = 8.568.
    expect(contrastRatio("#c1c3c8", "#23262f")).toBeCloseTo(8.568, 2);
  });

  it("text on a fill: the better of black and white, never below AA", () => {
    expect(textColorOn("#ff0000")).toBe(BLACK);
    expect(textColorOn("#3b5bdb")).toBe(WHITE);
    expect(textColorOn("#fff5eb")).toBe(BLACK);
    expect(textColorOn("#7f2704")).toBe(WHITE);
    // Every grey, and a sweep of hues: the chosen colour always reaches 4.5 (the worst case is about 4.58).
    const fills = Array.from({ length: 256 }, (_, v) => `rgb(${v}, ${v}, ${v})`);
    for (let h = 0; h < 4096; h += 7) fills.push(`#${h.toString(16).padStart(3, "0")}`);
    const worst = Math.min(...fills.map((f) => contrastRatio(f, textColorOn(f))));
    expect(worst).toBeGreaterThanOrEqual(AA_TEXT);
    expect(worst).toBeLessThan(4.6);
  });
});
