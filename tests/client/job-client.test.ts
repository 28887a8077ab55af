import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JobCancelled, JobClient, JobFailed, pageWorker } from "../../src/client/job-client.ts";
import { VISIT } from "../../src/client/visit.ts";
import type { JobProtocol } from "../../src/workers/jobs.ts";
import { FakeWorker } from "./fake-worker.ts";

type Protocol = JobProtocol<{ n: number }, { done: number }, { sum: number }>;

const create = vi.fn(FakeWorker.create);

function client(): JobClient<Protocol> {
  return new JobClient<Protocol>(create);
}

/** The jobs the page has sent to a worker (the visit message left out). */
function runs(worker: FakeWorker): unknown[] {
  return worker.messages.filter((m) => (m as { type: string }).type !== "visit");
}

/** Settles a promise's state for assertions without awaiting a rejection twice. */
async function outcome<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await p };
  } catch (error) {
    return { error };
  }
}

/** Awaits a job that must fail with JobFailed and exactly this message. */
async function expectFailed(p: Promise<unknown>, message: string): Promise<void> {
  const { error } = await outcome(p);
  expect(error).toBeInstanceOf(JobFailed);
  expect((error as Error).message).toBe(message);
}

/**
 * After the client has lost its worker: it reads as stopped, and its next run starts a second worker (which `check`
 * may inspect before it answers) and resolves with that worker's result.
 */
async function expectNextRunInFreshWorker(jobs: JobClient<Protocol>, check?: (fresh: FakeWorker) => void): Promise<void> {
  expect(jobs.started).toBe(false);
  const next = jobs.run({ n: 3 });
  expect(FakeWorker.all).toHaveLength(2);
  const fresh = FakeWorker.all[1]!;
  check?.(fresh);
  fresh.reply({ type: "result", id: 3, result: { sum: 3 } });
  await expect(next).resolves.toEqual({ sum: 3 });
}

beforeEach(() => {
  FakeWorker.reset();
  create.mockClear();
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "performance"] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("JobClient", () => {
  it("starts its worker on the first run, names the visit first, and resolves with the result", async () => {
    const jobs = client();
    expect(jobs.started).toBe(false);
    expect(create).not.toHaveBeenCalled();
    const result = jobs.run({ n: 3 });
    expect(jobs.started).toBe(true);
    const [worker] = FakeWorker.all;
    expect(worker!.messages).toEqual([
      { type: "visit", visit: VISIT },
      { type: "run", id: 1, job: { n: 3 } },
    ]);
    worker!.reply({ type: "result", id: 1, result: { sum: 6 } });
    await expect(result).resolves.toEqual({ sum: 6 });
  });

  it("gives each job its own id and routes progress and results by id", async () => {
    const jobs = client();
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    const a = jobs.run({ n: 1 }, { onProgress: (p) => seenA.push(p) });
    const b = jobs.run({ n: 2 }, { onProgress: (p) => seenB.push(p) });
    const worker = FakeWorker.all[0]!;
    expect(FakeWorker.all).toHaveLength(1);
    expect(runs(worker)).toEqual([
      { type: "run", id: 1, job: { n: 1 } },
      { type: "run", id: 2, job: { n: 2 } },
    ]);
    worker.reply({ type: "progress", id: 2, progress: { done: 5 } });
    worker.reply({ type: "progress", id: 1, progress: { done: 1 } });
    worker.reply({ type: "progress", id: 99, progress: { done: 0 } });
    worker.reply({ type: "result", id: 99, result: { sum: 0 } });
    worker.reply({ type: "result", id: 2, result: { sum: 20 } });
    worker.reply({ type: "result", id: 1, result: { sum: 10 } });
    await expect(a).resolves.toEqual({ sum: 10 });
    await expect(b).resolves.toEqual({ sum: 20 });
    expect(seenA).toEqual([{ done: 1 }]);
    expect(seenB).toEqual([{ done: 5 }]);
  });

  it("passes the transfer list with the run message", () => {
    const buffer = new ArrayBuffer(8);
    void client().run({ n: 1 }, { transfer: [buffer] });
    expect(FakeWorker.all[0]!.posted.at(-1)).toEqual({ msg: { type: "run", id: 1, job: { n: 1 } }, transfer: [buffer] });
  });

  it("aborting the signal sends cancel for that job; the worker's cancelled rejects with JobCancelled", async () => {
    const jobs = client();
    const controller = new AbortController();
    const job = jobs.run({ n: 1 }, { signal: controller.signal });
    const other = jobs.run({ n: 2 });
    const worker = FakeWorker.all[0]!;
    controller.abort();
    expect(runs(worker).at(-1)).toEqual({ type: "cancel", id: 1 });
    worker.reply({ type: "cancelled", id: 1 });
    const { error } = await outcome(job);
    expect(error).toBeInstanceOf(JobCancelled);
    worker.reply({ type: "result", id: 2, result: { sum: 2 } });
    await expect(other).resolves.toEqual({ sum: 2 });
  });

  it("an already aborted signal rejects at once and starts no worker", async () => {
    const jobs = client();
    const { error } = await outcome(jobs.run({ n: 1 }, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(JobCancelled);
    expect(jobs.started).toBe(false);
    expect(create).not.toHaveBeenCalled();
  });

  it("an error reply rejects that job with JobFailed and its message; the worker and other jobs go on", async () => {
    const jobs = client();
    const job = jobs.run({ n: 1 });
    const other = jobs.run({ n: 2 });
    const worker = FakeWorker.all[0]!;
    worker.reply({ type: "error", id: 1, message: "the dataset failed its checksum" });
    await expectFailed(job, "the dataset failed its checksum");
    expect(worker.terminate).not.toHaveBeenCalled();
    worker.reply({ type: "result", id: 2, result: { sum: 2 } });
    await expect(other).resolves.toEqual({ sum: 2 });
  });

  it("an error that asks for a restart ends the worker, fails the queued jobs and the next run starts a fresh one", async () => {
    const jobs = client();
    const job = jobs.run({ n: 1 });
    const queued = jobs.run({ n: 2 });
    const worker = FakeWorker.all[0]!;
    worker.reply({ type: "error", id: 1, message: "out of memory", restart: true });
    expect((await outcome(job)).error).toEqual(new JobFailed("out of memory"));
    await expectFailed(queued, "out of memory (the background worker was restarted)");
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    await expectNextRunInFreshWorker(jobs, (fresh) =>
      expect(fresh.messages).toEqual([
        { type: "visit", visit: VISIT },
        { type: "run", id: 3, job: { n: 3 } },
      ]),
    );
  });

  it("a worker that dies fails every pending job, and the next run starts a fresh worker", async () => {
    const jobs = client();
    const a = jobs.run({ n: 1 });
    const b = jobs.run({ n: 2 });
    FakeWorker.all[0]!.fail("RangeError: Array buffer allocation failed");
    for (const p of [a, b]) await expectFailed(p, "the background worker failed (RangeError: Array buffer allocation failed)");
    await expectNextRunInFreshWorker(jobs);
  });

  it("a worker that goes silent (no event at all) fails its jobs through the watchdog", async () => {
    const jobs = client();
    const job = jobs.run({ n: 1 });
    vi.advanceTimersByTime(120_000);
    expect((await outcome(job)).error).toEqual(new JobFailed("the background worker did not start"));
  });

  it("a worker that cannot be constructed fails the job, and a later run tries again", async () => {
    let attempts = 0;
    const jobs = new JobClient<Protocol>(() => {
      attempts++;
      if (attempts === 1) throw new Error("blocked");
      return FakeWorker.create();
    });
    const { error } = await outcome(jobs.run({ n: 1 }));
    expect(error).toEqual(new JobFailed("the background worker could not start (blocked)"));
    expect(jobs.started).toBe(false);
    const next = jobs.run({ n: 2 });
    FakeWorker.all[0]!.reply({ type: "result", id: 2, result: { sum: 2 } });
    await expect(next).resolves.toEqual({ sum: 2 });
  });

  it("terminate() ends the worker and rejects what is pending with JobCancelled", async () => {
    const jobs = client();
    const a = jobs.run({ n: 1 });
    const worker = FakeWorker.all[0]!;
    jobs.terminate();
    expect((await outcome(a)).error).toBeInstanceOf(JobCancelled);
    expect(worker.terminate).toHaveBeenCalledTimes(1);
    expect(jobs.started).toBe(false);
  });
});

describe("pageWorker", () => {
  it("shares one client, and so one worker, per name across the islands of a page", async () => {
    const createA = vi.fn(FakeWorker.create);
    const createB = vi.fn(FakeWorker.create);
    const first = pageWorker<Protocol>("test-shared", createA);
    const second = pageWorker<Protocol>("test-shared", createB);
    expect(second).toBe(first);
    const a = first.run({ n: 1 });
    const b = second.run({ n: 2 });
    expect(createA).toHaveBeenCalledTimes(1);
    expect(createB).not.toHaveBeenCalled();
    expect(FakeWorker.all).toHaveLength(1);
    const worker = FakeWorker.all[0]!;
    expect(runs(worker)).toEqual([
      { type: "run", id: 1, job: { n: 1 } },
      { type: "run", id: 2, job: { n: 2 } },
    ]);
    worker.reply({ type: "result", id: 1, result: { sum: 1 } });
    worker.reply({ type: "result", id: 2, result: { sum: 2 } });
    await expect(a).resolves.toEqual({ sum: 1 });
    await expect(b).resolves.toEqual({ sum: 2 });
    expect(pageWorker<Protocol>("test-other", createB)).not.toBe(first);
  });
});
