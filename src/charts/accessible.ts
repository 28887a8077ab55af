/**
 * Makes a Plot chart one labelled image for assistive technology. Plot puts aria-label on each mark's <g> ("bar",
 * "cell"), which is not allowed on an element without a role; the chart's own label and its table alternative already
 * say what those would. The mark names move to data-mark, which tests use to count marks. Legend swatches are hidden
 * from the accessibility tree, since the legend's text labels sit right beside them. With `label`, the root element
 * (a bare SVG or Plot's figure with its legend) is the image and carries that description.
 */
export function labelAsOneImage(chart: Element, label?: string): Element {
  chart.querySelectorAll("g[aria-label]").forEach((g) => {
    g.setAttribute("data-mark", g.getAttribute("aria-label") ?? "");
    g.removeAttribute("aria-label");
  });
  if (label !== undefined) {
    // The whole chart (legend included) becomes one image with this description.
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", label);
    return chart;
  }
  const svgs = chart.tagName.toLowerCase() === "svg" ? [chart] : Array.from(chart.querySelectorAll("svg"));
  for (const svg of svgs) {
    if (svg.hasAttribute("aria-label")) svg.setAttribute("role", "img");
    else svg.setAttribute("aria-hidden", "true");
  }
  return chart;
}
