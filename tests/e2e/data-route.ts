/**
 * Serves the dataset to a page through a Playwright route, from the prepared files on disk, so a test can inject one
 * fault at a time (and lift it) without touching the built site: missing, truncated or corrupted files, a wrong IDX
 * header behind a manifest that vouches for it, a broken manifest, slow responses, with or without Content-Encoding.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Page, Route } from "@playwright/test";

export type FileKey = "trainImages" | "trainLabels" | "testImages" | "testLabels";

/** The files' names in the original distribution: what every error message must name. */
export const FILE_NAMES: Record<FileKey, string> = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
};

interface Entry {
  path: string;
  bytes: number;
  decodedBytes: number;
  sha256: string;
}

const DATA_DIR = new URL("../../public/data/", import.meta.url);
const manifestText = readFileSync(new URL("manifest.json", DATA_DIR), "utf8");
export const MANIFEST = JSON.parse(manifestText) as { files: Record<FileKey, Entry> };

export type Fault =
  /**
   * Served as stored (gzip bytes), by default without Content-Encoding, as most static hosts serve a .gz file; with
   * contentEncoding, by the preview server, which sends the header (so the browser inflates the body).
   */
  | { kind: "none"; contentEncoding?: boolean }
  | { kind: "missing" | "truncated" | "corrupt-gzip" | "corrupt-data" | "idx-header"; file: FileKey }
  | { kind: "manifest-missing" | "manifest-malformed" | "manifest-invalid" };

const stored = new Map<string, Buffer>();
function storedBytes(path: string): Buffer {
  let b = stored.get(path);
  if (b === undefined) {
    b = readFileSync(new URL(path, DATA_DIR));
    stored.set(path, b);
  }
  return b;
}

/** The file with the IDX type byte changed from unsigned byte (0x08) to float (0x0d): a header the parser must reject. */
function badHeader(key: FileKey): Buffer {
  const raw = Buffer.from(gunzipSync(storedBytes(MANIFEST.files[key].path)));
  raw[2] = 0x0d;
  return raw;
}

export class DataServer {
  fault: Fault = { kind: "none" };
  /** Milliseconds to hold each file's response back (a slow network, one whole file at a time). */
  delays: Partial<Record<FileKey | "manifest", number>> = {};
  /** Data requests seen, by file name. */
  readonly requests: string[] = [];
  private held = new Set<FileKey>();
  private gate = Promise.resolve();
  private open = (): void => undefined;

  async install(page: Page): Promise<void> {
    // A held response may outlive the request (the page cancelled it): fulfilling it then fails, which is expected.
    await page.route("**/data/*", (route) => this.handle(route).catch(() => undefined));
  }

  /** Holds these files' responses until release(): a download that never finishes on its own. */
  holdBack(files: readonly FileKey[]): void {
    this.held = new Set(files);
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.held.clear();
    this.open();
  }

  private async handle(route: Route): Promise<void> {
    const name = new URL(route.request().url()).pathname.split("/").pop() ?? "";
    this.requests.push(name);
    const f = this.fault;
    if (name === "manifest.json") {
      await sleep(this.delays.manifest);
      if (f.kind === "manifest-missing") return route.fulfill({ status: 404, body: "not found" });
      if (f.kind === "manifest-malformed") return route.fulfill({ contentType: "application/json", body: manifestText.slice(0, 200) });
      if (f.kind === "manifest-invalid") {
        const broken = JSON.parse(manifestText) as { files: Record<FileKey, Partial<Entry>> };
        broken.files.trainLabels.sha256 = "not-a-hash";
        return route.fulfill({ contentType: "application/json", body: JSON.stringify(broken) });
      }
      if (f.kind === "idx-header") {
        // The manifest vouches for the altered file, so the integrity check passes and only the IDX parser can object.
        const vouched = JSON.parse(manifestText) as { files: Record<FileKey, Entry> };
        vouched.files[f.file].sha256 = createHash("sha256").update(badHeader(f.file)).digest("hex");
        return route.fulfill({ contentType: "application/json", body: JSON.stringify(vouched) });
      }
      return route.fulfill({ contentType: "application/json", body: manifestText });
    }
    const key = (Object.keys(MANIFEST.files) as FileKey[]).find((k) => MANIFEST.files[k].path === name);
    if (key === undefined) return route.fulfill({ status: 404, body: "not found" });
    await sleep(this.delays[key]);
    if (this.held.has(key)) await this.gate;
    const gz = storedBytes(name);
    const plain = { "content-type": "application/gzip" };
    if ("file" in f && f.file === key) {
      switch (f.kind) {
        case "missing":
          return route.fulfill({ status: 404, body: "not found" });
        case "truncated":
          return route.fulfill({ headers: plain, body: gz.subarray(0, Math.floor(gz.length / 2)) });
        case "corrupt-gzip": {
          const body = Buffer.from(gz);
          body[Math.floor(body.length / 2)]! ^= 0xff;
          return route.fulfill({ headers: plain, body });
        }
        case "corrupt-data": {
          // Decoded bytes with one flipped in the middle, served uncompressed: right length, wrong SHA-256.
          const raw = Buffer.from(gunzipSync(gz));
          raw[Math.floor(raw.length / 2)]! ^= 0x01;
          return route.fulfill({ headers: { "content-type": "application/octet-stream" }, body: raw });
        }
        case "idx-header":
          return route.fulfill({ headers: { "content-type": "application/octet-stream" }, body: badHeader(key) });
      }
    }
    // A fulfilled body is handed to the page as is (Chromium does not inflate it), so the Content-Encoding case goes to
    // the real server, which sends the stored .gz with that header; the test checks the header arrived.
    if (f.kind === "none" && f.contentEncoding === true) return route.fallback();
    return route.fulfill({ headers: plain, body: gz });
  }
}

function sleep(ms: number | undefined): Promise<void> {
  return ms ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
