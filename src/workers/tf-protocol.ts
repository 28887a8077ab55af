/**
 * The one TensorFlow.js worker (tf.worker.ts): chapter 4's trainings and chapter 5's prequential codes, so the library
 * is bundled once and a page's islands share one worker, one copy of the dataset and one backend.
 */
import type { BackendChoice } from "../lib/train/backend.ts";
import type { BackendRequest } from "../lib/train/url-config.ts";
import type { JobProtocol } from "./jobs.ts";
import type {
  LabelCodeEvent,
  LabelCodeJob,
  LabelCodeResult,
  PrequentialEvent,
  PrequentialJob,
  PrequentialResult,
} from "./prequential-protocol.ts";
import type { OwnDataEvent, OwnDataJob, OwnDataResult } from "./own-data-protocol.ts";
import type { TrainEvent, TrainJob, TrainResult } from "./train-protocol.ts";

export interface TfJob {
  dataUrl: string;
  backend: BackendRequest;
  task: TrainJob | PrequentialJob | LabelCodeJob | OwnDataJob;
}

/** What every TensorFlow.js job reports, whatever its task. */
export type TfCommonEvent =
  | { type: "download"; fraction: number; received: number; reused: number }
  | { type: "loading-engine" }
  /** A GPU backend on trial before a training (lib/train/backend-trial.ts): what it is checking or timing, in words. */
  | { type: "backend-trial"; text: string }
  | { type: "backend"; choice: BackendChoice }
  /**
   * Sent after every job, finished, cancelled or failed: the tensor count before the job and now, the bytes those
   * tensors hold now, and the size of the wasm heap (null on other backends), which grows but never shrinks.
   */
  | { type: "tensors"; before: number; after: number; bytesAfter: number; wasmHeapBytes: number | null };

export type TfEvent = TfCommonEvent | TrainEvent | PrequentialEvent | LabelCodeEvent | OwnDataEvent;
export type TfResult = TrainResult | PrequentialResult | LabelCodeResult | OwnDataResult;
export type TfProtocol = JobProtocol<TfJob, TfEvent, TfResult>;
