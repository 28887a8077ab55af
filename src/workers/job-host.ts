import { errorText, type DataStore } from "../lib/data/fetch.ts";
import { visitStore } from "./data-store.ts";
import type { JobProtocol, JobReply, JobRequest } from "./jobs.ts";
import { announceLiveness } from "./liveness.ts";

/** What a job's code gets: the signal that Cancel aborts, a way to report progress, and the page's data store. */
export interface JobContext<P> {
  signal: AbortSignal;
  progress(progress: P, transfer?: Transferable[]): void;
  /** Data files the page's other workers have verified (undefined where the browser has no Cache API or Web Locks). */
  store: DataStore | undefined;
}

const TRANSFERRED = Symbol("transferred");

/** A job's result with the buffers to transfer instead of copy (made by `withTransfer`). */
export interface Transferred<R> {
  result: R;
  transfer: Transferable[];
  [TRANSFERRED]: true;
}

export interface JobHost<Protocol extends JobProtocol> {
  run(job: Protocol["job"], context: JobContext<Protocol["progress"]>): Promise<Protocol["result"] | Transferred<Protocol["result"]>>;
  /** How a thrown error reads on the page; `restart` when the worker may be left broken. Default: its message. */
  failed?(error: unknown): { message: string; restart?: true } | undefined;
}

/** A result whose buffers travel by transfer; tagged so the host never mistakes a plain result for one. */
export function withTransfer<R>(result: R, transfer: Transferable[]): Transferred<R> {
  return { result, transfer, [TRANSFERRED]: true };
}

function isTransferred<R>(value: unknown): value is Transferred<R> {
  return typeof value === "object" && value !== null && TRANSFERRED in value;
}

/**
 * What every worker on the site does with its messages: jobs run one at a time in the order they came, `cancel` aborts
 * the job with that id (running or still queued), and each job ends in exactly one `result`, `cancelled` or `error`.
 * The worker also announces itself (liveness.ts), so the page learns of its death even when no error event comes.
 */
export function serveJobs<Protocol extends JobProtocol>(host: JobHost<Protocol>): void {
  type Reply = JobReply<Protocol["progress"], Protocol["result"]>;
  const post = (msg: Reply, transfer: Transferable[] = []): void => postMessage(msg, { transfer });
  const controllers = new Map<number, AbortController>();
  let queue: Promise<void> = Promise.resolve();
  let store: DataStore | undefined;
  announceLiveness();
  addEventListener("message", (event: MessageEvent<JobRequest<Protocol["job"]>>) => {
    const msg = event.data;
    if (msg.type === "visit") {
      store = visitStore(msg.visit);
      return;
    }
    if (msg.type === "cancel") {
      controllers.get(msg.id)?.abort();
      return;
    }
    const { id, job } = msg;
    const controller = new AbortController();
    controllers.set(id, controller);
    queue = queue.then(async () => {
      const { signal } = controller;
      try {
        signal.throwIfAborted();
        const progress = (p: Protocol["progress"], transfer?: Transferable[]): void =>
          post({ type: "progress", id, progress: p }, transfer);
        const out = await host.run(job, { signal, progress, store });
        signal.throwIfAborted();
        if (isTransferred<Protocol["result"]>(out)) post({ type: "result", id, result: out.result }, out.transfer);
        else post({ type: "result", id, result: out as Protocol["result"] });
      } catch (e) {
        if (signal.aborted) post({ type: "cancelled", id });
        else {
          const failure = host.failed?.(e) ?? { message: errorText(e) };
          post({ type: "error", id, ...failure });
        }
      } finally {
        controllers.delete(id);
      }
    });
  });
}
