import type { ExpectedFile, Score } from "../lib/frontier/verify.ts";
import type { NetSpec } from "../lib/frontier/net.ts";
import type { JobProtocol } from "./jobs.ts";

/**
 * The frontier worker's jobs. `verify`: download the model file the build served, check its length and SHA-256
 * against what the build recorded, decode it, load MNIST's test images (from the page's store when another island
 * has them) and classify all of them with the pure-JS forward pass, which gives the same doubles in every browser and
 * in Node, so the accuracy can equal the one the reference search committed exactly.
 */
export type FrontierJob = {
  type: "verify";
  /** Absolute URL of the model file. */
  modelUrl: string;
  /** Its path under the site's base, size and hash, as the build recorded them. */
  expected: ExpectedFile;
  /** The served dataset's folder, absolute. */
  dataUrl: string;
  /** Pixels come back for at most this many misclassified images (the page shows no more). */
  pixelsFor: number;
};

export type FrontierProgress =
  /** The model file passed its checks and decoded. */
  | { type: "model"; bytes: number }
  | { type: "data"; fraction: number; file: string; received: number; reused: number }
  | { type: "evaluate"; done: number; total: number };

export interface FrontierTimings {
  /** Fetching the model file and checking its SHA-256. */
  downloadMs: number;
  /** Decoding the arithmetic-coded file into a network. */
  decodeMs: number;
  /** Downloading (or reading from the page's store, or from this worker) and checking the test files. */
  dataMs: number;
  /** Classifying every test image. */
  evaluateMs: number;
}

export interface FrontierVerified extends Score {
  type: "verify";
  /** The decoded network, as its header spells it. */
  spec: NetSpec;
  params: number;
  /** Bytes of the model file (checked equal to the build's). */
  modelBytes: number;
  /** Test-set bytes from the network, and bytes read from the page's store; both 0 when this worker held them. */
  received: number;
  reused: number;
  /** The misclassified images' pixels, 28 × 28 bytes each, in the order of `misclassified` (transferred). */
  misclassifiedPixels: Uint8Array;
  timings: FrontierTimings;
}

export type FrontierResult = FrontierVerified;

export type FrontierProtocol = JobProtocol<FrontierJob, FrontierProgress, FrontierResult>;
