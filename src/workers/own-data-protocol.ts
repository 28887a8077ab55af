/**
 * Chapter 5's own-data island in the TensorFlow.js worker: the reader's IDX files go in (transferred, never sent
 * anywhere else), are checked, and then measured like every dataset of the sweep at the reader's budget.
 */
import type { OwnBudget } from "../lib/datasets/own-budget.ts";
import type { OwnFile, OwnSummary } from "../lib/datasets/own-files.ts";
import type { ImagesResult, LabelsResult, ModelsResult } from "../lib/datasets/results.ts";

export interface OwnDataJob {
  kind: "own-data";
  files: OwnFile[];
  /** null: only check the files and describe them. */
  budget: OwnBudget | null;
}

/** The checked files, described; `testFromTrain`: no test files were given, so the last sixth of the training images is the test set. */
export type OwnChecked = OwnSummary & { testFromTrain: boolean };

export type OwnDataStep = "images" | "labels" | "models";

export type OwnDataEvent =
  { type: "own-checked"; summary: OwnChecked } | { type: "own-step"; step: OwnDataStep; fraction: number; detail: string };

export interface OwnDataMeasured {
  budget: OwnBudget;
  images: ImagesResult;
  labels: LabelsResult;
  models: ModelsResult;
  seconds: Record<OwnDataStep, number>;
}

export interface OwnDataResult {
  kind: "own-data";
  summary: OwnChecked;
  /** SHA-256 of each file as given (before any decompression), by role. */
  sha256: Record<string, string>;
  /** Absent when the job only checked the files. */
  measured?: OwnDataMeasured;
}
