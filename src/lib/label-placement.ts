/**
 * Point labels that do not overprint: each label tries a few places around its point (above, below, right, left, then
 * further out) and takes the first that overlaps no label already placed, no point and no edge; a label with no free
 * place is left out, for the chart's table to carry. Pure geometry in pixels, so it is tested without a document.
 */

export interface LabelAnchor {
  /** The point, in pixels from the plot's top left. */
  x: number;
  y: number;
  text: string;
}

export interface Slot {
  dx: number;
  dy: number;
  textAnchor: "start" | "middle" | "end";
}

/** The places a label tries, in order. dy is the text's vertical centre relative to the point. */
export const SLOTS: readonly Slot[] = [
  { dx: 0, dy: -11, textAnchor: "middle" },
  { dx: 0, dy: 13, textAnchor: "middle" },
  { dx: 8, dy: 0, textAnchor: "start" },
  { dx: -8, dy: 0, textAnchor: "end" },
  { dx: 6, dy: -11, textAnchor: "start" },
  { dx: 6, dy: 13, textAnchor: "start" },
  { dx: -6, dy: -11, textAnchor: "end" },
  { dx: -6, dy: 13, textAnchor: "end" },
  { dx: 0, dy: -23, textAnchor: "middle" },
  { dx: 0, dy: 25, textAnchor: "middle" },
];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A label's box at a slot; text widths are estimated at 0.58 em per character (the charts' sans-serif at 10 px). */
export function labelBox(anchor: LabelAnchor, slot: Slot, fontSize: number): Box {
  const width = anchor.text.length * fontSize * 0.58;
  const cx = anchor.x + slot.dx;
  const left = slot.textAnchor === "start" ? cx : slot.textAnchor === "end" ? cx - width : cx - width / 2;
  const cy = anchor.y + slot.dy;
  return { left, right: left + width, top: cy - fontSize * 0.6, bottom: cy + fontSize * 0.6 };
}

/**
 * The slot index of each label (in the given order, which is also priority), or -1 where none is free. `points` are
 * other marks to keep clear of (radius `pointRadius`); `bounds` the area labels must stay inside.
 */
export function placeLabels(
  anchors: readonly LabelAnchor[],
  points: ReadonlyArray<{ x: number; y: number }>,
  bounds: Box,
  fontSize = 10,
  pointRadius = 4,
): number[] {
  const taken: Box[] = points.map((p) => ({
    left: p.x - pointRadius,
    right: p.x + pointRadius,
    top: p.y - pointRadius,
    bottom: p.y + pointRadius,
  }));
  return anchors.map((a) => {
    const slot = SLOTS.findIndex((s) => {
      const box = labelBox(a, s, fontSize);
      const inside = box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
      return inside && !taken.some((t) => overlaps(t, box));
    });
    if (slot >= 0) taken.push(labelBox(a, SLOTS[slot]!, fontSize));
    return slot;
  });
}
