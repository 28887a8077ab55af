import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JobCancelled, JobFailed } from "../../src/client/job-client.ts";
import { JobPanel, type PanelRun } from "../../src/client/job-panel.ts";
import { installDom } from "./dom.ts";

// The markup of src/client/JobControls.astro, inside an island's data-job element.
const MARKUP = `
<div id="card">
  <div data-job>
    <p class="mb-status" role="status" aria-live="polite" data-status>Computed when the page was built.</p>
    <div class="mb-controls" data-controls hidden>
      <button type="button" data-action="run">Compute live</button>
      <button type="button" data-action="cancel" hidden>Cancel</button>
      <progress max="1" value="0" hidden data-progress aria-label="Progress"></progress>
    </div>
    <p class="mb-error" role="alert" hidden data-error></p>
  </div>
</div>`;

const BUILT = "The numbers shown are the ones computed at build time.";

let doc: Document;
let el: HTMLElement;

function part<T extends HTMLElement = HTMLElement>(selector: string): T {
  return el.querySelector<T>(selector)!;
}
const runButton = () => part<HTMLButtonElement>('[data-action="run"]');
const cancelButton = () => part<HTMLButtonElement>('[data-action="cancel"]');
const bar = () => part<HTMLProgressElement>("[data-progress]");
const status = () => part("[data-status]").textContent;
const errorLine = () => part("[data-error]");

/** A job the test ends by hand, with the run the panel handed it. */
function deferred() {
  let resolve!: (v: { text: string; again?: string }) => void;
  let reject!: (e: unknown) => void;
  let run!: PanelRun;
  const work = (r: PanelRun) => {
    run = r;
    return new Promise<{ text: string; again?: string }>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { work, resolve: (v: { text: string; again?: string }) => resolve(v), reject: (e: unknown) => reject(e), run: () => run };
}

beforeEach(() => {
  doc = installDom(MARKUP);
  el = doc.querySelector<HTMLElement>("[data-job]")!;
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("JobPanel", () => {
  it("shows its controls once the island connects; a missing piece of markup is a loud error", () => {
    new JobPanel(el, BUILT);
    expect(part("[data-controls]").hidden).toBe(false);
    part("[data-error]").remove();
    expect(() => new JobPanel(el, BUILT)).toThrow("missing [data-error]");
  });

  it("running: the state, a disabled run button, Cancel and the bar shown, the status line", async () => {
    const panel = new JobPanel(el, BUILT);
    const job = deferred();
    const settled = panel.start("Downloading the dataset…", job.work);
    expect(el.dataset["state"]).toBe("running");
    expect(panel.running).toBe(true);
    expect(runButton().disabled).toBe(true);
    expect(cancelButton().hidden).toBe(false);
    expect(bar().hidden).toBe(false);
    expect(bar().value).toBe(0);
    expect(errorLine().hidden).toBe(true);
    expect(status()).toBe("Downloading the dataset…");
    job.run().progress(0.254, "Downloading");
    expect(bar().value).toBe(0.254);
    expect(status()).toBe("Downloading: 25%");
    job.run().status("Verifying the files…");
    expect(status()).toBe("Verifying the files…");
    job.resolve({ text: "Done: every number confirmed." });
    await settled;
    expect(panel.running).toBe(false);
  });

  it("done: the returned text, the controls back, and the run button's new label", async () => {
    const panel = new JobPanel(el, BUILT);
    await panel.start("Working…", () => Promise.resolve({ text: "Done in 2 s.", again: "Run again" }));
    expect(el.dataset["state"]).toBe("done");
    expect(status()).toBe("Done in 2 s.");
    expect(runButton().disabled).toBe(false);
    expect(runButton().textContent).toBe("Run again");
    expect(cancelButton().hidden).toBe(true);
    expect(bar().hidden).toBe(true);
    expect(errorLine().hidden).toBe(true);
    // The next run starts from the original label; a done without `again` keeps it.
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    expect(runButton().textContent).toBe("Compute live");
    job.resolve({ text: "Done." });
    await settled;
    expect(runButton().textContent).toBe("Compute live");
  });

  it("Cancel aborts the job's signal; JobCancelled ends in the cancelled state with the built note", async () => {
    const panel = new JobPanel(el, BUILT);
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    expect(job.run().signal.aborted).toBe(false);
    cancelButton().click();
    expect(job.run().signal.aborted).toBe(true);
    job.reject(new JobCancelled());
    await settled;
    expect(el.dataset["state"]).toBe("cancelled");
    expect(status()).toBe(`Cancelled. ${BUILT}`);
    expect(errorLine().hidden).toBe(true);
    expect(runButton().disabled).toBe(false);
    expect(runButton().textContent).toBe("Compute live");
    expect(cancelButton().hidden).toBe(true);
  });

  it("a job that finishes after its signal was aborted still reads as cancelled, whatever it returns or throws", async () => {
    const panel = new JobPanel(el, { builtNote: BUILT, cancelledStatus: "Stopped; the built numbers stand." });
    const done = deferred();
    let settled = panel.start("Working…", done.work);
    panel.abort();
    done.resolve({ text: "Done." });
    await settled;
    expect(el.dataset["state"]).toBe("cancelled");
    expect(status()).toBe("Stopped; the built numbers stand.");
    const thrown = deferred();
    settled = panel.start("Working…", thrown.work);
    cancelButton().click();
    thrown.reject(new DOMException("The operation was aborted.", "AbortError"));
    await settled;
    expect(el.dataset["state"]).toBe("cancelled");
  });

  it("error: Failed, the message with its prefix and tail, and a Retry button", async () => {
    const panel = new JobPanel(el, { builtNote: BUILT, failure: "Could not load the dataset" });
    await panel.start("Working…", () => Promise.reject(new JobFailed("the server answered 404")));
    expect(el.dataset["state"]).toBe("error");
    expect(status()).toBe(`Failed. ${BUILT}`);
    expect(errorLine().hidden).toBe(false);
    expect(errorLine().textContent).toBe("Could not load the dataset: the server answered 404. Nothing was computed from it.");
    expect(runButton().textContent).toBe("Retry");
    expect(runButton().disabled).toBe(false);
    // Retrying hides the old error and restores the label.
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    expect(errorLine().hidden).toBe(true);
    expect(runButton().textContent).toBe("Compute live");
    job.resolve({ text: "Done." });
    await settled;
    expect(el.dataset["state"]).toBe("done");
  });

  it("error texts: the island's own status and tail; a thrown non-Error is shown as text", async () => {
    const panel = new JobPanel(el, { builtNote: BUILT, failedStatus: "Training failed.", failedTail: "Try fewer epochs." });
    // A string, as a worker library may reject with one.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    await panel.start("Working…", () => Promise.reject("worker gone"));
    expect(status()).toBe("Training failed.");
    expect(errorLine().textContent).toBe("worker gone. Try fewer epochs.");
  });

  it("start() resolves once settled and never rejects, even when the work throws synchronously", async () => {
    const panel = new JobPanel(el, BUILT);
    await expect(
      panel.start("Working…", () => {
        throw new Error("bad input");
      }),
    ).resolves.toBeUndefined();
    expect(el.dataset["state"]).toBe("error");
    expect(errorLine().textContent).toBe("bad input. Nothing was computed from it.");
  });

  it("keyboard focus moves from the run button to Cancel while running, and back when it ends", async () => {
    const panel = new JobPanel(el, BUILT);
    runButton().focus();
    expect(doc.activeElement).toBe(runButton());
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    expect(doc.activeElement).toBe(cancelButton());
    cancelButton().click();
    job.reject(new JobCancelled());
    await settled;
    expect(doc.activeElement).toBe(runButton());
  });

  it("focus elsewhere on the page stays where it is", async () => {
    const outside = doc.createElement("button");
    doc.body.append(outside);
    const panel = new JobPanel(el, BUILT);
    outside.focus();
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    expect(doc.activeElement).toBe(outside);
    job.resolve({ text: "Done." });
    await settled;
    expect(doc.activeElement).toBe(outside);
  });

  it("a second start aborts the first; the first's late progress and end no longer touch the panel", async () => {
    const panel = new JobPanel(el, BUILT);
    const first = deferred();
    const firstSettled = panel.start("First…", first.work);
    const second = deferred();
    const secondSettled = panel.start("Second…", second.work);
    expect(first.run().signal.aborted).toBe(true);
    first.run().progress(0.9, "First");
    first.run().status("first status");
    expect(status()).toBe("Second…");
    first.reject(new JobCancelled());
    await firstSettled;
    expect(el.dataset["state"]).toBe("running");
    second.run().progress(0.5, "Second");
    expect(status()).toBe("Second: 50%");
    second.resolve({ text: "Second done." });
    await secondSettled;
    expect(el.dataset["state"]).toBe("done");
    expect(status()).toBe("Second done.");
  });

  it("data-state can go on the island's card instead of the job element", async () => {
    const card = doc.querySelector<HTMLElement>("#card")!;
    const panel = new JobPanel(el, BUILT, card);
    await panel.start("Working…", () => Promise.resolve({ text: "Done." }));
    expect(card.dataset["state"]).toBe("done");
    expect(el.dataset["state"]).toBeUndefined();
  });
});
