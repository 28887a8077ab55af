import { sha256Hex } from "./hash.ts";
import { MANIFEST_NAME, validateManifest, type Manifest, type ManifestEntry } from "./manifest.ts";
import { IdxError } from "./idx.ts";
import { MNIST_FILES, assembleMnist, type Mnist, type MnistFileKey } from "./mnist.ts";

export interface LoadProgress {
  /** 0..1 over all files, weighted by decoded size. */
  fraction: number;
  /** The file currently downloading. */
  file: string;
  /** Bytes received so far over all files (as the network delivered them). */
  received: number;
  /** Bytes read from the page's store instead (files another island of the page had loaded). */
  reused: number;
}

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Verified files other loaders of the same page have kept: read from there instead of downloaded again. */
  store?: DataStore;
}

/**
 * Where a page keeps the data files it has verified, so that its second island (a second worker) reads them instead
 * of downloading them again. Holding `exclusive` for a file while loading it makes a loader that starts at the same
 * moment wait and then find the copy.
 */
export interface DataStore {
  /** Aborting `signal` gives up the wait for a file another loader holds (so Cancel works while waiting). */
  exclusive<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, body: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A loading failure, always naming the file, so the page can say exactly what went wrong. */
export class DataLoadError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${detail}`, options);
    this.name = "DataLoadError";
  }
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  // Read the stream itself rather than through a Response, whose error for bad data is a bare "Failed to fetch".
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
  }
  return concat(chunks, length);
}

function joinUrl(base: string, path: string): string {
  return base.endsWith("/") ? base + path : `${base}/${path}`;
}

export async function fetchManifest(baseUrl: string, options: LoadOptions = {}): Promise<Manifest> {
  const doFetch = options.fetch ?? fetch;
  const url = joinUrl(baseUrl, MANIFEST_NAME);
  let res: Response;
  try {
    // The manifest is tiny and names hashed data files, so revalidating it is what keeps the data fresh.
    res = await doFetch(url, { cache: "no-cache", ...(options.signal ? { signal: options.signal } : {}) });
  } catch (e) {
    throw abortOr(e, () => new DataLoadError(MANIFEST_NAME, `network error (${errorText(e)})`, { cause: e }));
  }
  if (!res.ok) throw new DataLoadError(MANIFEST_NAME, httpText(res));
  let json: unknown;
  try {
    json = await res.json();
  } catch (e) {
    throw abortOr(e, () => new DataLoadError(MANIFEST_NAME, `is not valid JSON (${errorText(e)})`, { cause: e }));
  }
  try {
    return validateManifest(json);
  } catch (e) {
    // validateManifest already names the manifest; say once which file failed.
    const detail = errorText(e).replace(`${MANIFEST_NAME}: `, "");
    throw new DataLoadError(MANIFEST_NAME, `is not a valid dataset manifest (${detail})`, { cause: e });
  }
}

/**
 * Downloads one data file with byte progress, inflates it if (and only if) the body still starts with
 * the gzip magic bytes (a server that sends Content-Encoding: gzip has had it inflated by the browser
 * already), and checks the decoded bytes against the manifest's SHA-256.
 */
export async function fetchDataFile(
  baseUrl: string,
  entry: ManifestEntry,
  onBytes: (received: number, total: number) => void,
  options: LoadOptions = {},
  /** Told when the file came from the page's store (its size), instead of byte progress. */
  onReused: (bytes: number) => void = () => undefined,
): Promise<Uint8Array> {
  const url = joinUrl(baseUrl, entry.path);
  const store = options.store;
  if (store === undefined) return decodeVerified(entry, ...(await download(url, entry, onBytes, options)));
  return store.exclusive(
    url,
    async () => {
      const kept = await store.read(url).catch(() => undefined);
      if (kept !== undefined) {
        try {
          const bytes = await decodeVerified(entry, kept, kept.length);
          onReused(kept.length);
          return bytes;
        } catch {
          // A kept copy that no longer verifies is dropped and the file downloaded afresh.
          await store.remove(url).catch(() => undefined);
        }
      }
      const [raw, received] = await download(url, entry, onBytes, options);
      const bytes = await decodeVerified(entry, raw, received);
      // A load that has failed elsewhere (or was cancelled) keeps nothing more: its files may be forgotten by now.
      if (options.signal?.aborted !== true) await store.write(url, raw).catch(() => undefined);
      return bytes;
    },
    options.signal,
  );
}

async function download(
  url: string,
  entry: ManifestEntry,
  onBytes: (received: number, total: number) => void,
  options: LoadOptions,
): Promise<[Uint8Array, number]> {
  const doFetch = options.fetch ?? fetch;
  const file = entry.path;
  let res: Response;
  try {
    res = await doFetch(url, options.signal ? { signal: options.signal } : {});
  } catch (e) {
    throw abortOr(e, () => new DataLoadError(file, `network error (${errorText(e)})`, { cause: e }));
  }
  if (!res.ok) throw new DataLoadError(file, httpText(res));
  if (!res.body) throw new DataLoadError(file, "response has no body");

  const chunks: Uint8Array[] = [];
  let received = 0;
  let total = entry.bytes;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received === 0 && entry.encoding === "gzip" && !isGzip(value)) total = entry.decodedBytes;
      chunks.push(value);
      received += value.length;
      onBytes(received, total);
    }
  } catch (e) {
    throw abortOr(e, () => new DataLoadError(file, `download interrupted (${errorText(e)})`, { cause: e }));
  }
  return [concat(chunks, received), received];
}

/** Inflates the body as received if it is still gzip, and checks it against the manifest's size and SHA-256. */
async function decodeVerified(entry: ManifestEntry, body: Uint8Array, received: number): Promise<Uint8Array> {
  const file = entry.path;
  let bytes = body;
  if (isGzip(bytes)) {
    // Still compressed, so these are the stored bytes: a short body is a cut-off download, and saying so beats
    // the decompressor's own message about an unexpected end of stream.
    if (entry.encoding === "gzip" && received < entry.bytes) {
      throw new DataLoadError(file, `truncated download: ${received} of its ${entry.bytes} bytes arrived`);
    }
    try {
      bytes = await gunzip(bytes);
    } catch (e) {
      throw new DataLoadError(file, `corrupt gzip data: it does not decompress (${errorText(e).replace(/\.$/, "")})`, { cause: e });
    }
  }
  if (bytes.length !== entry.decodedBytes) {
    const why = bytes.length < entry.decodedBytes ? "truncated" : "not the file the manifest describes";
    throw new DataLoadError(file, `${why}: ${bytes.length} bytes once decoded, the manifest says ${entry.decodedBytes}`);
  }
  const digest = await sha256Hex(bytes);
  if (digest !== entry.sha256) {
    throw new DataLoadError(
      file,
      `integrity check failed: its SHA-256 begins ${digest.slice(0, 12)}…, the manifest's ${entry.sha256.slice(0, 12)}… ` +
        "(the file is corrupted, or is not the one this page was built from)",
    );
  }
  return bytes;
}

/** Loads all four MNIST files (manifest first), validating every byte before any number is computed from them. */
export async function loadMnist(
  baseUrl: string,
  options: LoadOptions = {},
): Promise<{ mnist: Mnist; manifest: Manifest; received: number; reused: number }> {
  const manifest = await fetchManifest(baseUrl, options);
  // One bad file fails the whole load: stop the other downloads then, instead of letting megabytes arrive for nothing.
  // (Linked by hand, not AbortSignal.any, which older browsers lack.)
  const siblings = new AbortController();
  const outer = options.signal;
  if (outer?.aborted) siblings.abort(outer.reason);
  outer?.addEventListener("abort", () => siblings.abort(outer.reason), { once: true });
  const signal = siblings.signal;
  const keys = Object.keys(MNIST_FILES) as MnistFileKey[];
  const weightTotal = keys.reduce((s, k) => s + manifest.files[k].decodedBytes, 0);
  const fractions = new Map<MnistFileKey, number>();
  const receivedBy = new Map<MnistFileKey, number>();
  const reusedBy = new Map<MnistFileKey, number>();
  const sum = (m: Map<MnistFileKey, number>): number => [...m.values()].reduce((s, r) => s + r, 0);
  const emit = (key: MnistFileKey): void => {
    const fraction = keys.reduce((s, k) => s + (fractions.get(k) ?? 0) * manifest.files[k].decodedBytes, 0) / weightTotal;
    options.onProgress?.({ fraction, file: manifest.files[key].path, received: sum(receivedBy), reused: sum(reusedBy) });
  };
  const report = (key: MnistFileKey, received: number, total: number): void => {
    fractions.set(key, Math.min(1, received / total));
    receivedBy.set(key, received);
    emit(key);
  };
  const reuse = (key: MnistFileKey, bytes: number): void => {
    fractions.set(key, 1);
    reusedBy.set(key, bytes);
    emit(key);
  };
  const fileOptions: LoadOptions = { ...options, signal };
  // Settled, not Promise.all: a file already downloaded when a sibling fails is still being verified and stored, and
  // the load must not end (and the page retry, or forget the store) while that write is under way.
  let failed = false;
  let failure: unknown;
  const settled = await Promise.allSettled(
    keys.map(async (key) => {
      try {
        const file = manifest.files[key];
        return [
          key,
          await fetchDataFile(
            baseUrl,
            file,
            (r, t) => report(key, r, t),
            fileOptions,
            (b) => reuse(key, b),
          ),
        ] as const;
      } catch (e) {
        // The first failure is the one to report; the siblings it aborts fail after it.
        if (!failed) [failed, failure] = [true, e];
        siblings.abort();
        throw e;
      }
    }),
  );
  if (failed) throw failure;
  const entries = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const bytes = Object.fromEntries(entries) as Record<MnistFileKey, Uint8Array>;
  return { mnist: assembleOrName(bytes, manifest), manifest, received: sum(receivedBy), reused: sum(reusedBy) };
}

/**
 * Parses the verified bytes. A file can match the manifest's SHA-256 and still not be MNIST (a manifest written for
 * the wrong files): the strict IDX parser catches that, and the error then names the served file like every other.
 */
function assembleOrName(bytes: Record<MnistFileKey, Uint8Array>, manifest: Manifest): Mnist {
  try {
    return assembleMnist(bytes);
  } catch (e) {
    if (!(e instanceof IdxError)) throw e;
    const key = (Object.keys(MNIST_FILES) as MnistFileKey[]).find((k) => MNIST_FILES[k] === e.file);
    const served = key === undefined ? e.file : manifest.files[key].path;
    throw new DataLoadError(
      served,
      `passed the integrity check but is not a valid MNIST IDX file (${e.message.replace(`${e.file}: `, "")})`,
      { cause: e },
    );
  }
}

function httpText(res: Response): string {
  const status = `HTTP ${res.status} ${res.statusText}`.trim();
  return res.status === 404 ? `${status}: the server does not have this file` : status;
}

/** The chunks of a stream as one array (the chunk itself when there is only one). */
export function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Cancellation passes through untouched (callers tell it apart from failure); anything else becomes a named error. */
function abortOr(e: unknown, wrap: () => DataLoadError): Error {
  return e instanceof DOMException && e.name === "AbortError" ? e : wrap();
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}
