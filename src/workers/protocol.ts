import type { DatasetSummary } from "../lib/data/summary.ts";

/** Messages the page sends to the dataset worker. */
export type DatasetRequest = { type: "load"; dataUrl: string; samplesPerClass: number } | { type: "cancel" };

/** Messages the dataset worker sends back. */
export type DatasetResponse =
  | { type: "progress"; fraction: number; file: string; received: number }
  | { type: "loaded"; summary: DatasetSummary; received: number; totalBytes: number; loadMs: number }
  | { type: "error"; message: string }
  | { type: "cancelled" };
