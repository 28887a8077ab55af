import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/**
 * Golden-file snapshots in Observable Plot's own style: a chart drawn from fixed data through the build's linkedom
 * document is compared with the markup committed under tests/charts/snapshots/. A missing golden is written and the
 * test fails once, so a new chart's first picture is looked at before it is trusted. After a deliberate change to a
 * chart, rewrite the goldens with `UPDATE_SNAPSHOTS=1 npx vitest run tests/charts` and review the diff.
 */
const DIR = join(dirname(fileURLToPath(import.meta.url)), "snapshots");

/**
 * One tag per line so a review diff points at the mark that moved, and coordinates rounded to 1e-4 px so a change in
 * the last bits of a float (a log scale on another engine) is not a change of picture.
 */
export function normalize(markup: string): string {
  return `${markup
    .replace(/></g, ">\n<")
    .replace(/-?\d+\.\d{5,}/g, (n) => String(Math.round(Number(n) * 1e4) / 1e4))
    .trim()}\n`;
}

/**
 * Compares the chart's markup with its golden. The name follows the root: `.svg` opens as a picture; a figure with a
 * legend is HTML, kept as `.html.snap` (test data, like vitest's own .snap files, not a page of the site).
 */
export function expectGolden(name: string, chart: Element): void {
  const ext = chart.tagName.toLowerCase() === "svg" ? "svg" : "html.snap";
  const file = join(DIR, `${name}.${ext}`);
  const actual = normalize(chart.outerHTML);
  if (process.env["UPDATE_SNAPSHOTS"] === "1" || !existsSync(file)) {
    const missing = !existsSync(file);
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    if (missing) expect.fail(`wrote the missing golden ${name}.${ext}; look at it, then run the test again`);
    return;
  }
  expect(actual, `${name}.${ext} differs from its golden (UPDATE_SNAPSHOTS=1 rewrites it)`).toBe(readFileSync(file, "utf8"));
}
