/**
 * The one message envelope between pages and workers. A page sends `run` with an id of its choosing and may send
 * `cancel` for that id; the worker answers with any number of `progress` messages and then exactly one of `result`,
 * `cancelled` or `error` for it. Several islands can share one worker (job ids keep their messages apart); the worker
 * runs their jobs one at a time, in the order they came.
 */
export type JobRequest<J> =
  | { type: "run"; id: number; job: J }
  | { type: "cancel"; id: number }
  /** Sent first: names the page's visit, whose store of verified data files the worker shares (data-store.ts). */
  | { type: "visit"; visit: string };

export type JobReply<P, R> =
  | { type: "progress"; id: number; progress: P }
  | { type: "result"; id: number; result: R }
  | { type: "cancelled"; id: number }
  /** `restart`: the worker may be left broken (it ran out of memory, say), so the page should start a fresh one. */
  | { type: "error"; id: number; message: string; restart?: true };

/** A worker's jobs, progress and results, as one type the page and the worker both import. */
export interface JobProtocol<J = unknown, P = unknown, R = unknown> {
  job: J;
  progress: P;
  result: R;
}

export function isJobReply(data: unknown): data is JobReply<unknown, unknown> {
  const type = (data as { type?: unknown } | null)?.type;
  return (
    typeof data === "object" &&
    data !== null &&
    typeof (data as { id?: unknown }).id === "number" &&
    (type === "progress" || type === "result" || type === "cancelled" || type === "error")
  );
}
