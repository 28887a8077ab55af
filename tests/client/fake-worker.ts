import { vi } from "vitest";

/**
 * A stand-in for a module Worker: it records what the page posts and lets a test play the worker's side (messages,
 * error and messageerror events). Every instance is kept in `FakeWorker.all`, so a test can tell a fresh worker apart.
 */
export class FakeWorker extends EventTarget {
  static all: FakeWorker[] = [];
  readonly posted: Array<{ msg: unknown; transfer: Transferable[] | undefined }> = [];
  readonly terminate = vi.fn();

  constructor() {
    super();
    FakeWorker.all.push(this);
  }

  postMessage(msg: unknown, transfer?: Transferable[]): void {
    this.posted.push({ msg, transfer });
  }

  /** What the page has posted, messages only. */
  get messages(): unknown[] {
    return this.posted.map((p) => p.msg);
  }

  /** The worker says something to the page. */
  reply(data: unknown): void {
    this.dispatchEvent(new MessageEvent("message", { data }));
  }

  /** An uncaught error in the worker (or a module that failed to load, with no message); returns the event. */
  fail(message = ""): Event {
    const event = Object.assign(new Event("error", { cancelable: true }), { message });
    this.dispatchEvent(event);
    return event;
  }

  messageError(): void {
    this.dispatchEvent(new Event("messageerror"));
  }

  static reset(): void {
    FakeWorker.all = [];
  }

  /** A `create` function for the clients under test. */
  static readonly create = (): Worker => new FakeWorker() as unknown as Worker;
}
