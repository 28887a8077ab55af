import { describe, expect, it } from "vitest";
import { labelBox, placeLabels, SLOTS } from "../../src/lib/label-placement.ts";

const bounds = { left: 0, right: 400, top: 0, bottom: 300 };

describe("placeLabels", () => {
  it("puts a lone label above its point, centred", () => {
    expect(placeLabels([{ x: 200, y: 150, text: "MNIST" }], [], bounds)).toEqual([0]);
    // Five characters at 10 px: 29 px wide, centred on x, 12 px tall around y − 11.
    expect(labelBox({ x: 200, y: 150, text: "MNIST" }, SLOTS[0]!, 10)).toEqual({ left: 185.5, right: 214.5, top: 133, bottom: 145 });
  });

  it("moves a neighbour's label below when the place above is taken, and drops a label with no free place", () => {
    const same = { x: 200, y: 150 };
    const anchors = Array.from({ length: 12 }, (_, i) => ({ ...same, text: `label ${i}` }));
    const slots = placeLabels(anchors, [same], bounds);
    expect(slots.slice(0, 2)).toEqual([0, 1]);
    // Every slot is used at most once around one point, and the rest are left out.
    const used = slots.filter((s) => s >= 0);
    expect(new Set(used).size).toBe(used.length);
    expect(slots.filter((s) => s < 0).length).toBeGreaterThan(0);
  });

  it("keeps labels inside the bounds and off other points", () => {
    // At the top edge the place above is outside; a point just below rules out the place below.
    expect(placeLabels([{ x: 200, y: 8, text: "edge" }], [{ x: 200, y: 21 }], bounds)).toEqual([2]);
  });
});
