/**
 * A typed handle on a module worker that turns every way a worker can die (a thrown error, a failed module load,
 * an unserialisable message) into one `onFailure` call, so an island never waits forever.
 */
export class WorkerClient<Req, Res> {
  private worker: Worker | undefined;

  constructor(
    create: () => Worker,
    private readonly onMessage: (msg: Res) => void,
    private readonly onFailure: (message: string) => void,
  ) {
    try {
      this.worker = create();
    } catch (e) {
      queueMicrotask(() => onFailure(`the background worker could not start (${e instanceof Error ? e.message : String(e)})`));
      return;
    }
    this.worker.addEventListener("message", (e: MessageEvent<Res>) => this.onMessage(e.data));
    this.worker.addEventListener("error", (e: ErrorEvent) => {
      e.preventDefault();
      this.fail(`the background worker failed (${e.message || "it could not be loaded"})`);
    });
    this.worker.addEventListener("messageerror", () => this.fail("the background worker sent a message that could not be read"));
  }

  post(msg: Req, transfer: Transferable[] = []): void {
    this.worker?.postMessage(msg, transfer);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private fail(message: string): void {
    this.terminate();
    this.onFailure(message);
  }
}
