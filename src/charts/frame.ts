/** The size options of a chart function: the document to draw in (build time or page) and the column's width. */
export interface ChartSize {
  document: Document;
  width?: number;
}

/**
 * The frame the chapters' full-width charts share: 640 px unless the island measured its column, with the height
 * and the left margin (room for the y tick labels) each chart needs.
 */
export function chartFrame(
  options: ChartSize,
  height: number,
  marginLeft: number,
): { document: Document; width: number; height: number; marginLeft: number } {
  return { document: options.document, width: options.width ?? 640, height, marginLeft };
}

/** Reference runs grey, the reader's own orange: the training charts' one colour legend. */
export const SOURCE_COLOR = { domain: ["reference sweep", "your runs"], range: ["#7b8794", "#d9480f"], legend: true };
