import type { JobPanel } from "./job-panel.ts";
import { WorkerClient } from "./worker-client.ts";

type Outcome = { type: "cancelled" } | { type: "error"; message: string };

export interface WorkerJob<Res extends { type: string }> {
  panel: JobPanel;
  worker: () => Worker;
  /** Put before a failure's message, e.g. "Could not load the dataset". */
  failure: string;
  /** Every message except the job's end by cancel or error, which the panel shows itself. */
  onMessage: (msg: Exclude<Res, Outcome>) => void;
  /** After a cancel or a failure, e.g. to put the build-time numbers back. */
  onStopped?: () => void;
}

/**
 * Runs one request in a fresh worker behind a job panel: the shape the single-job islands share. A cancel or an error
 * (from the worker, or the worker itself dying) ends on the panel; everything else goes to `onMessage`.
 */
export function startWorkerJob<Req, Res extends { type: string }>(job: WorkerJob<Res>, request: Req): WorkerClient<Req, Res> {
  const failed = (message: string): void => {
    job.panel.failed(`${job.failure}: ${message}`);
    job.onStopped?.();
  };
  const client = new WorkerClient<Req, Res>(
    job.worker,
    (msg) => {
      const outcome = msg as Res & Partial<Outcome>;
      if (outcome.type === "cancelled") {
        job.panel.cancelled();
        job.onStopped?.();
      } else if (outcome.type === "error") failed(String((outcome as { message?: unknown }).message));
      else job.onMessage(msg as Exclude<Res, Outcome>);
    },
    failed,
  );
  client.post(request);
  return client;
}
