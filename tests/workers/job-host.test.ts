import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { serveJobs, withTransfer, type JobContext, type JobHost } from "../../src/workers/job-host.ts";
import { VISIT_CACHE_PREFIX } from "../../src/workers/data-store.ts";
import type { JobProtocol, JobReply, JobRequest } from "../../src/workers/jobs.ts";

type Protocol = JobProtocol<string, number, string>;
type Reply = JobReply<number, string>;

/** The worker's global scope as serveJobs sees it: its message listener and what it posts. */
let listener: ((event: MessageEvent<JobRequest<string>>) => void) | undefined;
let posted: Array<{ msg: Reply; transfer: Transferable[] | undefined }>;

function send(msg: JobRequest<string>): void {
  listener?.(new MessageEvent("message", { data: msg }));
}

/** The job replies posted so far (the liveness announcement left out). */
function replies(): Reply[] {
  return posted.map((p) => p.msg).filter((m) => (m as { type: string }).type !== "worker-alive");
}

/** The replies that end a job: exactly one per job is the contract. */
function ends(id: number): Reply[] {
  return replies().filter((m) => m.id === id && m.type !== "progress");
}

/** Lets the host's promise queue run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

interface Started {
  job: string;
  context: JobContext<number>;
  resolve: (result: string | ReturnType<typeof withTransfer<string>>) => void;
  reject: (error: unknown) => void;
}

/** A host whose jobs the test ends by hand, in the order it chooses. */
function manualHost(failed?: JobHost<Protocol>["failed"]) {
  const started: Started[] = [];
  const host: JobHost<Protocol> = {
    run: (job, context) =>
      new Promise((resolve, reject) => {
        started.push({ job, context, resolve, reject });
      }),
    ...(failed === undefined ? {} : { failed }),
  };
  serveJobs(host);
  return started;
}

/** Sends a run for each job, numbered from 1 in order, and lets the host start the first. */
async function runJobs(...jobs: string[]): Promise<void> {
  for (const [i, job] of jobs.entries()) send({ type: "run", id: i + 1, job });
  await flush();
}

/** Ends a started job the way `end` says (its resolve or reject) and lets the host post the reply. */
async function settle(end: () => void): Promise<void> {
  end();
  await flush();
}

beforeEach(() => {
  listener = undefined;
  posted = [];
  vi.stubGlobal("addEventListener", (type: string, f: (event: MessageEvent<JobRequest<string>>) => void) => {
    if (type === "message") listener = f;
  });
  vi.stubGlobal("postMessage", (msg: Reply, options?: { transfer?: Transferable[] }) => {
    posted.push({ msg, transfer: options?.transfer });
  });
  // Web Locks present: the worker announces itself once, from inside the grant, and sends no heartbeat.
  vi.stubGlobal("navigator", {
    locks: {
      request: (_name: string, grant: () => unknown) => {
        void grant();
        return new Promise(() => undefined);
      },
    },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("serveJobs", () => {
  it("announces the worker to the page once it starts", () => {
    manualHost();
    expect(posted.map((p) => p.msg)).toEqual([{ type: "worker-alive", lock: expect.stringMatching(/^mnist-bits-worker-/) as string }]);
  });

  it("runs jobs one at a time, in the order they came", async () => {
    const started = manualHost();
    await runJobs("first", "second", "third");
    expect(started.map((s) => s.job)).toEqual(["first"]);
    await settle(() => started[0]!.resolve("one"));
    expect(started.map((s) => s.job)).toEqual(["first", "second"]);
    await settle(() => started[1]!.resolve("two"));
    await settle(() => started[2]!.resolve("three"));
    expect(replies()).toEqual([
      { type: "result", id: 1, result: "one" },
      { type: "result", id: 2, result: "two" },
      { type: "result", id: 3, result: "three" },
    ]);
  });

  it("progress goes out under the job's id, with its transfer list", async () => {
    const started = manualHost();
    send({ type: "run", id: 7, job: "a" });
    await flush();
    const buffer = new ArrayBuffer(2);
    started[0]!.context.progress(0.5);
    started[0]!.context.progress(0.75, [buffer]);
    expect(posted.slice(-2)).toEqual([
      { msg: { type: "progress", id: 7, progress: 0.5 }, transfer: [] },
      { msg: { type: "progress", id: 7, progress: 0.75 }, transfer: [buffer] },
    ]);
  });

  it("a cancel of a queued job ends it as cancelled without running it", async () => {
    const started = manualHost();
    send({ type: "run", id: 1, job: "first" });
    send({ type: "run", id: 2, job: "second" });
    send({ type: "cancel", id: 2 });
    await flush();
    await settle(() => started[0]!.resolve("one"));
    expect(started.map((s) => s.job)).toEqual(["first"]);
    expect(ends(1)).toEqual([{ type: "result", id: 1, result: "one" }]);
    expect(ends(2)).toEqual([{ type: "cancelled", id: 2 }]);
  });

  it("a cancel of the running job aborts its signal and ends it as cancelled, once", async () => {
    const started = manualHost();
    await runJobs("first", "second");
    const { signal } = started[0]!.context;
    send({ type: "cancel", id: 1 });
    expect(signal.aborted).toBe(true);
    await settle(() => started[0]!.reject(signal.reason));
    expect(ends(1)).toEqual([{ type: "cancelled", id: 1 }]);
    // The queue goes on with the next job.
    expect(started.map((s) => s.job)).toEqual(["first", "second"]);
    expect(started[1]!.context.signal.aborted).toBe(false);
  });

  it("a cancelled job that still returns a result, or throws something else, ends as cancelled", async () => {
    const started = manualHost();
    await runJobs("ignores the signal", "throws on abort");
    send({ type: "cancel", id: 1 });
    await settle(() => started[0]!.resolve("late"));
    send({ type: "cancel", id: 2 });
    await settle(() => started[1]!.reject(new Error("tensor disposed")));
    expect(ends(1)).toEqual([{ type: "cancelled", id: 1 }]);
    expect(ends(2)).toEqual([{ type: "cancelled", id: 2 }]);
  });

  it("a cancel for a job that has ended, or was never sent, posts nothing", async () => {
    const started = manualHost();
    await runJobs("a");
    await settle(() => started[0]!.resolve("done"));
    const before = posted.length;
    send({ type: "cancel", id: 1 });
    send({ type: "cancel", id: 42 });
    await flush();
    expect(posted).toHaveLength(before);
    expect(ends(1)).toEqual([{ type: "result", id: 1, result: "done" }]);
  });

  it("a thrown error ends the job with its message, and the next job still runs", async () => {
    const started = manualHost();
    await runJobs("a", "b");
    await settle(() => started[0]!.reject(new Error("the dataset failed its checksum")));
    await settle(() => started[1]!.resolve("fine"));
    expect(ends(1)).toEqual([{ type: "error", id: 1, message: "the dataset failed its checksum" }]);
    expect(ends(2)).toEqual([{ type: "result", id: 2, result: "fine" }]);
  });

  it("failed() decides how an error reads and whether the page restarts the worker; undefined keeps the default", async () => {
    const failed = vi.fn((error: unknown) =>
      error instanceof RangeError ? { message: "the browser ran out of memory", restart: true as const } : undefined,
    );
    const started = manualHost(failed);
    await runJobs("a", "b");
    const oom = new RangeError("Array buffer allocation failed");
    await settle(() => started[0]!.reject(oom));
    await settle(() => started[1]!.reject(new Error("plain")));
    expect(failed).toHaveBeenCalledWith(oom);
    expect(ends(1)).toEqual([{ type: "error", id: 1, message: "the browser ran out of memory", restart: true }]);
    expect(ends(2)).toEqual([{ type: "error", id: 2, message: "plain" }]);
  });

  it("withTransfer sends the result's buffers by transfer; a plain result is sent as it is", async () => {
    const started = manualHost();
    await runJobs("a", "b");
    const buffer = new ArrayBuffer(16);
    await settle(() => started[0]!.resolve(withTransfer("pixels", [buffer])));
    // A result that merely has `result` and `transfer` fields is not mistaken for a tagged one.
    const lookalike = { result: "x", transfer: [] } as unknown as string;
    await settle(() => started[1]!.resolve(lookalike));
    const results = posted.filter((p) => p.msg.type === "result");
    expect(results).toEqual([
      { msg: { type: "result", id: 1, result: "pixels" }, transfer: [buffer] },
      { msg: { type: "result", id: 2, result: lookalike }, transfer: [] },
    ]);
  });

  it("hands each job the page's data store once the page has named its visit", async () => {
    vi.stubGlobal("caches", { open: vi.fn() });
    const started = manualHost();
    send({ type: "run", id: 1, job: "before the visit" });
    send({ type: "visit", visit: `${VISIT_CACHE_PREFIX}test` });
    send({ type: "run", id: 2, job: "after the visit" });
    await flush();
    await settle(() => started[0]!.resolve("a"));
    expect(started[1]!.context.store).toBeDefined();
    expect(typeof started[1]!.context.store?.read).toBe("function");
    expect(replies().filter((m) => (m as { type: string }).type === "visit")).toEqual([]);
  });

  it("without Cache Storage there is no store, and the job downloads for itself", async () => {
    const started = manualHost();
    send({ type: "visit", visit: `${VISIT_CACHE_PREFIX}test` });
    await runJobs("a");
    expect(started[0]!.context.store).toBeUndefined();
  });
});
