import { describe, expect, it } from "vitest";
import { tileDigits } from "../../../src/lib/image/tile.ts";

describe("tileDigits", () => {
  it("lays out 3 digits of 2×2 two to a row, inverted, with 1-pixel white gaps", () => {
    const px = Uint8Array.from([255, 0, 0, 255, 10, 20, 30, 40, 0, 0, 0, 0]);
    const t = tileDigits(px, 3, 2, 2, 2);
    expect([t.width, t.height]).toEqual([5, 5]);
    // Worked by hand: row 0 = digit0 row0 | gap | digit1 row0, and so on.
    // prettier-ignore
    expect([...t.gray]).toEqual([
      0,   255, 255, 245, 235,
      255, 0,   255, 225, 215,
      255, 255, 255, 255, 255,
      255, 255, 255, 255, 255,
      255, 255, 255, 255, 255,
    ]);
  });
});
