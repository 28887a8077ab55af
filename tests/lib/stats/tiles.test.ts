import { describe, expect, it } from "vitest";
import { binarizedTile, probabilityTile } from "../../../src/lib/stats/tiles.ts";

describe("chapter 1-2 image tiles", () => {
  it("binarizes by threshold and draws on pixels black, off pixels white", () => {
    // Two 1x3 images side by side with a 1-pixel white gap.
    const pixels = Uint8Array.from([0, 127, 128, 255, 1, 0]);
    const tile = binarizedTile(pixels, 2, 1, 3, 2, { kind: "threshold", threshold: 127 }, 1);
    expect(tile.width).toBe(7);
    expect(Array.from(tile.gray)).toEqual([255, 255, 0, 255, 0, 255, 255]);
    const anyInk = binarizedTile(pixels, 2, 1, 3, 2, { kind: "threshold", threshold: 0 }, 1);
    expect(Array.from(anyInk.gray)).toEqual([255, 0, 0, 255, 0, 0, 255]);
  });

  it("stochastic binarization keeps 0 off and 255 on, and is reproducible from the seed", () => {
    const pixels = Uint8Array.from([0, 255, 128, 128]);
    const a = binarizedTile(pixels, 1, 2, 2, 1, { kind: "stochastic" }, 7);
    const b = binarizedTile(pixels, 1, 2, 2, 1, { kind: "stochastic" }, 7);
    expect(Array.from(a.gray)).toEqual(Array.from(b.gray));
    expect(a.gray[0]).toBe(255);
    expect(a.gray[1]).toBe(0);
  });

  it("draws probabilities as ink, clamped to 0..1", () => {
    const tile = probabilityTile([0, 0.5, 1, 2], 1, 2, 2, 1);
    expect(Array.from(tile.gray)).toEqual([255, 255 - 128, 0, 0]);
  });
});
