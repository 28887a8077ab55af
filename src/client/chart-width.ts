/**
 * The width, in CSS px, of the column a live chart is drawn into: the host's content box, so the redrawn chart fills
 * the card at its nominal text size (src/charts/frame.ts) instead of the chart's default width scaled to fit. Undefined
 * when the host is missing or takes no space (hidden), for the chart's own default.
 */
export function chartWidth(host: Element | null): number | undefined {
  if (host === null) return undefined;
  const style = getComputedStyle(host);
  const width = host.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
  return width > 0 ? Math.floor(width) : undefined;
}
