import type { ExperimentResult, ExperimentRow } from "../lib/capacity/experiment.ts";
import type { JobProtocol } from "./jobs.ts";

/** What the capacity islands ask of their worker. */
export type CapacityJob =
  /** Cover's experiment: `trials` random labellings at each N in R^k, decided exactly by linear programming. */
  | { type: "experiment"; k: number; trials: number; seed: number; pointCounts: number[] }
  /** Download and verify only the training labels, and send them back. */
  | { type: "labels"; dataUrl: string };

export type CapacityProgress =
  | { type: "solver-loading" }
  | { type: "solver-ready"; loadMs: number }
  | { type: "solving"; done: number; total: number }
  | { type: "row"; row: ExperimentRow }
  | { type: "downloading"; received: number; total: number };

export type CapacityResult =
  | { type: "experiment"; result: ExperimentResult; runMs: number }
  /** `received`: bytes from the network; `reused`: bytes read from the page's store instead. */
  | { type: "labels"; labels: Uint8Array; received: number; reused: number };

export type CapacityProtocol = JobProtocol<CapacityJob, CapacityProgress, CapacityResult>;
