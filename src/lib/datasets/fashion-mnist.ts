/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017) from Debian's `dataset-fashion-mnist` package, checked before use.
 *
 * Why the check is on the decompressed bytes: the release publishes the MD5 of its four .gz files, but Debian ships
 * the same IDX files recompressed, so those sums cannot match. The MD5 sums of the decompressed files below are the
 * ones loaders of the original release check after unpacking; they are recorded with the release's .gz sums so a
 * reader can compare either form. Node only (the site's browser code never reads this dataset from disk).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { makeSplit, type Mnist } from "../data/mnist.ts";

export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

export const FASHION_MNIST_FILES = {
  trainImages: {
    name: "train-images-idx3-ubyte.gz",
    gzMd5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    rawMd5: "f4a8712d7a061bf5bd6d2ca38dc4d50a",
  },
  trainLabels: {
    name: "train-labels-idx1-ubyte.gz",
    gzMd5: "25c81989df183df01b3e8a0aad5dffbe",
    rawMd5: "9018921c3c673c538a1fc5bad174d6f9",
  },
  testImages: { name: "t10k-images-idx3-ubyte.gz", gzMd5: "bef4ecab320f06d8554ea6380940ec79", rawMd5: "8181f5470baa50b63fa0f6fddb340f0a" },
  testLabels: { name: "t10k-labels-idx1-ubyte.gz", gzMd5: "bb300cfdad3c16e7a12a480ee83cd310", rawMd5: "15d484375f8d13e6eb1aabb0c3f46965" },
} as const;

export type FashionFileKey = keyof typeof FASHION_MNIST_FILES;

export class FashionMnistError extends Error {
  override name = "FashionMnistError";
}

export function fashionMnistAvailable(dir = FASHION_MNIST_DIR): boolean {
  return Object.values(FASHION_MNIST_FILES).every((f) => existsSync(join(dir, f.name)));
}

/** The four files, decompressed and checked against the release's sums; throws naming the file that fails. */
export function loadFashionMnist(dir = FASHION_MNIST_DIR): Mnist & { sha256: Record<FashionFileKey, string> } {
  const raw = {} as Record<FashionFileKey, Uint8Array>;
  const sha256 = {} as Record<FashionFileKey, string>;
  for (const [key, f] of Object.entries(FASHION_MNIST_FILES) as [FashionFileKey, (typeof FASHION_MNIST_FILES)[FashionFileKey]][]) {
    const path = join(dir, f.name);
    if (!existsSync(path)) throw new FashionMnistError(`${path} is missing: install Debian's dataset-fashion-mnist package`);
    const gz = readFileSync(path);
    let bytes: Buffer;
    try {
      bytes = gz[0] === 0x1f && gz[1] === 0x8b ? gunzipSync(gz) : gz;
    } catch (e) {
      throw new FashionMnistError(`${path}: corrupt gzip data (${(e as Error).message})`, { cause: e });
    }
    const rawMd5 = createHash("md5").update(bytes).digest("hex");
    if (rawMd5 !== f.rawMd5) throw new FashionMnistError(`${path}: decompressed MD5 ${rawMd5} is not the release's ${f.rawMd5}`);
    raw[key] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    sha256[key] = createHash("sha256").update(bytes).digest("hex");
  }
  return {
    train: makeSplit(raw.trainImages, raw.trainLabels, FASHION_MNIST_FILES.trainImages.name, FASHION_MNIST_FILES.trainLabels.name),
    test: makeSplit(raw.testImages, raw.testLabels, FASHION_MNIST_FILES.testImages.name, FASHION_MNIST_FILES.testLabels.name),
    sha256,
  };
}
