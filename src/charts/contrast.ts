/**
 * WCAG 2 contrast, as pure functions: the relative luminance of an sRGB colour and the contrast ratio of two, and the
 * text colour (black or white) that reads on a given fill. A cell's fill is a fixed colour in both themes, so text
 * chosen from it reads the same in either.
 */

/** The minimum contrast ratio WCAG 2 AA asks of normal text (large text: 3). */
export const AA_TEXT = 4.5;

export const BLACK = "#000000";
export const WHITE = "#ffffff";

/** Parses `#rgb`, `#rrggbb` or `rgb(r, g, b)` into 0..255 channels; throws on anything else. */
export function parseColor(color: string): [number, number, number] {
  const c = color.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return [1, 2, 3].map((i) => parseInt(short[i]! + short[i]!, 16)) as [number, number, number];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(c);
  if (long) return [1, 2, 3].map((i) => parseInt(long[i]!, 16)) as [number, number, number];
  const rgb = /^rgba?\(\s*(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/.exec(c);
  if (rgb) return [1, 2, 3].map((i) => Math.min(255, Math.round(Number(rgb[i])))) as [number, number, number];
  throw new Error(`parseColor: '${color}' is not a #rgb, #rrggbb or rgb() colour`);
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white): linearised sRGB channels weighted 0.2126, 0.7152, 0.0722. */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseColor(color).map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05) with L1 the lighter of the two: 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Black or white, whichever contrasts more with `fill`. The better of the two is never below 4.58:1 (the crossover,
 * where both are equal, is at luminance sqrt(1.05 * 0.05) - 0.05, about 0.179), so the text always meets AA.
 */
export function textColorOn(fill: string): typeof BLACK | typeof WHITE {
  return contrastRatio(fill, BLACK) >= contrastRatio(fill, WHITE) ? BLACK : WHITE;
}
