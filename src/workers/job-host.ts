import { errorText } from "../lib/data/fetch.ts";
import { announceLiveness } from "./liveness.ts";

/**
 * What every worker on the site does with its messages: "cancel" aborts the running job, a new job aborts the one before
 * it (one job at a time), and a job ends in exactly one of its own result messages, `cancelled` or `failed`. The worker
 * also announces itself (liveness.ts), so the page learns of its death even when no error event comes.
 */
export interface JobHost<Req extends { type: string }, Res> {
  run(msg: Exclude<Req, { type: "cancel" }>, signal: AbortSignal, post: (msg: Res, transfer?: Transferable[]) => void): Promise<void>;
  cancelled(msg: Exclude<Req, { type: "cancel" }>): Res;
  /** `error` is what the job threw, for hosts that tell kinds of failure apart (running out of memory, say). */
  failed(msg: Exclude<Req, { type: "cancel" }>, message: string, error: unknown): Res;
}

export function serveJobs<Req extends { type: string }, Res>(host: JobHost<Req, Res>): void {
  const post = (msg: Res, transfer: Transferable[] = []): void => postMessage(msg, { transfer });
  let running: AbortController | undefined;
  announceLiveness();
  addEventListener("message", (event: MessageEvent<Req>) => {
    const msg = event.data;
    running?.abort();
    if (msg.type === "cancel") return;
    const job = msg as Exclude<Req, { type: "cancel" }>;
    const controller = new AbortController();
    running = controller;
    host
      .run(job, controller.signal, post)
      .then(
        () => undefined,
        (e: unknown) => post(controller.signal.aborted ? host.cancelled(job) : host.failed(job, errorText(e), e)),
      )
      .finally(() => {
        if (running === controller) running = undefined;
      });
  });
}
