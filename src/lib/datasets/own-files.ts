/**
 * A reader's own IDX files (MNIST format, gzip or not), checked completely before anything is computed from them.
 * Every refusal is an OwnDataError whose message names the reader's file and says what is wrong in plain words, so a
 * page can show it as it is. Pure (no DOM, no Node APIs): it runs in a Web Worker and in Node alike.
 */
import { formatInt } from "../format.ts";
import { concat, isGzip } from "../data/fetch.ts";
import { IDX_UBYTE } from "../data/idx.ts";
import { CLASSES, classCounts, type Mnist, type Split } from "../data/mnist.ts";
import { upsample } from "./variants.ts";

export type OwnFileRole = "trainImages" | "trainLabels" | "testImages" | "testLabels";

export interface OwnFile {
  role: OwnFileRole;
  /** The reader's file name, used in messages. */
  name: string;
  bytes: Uint8Array;
}

export type OwnDataErrorKind =
  "missing" | "not-idx" | "gzip" | "truncated" | "shape" | "count-mismatch" | "oversize" | "labels-range" | "too-few";

export class OwnDataError extends Error {
  /** `file` is the reader's file name, or "" when the complaint is that a file is absent. */
  constructor(
    readonly kind: OwnDataErrorKind,
    readonly file: string,
    detail: string,
  ) {
    super(file ? `${file}: ${detail}` : detail);
    this.name = "OwnDataError";
  }
}

export const OWN_LIMITS = {
  /** Bytes per file, as stored and once decompressed: what a browser tab can hold several of. */
  maxFileBytes: 256 * 1024 * 1024,
  maxImages: 300_000,
  minSide: 4,
  maxSide: 128,
  /** The site's networks have ten outputs. */
  classes: CLASSES,
  minTrain: 100,
} as const;

export interface OwnSummary {
  trainCount: number;
  testCount: number;
  rows: number;
  cols: number;
  classesSeen: number;
  /** Images per class in the training split, `classes` entries. */
  classCounts: number[];
  /** Whether each file given was gzip-compressed, by role. */
  compressed: Record<string, boolean>;
}

export interface OwnDataset {
  data: Mnist;
  /** No test files were given, so the test split is the last sixth of the training files. */
  testFromTrain: boolean;
  summary: OwnSummary;
}

const ROLE_WORDS: Record<OwnFileRole, string> = {
  trainImages: "training images",
  trainLabels: "training labels",
  testImages: "test images",
  testLabels: "test labels",
};
const IMAGES_MAGIC = 0x0803;
const LABELS_MAGIC = 0x0801;
const CHUNK = 1 << 20;
const PER_FILE = "the most this page accepts per file";

function fail(kind: OwnDataErrorKind, file: string, detail: string): never {
  throw new OwnDataError(kind, file, detail);
}

/** Refuses ("oversize") a file too large as stored, before anything reads it (the page checks File.size with it). */
export function checkStoredSize(name: string, bytes: number): void {
  const max = OWN_LIMITS.maxFileBytes;
  if (bytes > max) fail("oversize", name, `is ${formatInt(bytes)} bytes as stored; ${PER_FILE} is ${sizeText(max)}`);
}

/**
 * Inflates gzip data, refusing ("oversize") as soon as the output passes `maxBytes`: the output is pulled chunk by
 * chunk, so a small file that would inflate to gigabytes never gets the chance to.
 */
export async function gunzipBounded(bytes: Uint8Array, maxBytes: number, signal?: AbortSignal, file = "gzip data"): Promise<Uint8Array> {
  signal?.throwIfAborted();
  let offset = 0;
  // Fed in pieces on demand rather than as one Blob, so the compressed bytes are neither copied nor pushed ahead.
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + CHUNK) as Uint8Array<ArrayBuffer>);
      offset += CHUNK;
    },
  });
  const reader = source.pipeThrough(new DecompressionStream("gzip")).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (e) {
        signal?.throwIfAborted();
        const why = e instanceof Error && e.message ? ` (${e.message.replace(/\.$/, "")})` : "";
        fail("gzip", file, `starts like a gzip file but does not decompress${why}: it is cut off or corrupted`);
      }
      signal?.throwIfAborted();
      if (step.done) break;
      length += step.value.length;
      if (length > maxBytes) fail("oversize", file, `decompresses to more than ${sizeText(maxBytes)}, ${PER_FILE}`);
      chunks.push(step.value);
    }
  } catch (e) {
    reader.cancel().catch(() => undefined);
    throw e;
  }
  return concat(chunks, length);
}

export async function readOwnDataset(files: readonly OwnFile[], signal?: AbortSignal): Promise<OwnDataset> {
  signal?.throwIfAborted();
  const byRole = new Map<OwnFileRole, OwnFile>();
  for (const f of files) {
    const other = byRole.get(f.role);
    if (other) fail("missing", f.name, `two files were given as the ${ROLE_WORDS[f.role]} (${other.name} and ${f.name}); keep one`);
    byRole.set(f.role, f);
  }
  for (const role of ["trainImages", "trainLabels"] as const) {
    if (!byRole.has(role)) fail("missing", "", `no ${ROLE_WORDS[role]} file: the training images and labels are both required`);
  }
  const [ti, tl] = [byRole.get("testImages"), byRole.get("testLabels")];
  if ((ti === undefined) !== (tl === undefined)) {
    const [given, absent] = ti ? [ti, "testLabels" as const] : [tl!, "testImages" as const];
    const or = "or neither (then the last sixth of the training images is the test set)";
    fail("missing", given.name, `no ${ROLE_WORDS[absent]} file to go with it: give both test files, ${or}`);
  }

  const compressed: Record<string, boolean> = {};
  const open = async (f: OwnFile): Promise<Uint8Array> => {
    const max = OWN_LIMITS.maxFileBytes;
    checkStoredSize(f.name, f.bytes.length);
    compressed[f.role] = isGzip(f.bytes);
    const bytes = compressed[f.role] ? await gunzipBounded(f.bytes, max, signal, f.name) : f.bytes;
    signal?.throwIfAborted();
    return bytes;
  };
  const pair = async (imagesFile: OwnFile, labelsFile: OwnFile): Promise<Split> => {
    const images = parseImageFile(await open(imagesFile), imagesFile.name);
    const labels = parseLabelFile(await open(labelsFile), labelsFile.name);
    if (labels.length !== images.count) {
      const detail = `has ${formatInt(labels.length)} labels but ${imagesFile.name} has ${formatInt(images.count)} images: each image needs exactly one label`;
      fail("count-mismatch", labelsFile.name, detail);
    }
    return { ...images, labels };
  };

  const trainFiles = [byRole.get("trainImages")!, byRole.get("trainLabels")!] as const;
  let train = await pair(...trainFiles);
  if (train.count < OWN_LIMITS.minTrain) {
    fail(
      "too-few",
      trainFiles[0].name,
      `has only ${formatInt(train.count)} images; at least ${formatInt(OWN_LIMITS.minTrain)} training images are needed`,
    );
  }
  let test: Split;
  if (ti && tl) {
    test = await pair(ti, tl);
    if (test.rows !== train.rows || test.cols !== train.cols) {
      const sides = `has ${test.rows}×${test.cols} images but ${trainFiles[0].name} has ${train.rows}×${train.cols}`;
      fail("shape", ti.name, `${sides}: test images must be the size of the training images`);
    }
    if (test.count === 0) fail("too-few", ti.name, "holds no images; a test set needs at least one");
  } else {
    [train, test] = splitLastSixth(train);
  }

  const counts = classCounts(train.labels, OWN_LIMITS.classes);
  const classesSeen = counts.filter((n) => n > 0).length;
  if (classesSeen < 2) {
    const only = counts.findIndex((n) => n > 0);
    const where = ti ? "" : " once the last sixth is set aside as the test set";
    fail("labels-range", trainFiles[1].name, `the training labels${where} are all ${only}: at least 2 different classes are needed`);
  }
  const { rows, cols } = train;
  return {
    data: { train, test },
    testFromTrain: !ti,
    summary: { trainCount: train.count, testCount: test.count, rows, cols, classesSeen, classCounts: counts, compressed },
  };
}

/** The test split copied out (the smaller part), so that train and test never share a buffer a worker might transfer. */
function splitLastSixth(all: Split): [Split, Split] {
  const testCount = Math.floor(all.count / 6);
  const n = all.count - testCount;
  const size = all.rows * all.cols;
  return [
    { ...all, count: n, pixels: all.pixels.subarray(0, n * size), labels: all.labels.subarray(0, n) },
    { ...all, count: testCount, pixels: all.pixels.slice(n * size), labels: all.labels.slice(n) },
  ];
}

/** Reads and checks the header; the declared size is checked against the caps before the data length is looked at. */
function readHeader(bytes: Uint8Array, file: string, magic: number): number[] {
  const what = magic === IMAGES_MAGIC ? "image" : "labels";
  const rank = magic & 0xff;
  if (bytes.length < 4) fail("not-idx", file, `is not an IDX ${what} file (only ${bytes.length} bytes long)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0);
  if (found !== magic) {
    const magics = `magic 0x${hex(found, 8)}, expected 0x${hex(magic, 8)}${magicHint(bytes, found, magic)}`;
    fail("not-idx", file, `is not an IDX ${what} file (${magics})`);
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes)
    fail("truncated", file, `is cut off inside its header: ${headerBytes} bytes expected, ${bytes.length} found`);
  return Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
}

function magicHint(bytes: Uint8Array, found: number, magic: number): string {
  if (found === LABELS_MAGIC) return ": this looks like a labels file";
  if (found === IMAGES_MAGIC) return ": this looks like an image file";
  const type = `0x${hex(bytes[2]!, 2)}, and only unsigned bytes (0x${hex(IDX_UBYTE, 2)}) are supported`;
  if (found >>> 16 === 0 && (found & 0xff) === (magic & 0xff)) return `: its data type is ${type}`;
  if (isGzip(bytes)) return ": it is still gzip-compressed after decompressing once";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return ": this looks like a zip archive; unpack it and give the files inside";
  return "";
}

function checkData(bytes: Uint8Array, file: string, dims: readonly number[], expected: number): Uint8Array {
  const header = 4 + 4 * dims.length;
  const actual = bytes.length - header;
  const declared = `${dims.length === 3 ? `${formatInt(dims[0]!)} images of ${dims[1]}×${dims[2]}` : `${formatInt(dims[0]!)} labels`}, ${formatInt(expected)} bytes`;
  if (actual < expected)
    fail("truncated", file, `is cut off: its header declares ${declared} of data, but only ${formatInt(actual)} bytes follow it`);
  if (actual > expected)
    fail("shape", file, `has ${formatInt(actual - expected)} bytes more than its header declares (${declared} of data)`);
  return bytes.subarray(header, header + expected);
}

function parseImageFile(bytes: Uint8Array, file: string): Omit<Split, "labels"> {
  const [count, rows, cols] = readHeader(bytes, file, IMAGES_MAGIC) as [number, number, number];
  const { maxImages, minSide, maxSide, maxFileBytes } = OWN_LIMITS;
  if (count > maxImages) fail("oversize", file, `declares ${formatInt(count)} images; ${PER_FILE} is ${formatInt(maxImages)}`);
  for (const side of [rows, cols]) {
    if (side < minSide || side > maxSide)
      fail("shape", file, `has ${rows}×${cols} images; sides from ${minSide} to ${maxSide} pixels are accepted`);
  }
  const expected = count * rows * cols;
  const declared = `declares ${formatInt(count)} images of ${rows}×${cols}, ${sizeText(expected)} of pixels`;
  if (expected > maxFileBytes) fail("oversize", file, `${declared}; ${PER_FILE} is ${sizeText(maxFileBytes)}`);
  return { count, rows, cols, pixels: checkData(bytes, file, [count, rows, cols], expected) };
}

function parseLabelFile(bytes: Uint8Array, file: string): Uint8Array {
  const [count] = readHeader(bytes, file, LABELS_MAGIC) as [number];
  if (count > OWN_LIMITS.maxImages)
    fail("oversize", file, `declares ${formatInt(count)} labels; ${PER_FILE} is ${formatInt(OWN_LIMITS.maxImages)}`);
  const labels = checkData(bytes, file, [count], count);
  const classes = OWN_LIMITS.classes;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! < classes) continue;
    const limit = `the site's networks have ${classes} outputs, so at most ${classes} classes (labels 0 to ${classes - 1})`;
    fail("labels-range", file, `label ${labels[i]} at index ${formatInt(i)} is out of range: ${limit}`);
  }
  return labels;
}

/** Any rows × cols split resampled to 28×28 for networks with 28×28 inputs. */
export function toSide28(split: Split): Split {
  const { rows, cols } = split;
  if (rows === 28 && cols === 28) return split;
  // Whole-number factors stay pixel repetition, exactly as variants.upsample did for the committed results.
  if (rows === cols && 28 % rows === 0) return upsample(split, 28 / rows);
  const ys = taps(rows);
  const xs = taps(cols);
  const p = split.pixels;
  const out = new Uint8Array(split.count * 28 * 28);
  for (let i = 0; i < split.count; i++) {
    const src = i * rows * cols;
    for (let y = 0; y < 28; y++) {
      const [y0, y1, wy] = ys[y]!;
      for (let x = 0; x < 28; x++) {
        const [x0, x1, wx] = xs[x]!;
        const top = p[src + y0 * cols + x0]! * (56 - wx) + p[src + y0 * cols + x1]! * wx;
        const bottom = p[src + y1 * cols + x0]! * (56 - wx) + p[src + y1 * cols + x1]! * wx;
        // Exact integers (in 1/3136ths), so halves round up the same way everywhere, whatever the float formulation.
        out[i * 784 + y * 28 + x] = Math.floor((top * (56 - wy) + bottom * wy + 1568) / 3136);
      }
    }
  }
  return { ...split, rows: 28, cols: 28, pixels: out };
}

/**
 * For each of 28 output pixels, the two source pixels around its centre and the second one's weight in 56ths: with
 * align corners false the centre (o + 1/2) · side / 28 − 1/2 is ((2o + 1) · side − 28) / 56, a whole number of 56ths.
 */
function taps(side: number): [number, number, number][] {
  return Array.from({ length: 28 }, (_, o) => {
    const s = Math.min(56 * (side - 1), Math.max(0, (2 * o + 1) * side - 28));
    const s0 = Math.floor(s / 56);
    return [s0, Math.min(s0 + 1, side - 1), s - 56 * s0];
  });
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${formatInt(bytes)} bytes`;
}

function hex(n: number, digits: number): string {
  return n.toString(16).padStart(digits, "0");
}
