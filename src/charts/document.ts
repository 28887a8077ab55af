import { parseHTML } from "linkedom";

/**
 * A DOM document for rendering charts at build time. Observable Plot accepts a `document` option, so the same
 * chart function draws the static SVG in Node and the live one in the browser.
 */
export function buildTimeDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document;
}
