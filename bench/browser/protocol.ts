/** Messages between the bench page and its worker: one request per worker, one reply (or `progress` lines before it). */
import type { BackendName } from "../../src/lib/train/backend.ts";
import type { CompareSettings, TrainComparison } from "../lib/compare-train.ts";

export type DataVariant = "bytes" | "float32";

export type BenchRequest =
  | { type: "data"; dataUrl: string; variant: DataVariant }
  | { type: "train"; dataUrl: string; backend: BackendName; settings: CompareSettings }
  | { type: "to99"; dataUrl: string; target: number; recipe: To99Recipe };

/** One load of the whole dataset in the worker, ms. */
export interface DataTiming {
  variant: DataVariant;
  /** loadMnist end to end (manifest, four downloads, inflate, SHA-256, parse): the site's own code path. */
  loadMs: number;
  /** loadMs plus decodeMs: what the variant costs before training can start. */
  totalMs: number;
  /** The same work again, phase by phase through fetch.ts's exported helpers (downloads in parallel, as loadMnist). */
  downloadMs: number;
  inflateMs: number;
  verifyMs: number;
  parseMs: number;
  /** float32 only: pixels / 255 into one Float32Array, labels one-hot (tfjs-examples' data.js). */
  decodeMs: number;
  /** Body bytes the four data files delivered, and the same files' sizes in the manifest. */
  receivedBytes: number;
  manifestBytes: number;
  /** The four IDX files as decoded. */
  decodedBytes: number;
  /** Resource Timing's transferSize (headers included) summed over the four files, when the browser reports it. */
  transferBytes?: number;
}

export interface BrowserTrainResult {
  backend: BackendName;
  /** Run on the cross-origin isolated page, where wasm has threads. */
  threads?: boolean;
  /** Why the backend could not run here (e.g. no WebGPU adapter); then there is no comparison. */
  unavailable?: string;
  detail?: string;
  comparison?: TrainComparison;
}

export interface EpochPoint {
  epoch: number;
  testAccuracy: number;
  /** Training seconds (evaluation excluded) from the start up to the end of this epoch. */
  trainSeconds: number;
  /** Wall-clock seconds, evaluation included. */
  wallSeconds: number;
}

/** The card's recipe (LIVE_RECIPE, batch 256) or the reference one it replaced (DEFAULT_RECIPE, batch 128). */
export type To99Recipe = "live" | "reference";

export interface To99Result {
  recipe: To99Recipe;
  /** The recipe in words: "batch 256, peak 0.02". */
  recipeText: string;
  backend: string;
  detail: string;
  target: number;
  epochs: EpochPoint[];
  /** The first epoch whose test accuracy reached the target, if any. */
  reached?: EpochPoint;
}

export type BenchReply =
  | { type: "progress"; text: string }
  | { type: "data"; result: DataTiming }
  | { type: "train"; result: BrowserTrainResult }
  | { type: "to99"; result: To99Result }
  | { type: "error"; message: string };
