import type { JobProtocol, JobReply, JobRequest } from "../workers/jobs.ts";
import { tidyVisits, VISIT } from "./visit.ts";
import { WorkerClient } from "./worker-client.ts";

/** A job ended by Cancel (the page's, or a page-wide stop). */
export class JobCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "JobCancelled";
  }
}

/** A job that failed in the worker, or whose worker died; the message says why, for the reader. */
export class JobFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobFailed";
  }
}

export interface RunOptions<P> {
  /** Aborting it cancels the job in the worker (the promise then rejects with JobCancelled). */
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  transfer?: Transferable[];
}

interface Pending<P, R> {
  resolve: (result: R) => void;
  reject: (error: Error) => void;
  onProgress: ((progress: P) => void) | undefined;
}

/**
 * The page's side of jobs.ts: `await client.run(job, { signal, onProgress })` resolves with the job's result, or
 * rejects with JobCancelled or JobFailed, whatever happened in the worker (a thrown error, running out of memory, the
 * worker dying silently: WorkerClient turns each into one failure). The worker starts on the first run and is started
 * afresh after it died or asked to be restarted.
 */
export class JobClient<Protocol extends JobProtocol> {
  private worker: WorkerClient<JobRequest<Protocol["job"]>, JobReply<Protocol["progress"], Protocol["result"]>> | undefined;
  private readonly pending = new Map<number, Pending<Protocol["progress"], Protocol["result"]>>();
  private nextId = 1;

  constructor(private readonly create: () => Worker) {}

  run(job: Protocol["job"], options: RunOptions<Protocol["progress"]> = {}): Promise<Protocol["result"]> {
    const { signal } = options;
    if (signal?.aborted === true) return Promise.reject(new JobCancelled());
    const id = this.nextId++;
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: options.onProgress });
      signal?.addEventListener("abort", () => worker.post({ type: "cancel", id }), { once: true });
      worker.post({ type: "run", id, job }, options.transfer);
    });
  }

  /** Whether a worker is started (and so holds whatever it loaded, such as the dataset). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** Ends the worker; jobs still pending reject with JobCancelled. */
  terminate(): void {
    this.stop(new JobCancelled());
  }

  private start(): WorkerClient<JobRequest<Protocol["job"]>, JobReply<Protocol["progress"], Protocol["result"]>> {
    const worker = new WorkerClient<JobRequest<Protocol["job"]>, JobReply<Protocol["progress"], Protocol["result"]>>(
      this.create,
      (msg) => this.receive(msg),
      (message) => {
        // WorkerClient has already ended it; a later run gets a fresh worker.
        if (this.worker === worker) this.worker = undefined;
        this.rejectAll(new JobFailed(message));
      },
    );
    tidyVisits();
    worker.post({ type: "visit", visit: VISIT });
    return worker;
  }

  private receive(msg: JobReply<Protocol["progress"], Protocol["result"]>): void {
    const job = this.pending.get(msg.id);
    if (job === undefined) return;
    if (msg.type === "progress") {
      job.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === "result") job.resolve(msg.result);
    else if (msg.type === "cancelled") job.reject(new JobCancelled());
    else {
      job.reject(new JobFailed(msg.message));
      // Whatever it held is suspect now: the jobs queued behind this one fail with it, and the next run starts afresh.
      if (msg.restart === true) this.stop(new JobFailed(`${msg.message} (the background worker was restarted)`));
    }
  }

  private stop(reason: Error): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.rejectAll(reason);
  }

  private rejectAll(reason: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(reason);
  }
}

const shared = new Map<string, JobClient<JobProtocol>>();

/**
 * One worker per page for `name`, shared by every island that asks: the islands of a chapter then hold one copy of the
 * dataset and one TensorFlow.js between them. `create` must be the `new Worker(new URL(…, import.meta.url))` call
 * itself, which is how the bundler finds the worker's file.
 */
export function pageWorker<Protocol extends JobProtocol>(name: string, create: () => Worker): JobClient<Protocol> {
  let client = shared.get(name);
  if (client === undefined) {
    client = new JobClient<JobProtocol>(create);
    shared.set(name, client);
  }
  return client as unknown as JobClient<Protocol>;
}
