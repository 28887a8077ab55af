/** Settings shared by the build-time Cover chart and its live island. */
export const PRESET_KS: readonly number[] = [5, 20, 100, 1000];
/** K of the exact-count table printed at build time. */
export const EXACT_K = 20;
/** Points per curve: plenty for a 640-pixel-wide chart, and K = 1000 stays a small SVG. */
export const CURVE_POINTS = 300;
/** A custom K walks up to N = 4K with BigInts of up to 4K bits: 2000 keeps that well under a frame's worth of work. */
export const MAX_CUSTOM_K = 2000;
