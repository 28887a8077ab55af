import { describe, expect, it } from "vitest";
import { resolveStatic } from "../../bench/browser/server.ts";

const ROOTS = [
  { prefix: "/data/", dir: "/srv/data" },
  { prefix: "/", dir: "/srv/page" },
];

describe("resolveStatic", () => {
  it("maps the data prefix and the page root to their folders", () => {
    expect(resolveStatic("/data/manifest.json", ROOTS)).toBe("/srv/data/manifest.json");
    expect(resolveStatic("/assets/bench.worker-x.js?v=1", ROOTS)).toBe("/srv/page/assets/bench.worker-x.js");
    expect(resolveStatic("/", ROOTS)).toBe("/srv/page/index.html");
  });

  it("refuses paths that climb out of their folder", () => {
    expect(resolveStatic("/data/../../etc/passwd", ROOTS)).toBeUndefined();
    expect(resolveStatic("/..%2f..%2fetc/passwd", ROOTS)).toBeUndefined();
  });
});
