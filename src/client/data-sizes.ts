/**
 * The dataset's sizes and file names as a reader sees them, said one way on every island: the download (the
 * compressed bytes as served), the decoded size (the IDX files once inflated), and readable names ("training images")
 * instead of the served files' hashed names. Pure (no DOM): the build renders the button labels with it too.
 */
import { formatBytes } from "../lib/format.ts";

/** What a load fetches: bytes as served (gzip) and bytes once decoded. */
export interface DataSizes {
  download: number;
  decoded: number;
}

/** The manifest's entries, as far as sizes go (lib/data/manifest.ts). */
interface SizedEntry {
  bytes: number;
  decodedBytes: number;
}

/** The sizes of some of a manifest's files (all of them when `keys` is omitted). */
export function dataSizes<K extends string>(files: Readonly<Record<K, SizedEntry>>, keys?: readonly K[]): DataSizes {
  const entries = (keys ?? (Object.keys(files) as K[])).map((k) => files[k]);
  return {
    download: entries.reduce((s, e) => s + e.bytes, 0),
    decoded: entries.reduce((s, e) => s + e.decodedBytes, 0),
  };
}

/** "11.2 MB download, 55.0 MB decoded": for a button that offers the data, and for progress while it comes. */
export function sizesText(s: DataSizes): string {
  return `${formatBytes(s.download)} download, ${formatBytes(s.decoded)} decoded`;
}

/**
 * What a finished load moved, for a status line. `received` is what the browser reports having read, which is the
 * download unless the server compressed the files in transit (Content-Encoding), when the browser reports the bytes
 * it already inflated; `reused` is what came from the page's copy (another island's load) instead of the network.
 */
export function loadedText(s: DataSizes, received: number, reused: number): string {
  if (received === 0 && reused > 0) return `nothing downloaded: read from this page's copy, ${formatBytes(s.decoded)} decoded`;
  const copy = reused > 0 ? ` (${formatBytes(reused)} of it from this page's copy)` : "";
  // More than the whole download, so the browser counted inflated bytes: say what was decoded, not a bigger download.
  if (received + reused > s.download * 1.01) {
    return `${formatBytes(s.decoded)} decoded, compressed in transit by the server${copy}`;
  }
  return `${formatBytes(received)} downloaded, ${formatBytes(s.decoded)} decoded${copy}`;
}

/** The four MNIST files by the names they were published under (LeCun's), without the served copies' hashes. */
const PUBLISHED: Readonly<Record<string, string>> = {
  "train-images-idx3-ubyte": "training images",
  "train-labels-idx1-ubyte": "training labels",
  "t10k-images-idx3-ubyte": "test images",
  "t10k-labels-idx1-ubyte": "test labels",
};

/** A served data file's name (`train-images-idx3-ubyte.ba891046.gz`) split into its published stem, or undefined. */
function stemOf(file: string): string | undefined {
  const m = /^([\w-]+?)(?:\.[0-9a-f]{8})?(?:\.gz)?$/.exec(file.split("/").pop() ?? "");
  return m?.[1];
}

/** "training images" for `train-images-idx3-ubyte.ba891046.gz`; another file by its name without the hash. */
export function fileLabel(file: string): string {
  const stem = stemOf(file);
  if (stem === undefined) return file;
  return PUBLISHED[stem] ?? stem;
}

/** A hashed served name anywhere in a text (an error message from the loader). */
const HASHED = /\b([\w-]+-idx\d-ubyte)\.[0-9a-f]{8}(\.gz)?\b/g;

/**
 * A text with every hashed data file name replaced by what the file holds, its published name beside it for anyone
 * checking the files ("training images (train-images-idx3-ubyte.gz)"): for loader messages shown to the reader.
 */
export function readableFileNames(text: string): string {
  return text.replace(HASHED, (_all, stem: string, gz: string | undefined) => {
    const label = PUBLISHED[stem];
    const published = `${stem}${gz ?? ""}`;
    return label === undefined ? published : `${label} (${published})`;
  });
}
