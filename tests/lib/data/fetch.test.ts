import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DataLoadError, fetchDataFile, isGzip, loadMnist } from "../../../src/lib/data/fetch.ts";
import { encodeIdx } from "../../../src/lib/data/idx.ts";
import type { Manifest, ManifestEntry } from "../../../src/lib/data/manifest.ts";
import { MNIST_FILES, type MnistFileKey } from "../../../src/lib/data/mnist.ts";

/** A tiny fake MNIST (3 train, 2 test images of 2×2) served by an in-memory fetch. */
function fakeSite(options: { contentEncoding?: boolean; corrupt?: MnistFileKey; truncate?: MnistFileKey; missing?: MnistFileKey } = {}) {
  const raw: Record<MnistFileKey, Uint8Array> = {
    trainImages: encodeIdx([3, 2, 2], Uint8Array.from([0, 255, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
    trainLabels: encodeIdx([3], Uint8Array.from([7, 1, 7])),
    testImages: encodeIdx([2, 2, 2], Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])),
    testLabels: encodeIdx([2], Uint8Array.from([0, 9])),
  };
  const served = new Map<string, Uint8Array>();
  const files = {} as Record<MnistFileKey, ManifestEntry>;
  for (const key of Object.keys(raw) as MnistFileKey[]) {
    let body: Uint8Array = gzipSync(raw[key]);
    const path = `${MNIST_FILES[key]}.gz`;
    files[key] = {
      path,
      encoding: "gzip",
      bytes: body.length,
      decodedBytes: raw[key].length,
      sha256: createHash("sha256").update(raw[key]).digest("hex"),
      dims: [],
    };
    // Like a server sending Content-Encoding: gzip: the browser hands over inflated bytes.
    if (options.contentEncoding) body = raw[key];
    if (options.corrupt === key) {
      body = Uint8Array.from(raw[key]);
      body[body.length - 1]! ^= 1;
    }
    if (options.truncate === key) body = body.subarray(0, body.length - 3);
    if (options.missing !== key) served.set(path, body);
  }
  const manifest: Manifest = { format: 1, source: { package: "test", version: "0" }, files };
  served.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
  const fetchImpl = ((url: string) => {
    const name = url.split("/").pop() ?? "";
    const body = served.get(name);
    if (!body) return Promise.resolve(new Response("nope", { status: 404, statusText: "Not Found" }));
    // Two chunks, so progress is reported more than once per file.
    const half = Math.floor(body.length / 2);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(body.slice(0, half));
        c.enqueue(body.slice(half));
        c.close();
      },
    });
    return Promise.resolve(new Response(stream));
  }) as typeof fetch;
  return { raw, manifest, fetchImpl };
}

describe("loadMnist (browser loader, run in Node with an in-memory fetch)", () => {
  it("loads gzip bodies and reports monotone progress up to 1", async () => {
    const { fetchImpl, manifest } = fakeSite();
    const fractions: number[] = [];
    const { mnist, received } = await loadMnist("https://x/data/", { fetch: fetchImpl, onProgress: (p) => fractions.push(p.fraction) });
    expect(mnist.train.count).toBe(3);
    expect([...mnist.train.labels]).toEqual([7, 1, 7]);
    expect([...mnist.test.pixels]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(received).toBe(Object.values(manifest.files).reduce((s, f) => s + f.bytes, 0));
    expect(fractions.at(-1)).toBeCloseTo(1, 10);
    expect(fractions.length).toBeGreaterThanOrEqual(8);
  });

  it("accepts bodies already inflated by Content-Encoding: gzip", async () => {
    const { fetchImpl } = fakeSite({ contentEncoding: true });
    const fractions: number[] = [];
    const { mnist } = await loadMnist("https://x/data", { fetch: fetchImpl, onProgress: (p) => fractions.push(p.fraction) });
    expect([...mnist.test.labels]).toEqual([0, 9]);
    expect(fractions.at(-1)).toBeCloseTo(1, 10);
  });

  it("names the file on a 404", async () => {
    const { fetchImpl } = fakeSite({ missing: "testLabels" });
    await expect(loadMnist("https://x/data/", { fetch: fetchImpl })).rejects.toThrow(/t10k-labels-idx1-ubyte\.gz: HTTP 404 Not Found/);
  });

  it("fails the integrity check on a flipped bit", async () => {
    const { fetchImpl } = fakeSite({ contentEncoding: true, corrupt: "trainImages" });
    await expect(loadMnist("https://x/data/", { fetch: fetchImpl })).rejects.toThrow(/train-images-idx3-ubyte\.gz: integrity check failed/);
  });

  it("reports a truncated gzip stream as a truncated download, with the byte counts", async () => {
    const { fetchImpl, manifest } = fakeSite({ truncate: "trainLabels" });
    const bytes = manifest.files.trainLabels.bytes;
    await expect(loadMnist("https://x/data/", { fetch: fetchImpl })).rejects.toThrow(DataLoadError);
    await expect(loadMnist("https://x/data/", { fetch: fetchImpl })).rejects.toThrow(
      `train-labels-idx1-ubyte.gz: truncated download: ${bytes - 3} of its ${bytes} bytes arrived`,
    );
  });

  it("reports a truncated body that the server had inflated (Content-Encoding) by its decoded size", async () => {
    const { fetchImpl, raw } = fakeSite({ contentEncoding: true, truncate: "testImages" });
    const n = raw.testImages.length;
    await expect(loadMnist("https://x/data/", { fetch: fetchImpl })).rejects.toThrow(
      `t10k-images-idx3-ubyte.gz: truncated: ${n - 3} bytes once decoded, the manifest says ${n}`,
    );
  });

  it("reports gzip data that does not inflate as corrupt", async () => {
    const { fetchImpl, manifest } = fakeSite();
    const gz = new Uint8Array(await (await fetchImpl("https://x/data/train-images-idx3-ubyte.gz")).arrayBuffer());
    // Flip the stored CRC-32 (bytes -8..-5): the stream still inflates fully, so only its check can object.
    gz[gz.length - 6]! ^= 0xff;
    const wrapped = ((url: string) =>
      url.endsWith(manifest.files.trainImages.path) ? Promise.resolve(new Response(gz)) : fetchImpl(url)) as typeof fetch;
    await expect(loadMnist("https://x/data/", { fetch: wrapped })).rejects.toThrow(/train-images-idx3-ubyte\.gz: corrupt gzip data/);
  });

  it("names the served file when bytes match the manifest but are not MNIST IDX", async () => {
    const { fetchImpl, manifest, raw } = fakeSite({ contentEncoding: true });
    const bad = Uint8Array.from(raw.trainLabels);
    bad[2] = 0x0d; // IDX type code: float instead of unsigned byte
    const entry = { ...manifest.files.trainLabels, sha256: createHash("sha256").update(bad).digest("hex") };
    const rewritten: Manifest = { ...manifest, files: { ...manifest.files, trainLabels: entry } };
    const wrapped = ((url: string) => {
      if (url.endsWith("manifest.json")) return Promise.resolve(new Response(JSON.stringify(rewritten)));
      if (url.endsWith(entry.path)) return Promise.resolve(new Response(bad));
      return fetchImpl(url);
    }) as typeof fetch;
    await expect(loadMnist("https://x/data/", { fetch: wrapped })).rejects.toThrow(
      "train-labels-idx1-ubyte.gz: passed the integrity check but is not a valid MNIST IDX file " +
        "(unsupported IDX data type 0xd (expected unsigned byte 0x08))",
    );
  });

  it("stops the other downloads as soon as one file fails", async () => {
    const { fetchImpl } = fakeSite({ missing: "trainLabels" });
    const aborted: string[] = [];
    // Every file but the missing one hangs until its signal aborts.
    const hanging = ((url: string, init?: RequestInit) => {
      if (url.endsWith("manifest.json") || url.includes("train-labels")) return fetchImpl(url);
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => {
          aborted.push(url.split("/").pop() ?? "");
          reject(new DOMException("aborted", "AbortError"));
        }),
      );
    }) as typeof fetch;
    await expect(loadMnist("https://x/data/", { fetch: hanging })).rejects.toThrow(
      /train-labels-idx1-ubyte\.gz: HTTP 404 Not Found: the server/,
    );
    expect(aborted.sort()).toEqual(["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz"]);
  });

  it("the caller's cancel stops every download and rejects as an abort, not as a failure", async () => {
    const { fetchImpl } = fakeSite();
    const controller = new AbortController();
    const aborted: string[] = [];
    const hanging = ((url: string, init?: RequestInit) => {
      if (url.endsWith("manifest.json")) return fetchImpl(url);
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => {
          aborted.push(url.split("/").pop() ?? "");
          reject(new DOMException("aborted", "AbortError"));
        }),
      );
    }) as typeof fetch;
    const pending = loadMnist("https://x/data/", { fetch: hanging, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(aborted).toHaveLength(4);
  });

  it("names the manifest once when it is JSON but not a manifest", async () => {
    const fetchImpl = (() => Promise.resolve(new Response(JSON.stringify({ format: 2 })))) as typeof fetch;
    await expect(loadMnist("https://x/", { fetch: fetchImpl })).rejects.toThrow(
      /^manifest\.json: is not a valid dataset manifest \(unknown format 2\)$/,
    );
  });

  it("rejects a manifest that is not JSON", async () => {
    const fetchImpl = (() => Promise.resolve(new Response("<html>"))) as typeof fetch;
    await expect(loadMnist("https://x/", { fetch: fetchImpl })).rejects.toThrow(/manifest\.json: is not valid JSON/);
  });

  it("stops when aborted", async () => {
    const { fetchImpl, manifest } = fakeSite();
    const controller = new AbortController();
    controller.abort();
    const abortingFetch = ((url: string, init?: RequestInit) => {
      if (init?.signal?.aborted) return Promise.reject(new DOMException("aborted", "AbortError"));
      return fetchImpl(url, init);
    }) as typeof fetch;
    await expect(
      fetchDataFile("https://x/", manifest.files.trainLabels, () => {}, { fetch: abortingFetch, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("recognises gzip by its magic bytes only", () => {
    expect(isGzip(gzipSync(Uint8Array.from([1, 2, 3])))).toBe(true);
    expect(isGzip(Uint8Array.from([0, 0, 8, 1]))).toBe(false);
  });
});
