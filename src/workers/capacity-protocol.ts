import type { ExperimentResult, ExperimentRow } from "../lib/capacity/experiment.ts";

/** Messages the capacity islands send to the capacity worker. */
export type CapacityRequest =
  /** Run Cover's experiment: `trials` random labellings at each N, decided exactly by linear programming. */
  | { type: "run"; dimension: number; pointCounts: number[]; trials: number; seed: number }
  /** Download and verify only the training labels, and send them back. */
  | { type: "labels"; dataUrl: string }
  | { type: "cancel" };

/** Messages the capacity worker sends back. */
export type CapacityResponse =
  | { type: "solver-loading" }
  | { type: "solver-ready"; loadMs: number }
  | { type: "progress"; done: number; total: number }
  | { type: "row"; row: ExperimentRow }
  | { type: "done"; result: ExperimentResult; runMs: number }
  | { type: "labels-progress"; received: number; total: number }
  | { type: "labels"; labels: Uint8Array; received: number }
  | { type: "cancelled" }
  | { type: "error"; message: string };
