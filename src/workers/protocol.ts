import type { DatasetSummary } from "../lib/data/summary.ts";
import type { LoadProgress } from "../lib/data/fetch.ts";
import type { JobProtocol } from "./jobs.ts";

/** The dataset card's one job: load, verify and summarize the four MNIST files. */
export interface DatasetJob {
  dataUrl: string;
  samplesPerClass: number;
}

export interface DatasetLoaded {
  summary: DatasetSummary;
  /** Bytes downloaded, and bytes read from the page's store instead. */
  received: number;
  reused: number;
  totalBytes: number;
  loadMs: number;
}

export type DatasetProtocol = JobProtocol<DatasetJob, LoadProgress, DatasetLoaded>;
