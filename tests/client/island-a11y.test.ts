import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bindCopyLink, COPY_BY_HAND } from "../../src/client/copy-link.ts";
import { JobCancelled, JobFailed } from "../../src/client/job-client.ts";
import { JobPanel, type PanelRun } from "../../src/client/job-panel.ts";
import { announce, islandOf, liveRegion } from "../../src/client/live.ts";
import { installDom } from "./dom.ts";

// An island (a custom element) with the markup of JobControls.astro and CopyLink.astro inside its card.
const MARKUP = `
<mb-demo>
  <section>
    <p class="mb-status" data-status>Computed when the page was built.</p>
    <div class="mb-controls" data-controls hidden>
      <input name="k" value="3" />
      <button type="button" data-action="run">Compute live</button>
      <button type="button" data-action="cancel" hidden>Cancel</button>
      <progress max="1" value="0" hidden data-progress aria-label="Progress"></progress>
    </div>
    <p class="mb-error" role="alert" hidden data-error></p>
    <div class="mb-copy-link" data-copy-link hidden>
      <button type="button" data-action="copy-link">Copy link to these settings</button>
      <span data-copy-link-note>The page's address keeps these settings.</span>
      <label data-copy-link-field hidden>Link to these settings <input type="text" readonly data-copy-link-url /></label>
    </div>
  </section>
</mb-demo>
<button id="outside">Elsewhere</button>`;

let doc: Document;
let island: HTMLElement;
const q = <T extends HTMLElement = HTMLElement>(selector: string): T => doc.querySelector<T>(selector)!;
const runButton = () => q<HTMLButtonElement>('[data-action="run"]');
const cancelButton = () => q<HTMLButtonElement>('[data-action="cancel"]');
const said = () => q("[data-live-region]").textContent;

function deferred() {
  let resolve!: (v: { text: string; again?: string; retire?: { focus?: HTMLElement } }) => void;
  let reject!: (e: unknown) => void;
  let run!: PanelRun;
  const work = (r: PanelRun) => {
    run = r;
    return new Promise<{ text: string; again?: string; retire?: { focus?: HTMLElement } }>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { work, resolve: (v: Parameters<typeof resolve>[0]) => resolve(v), reject: (e: unknown) => reject(e), run: () => run };
}

beforeEach(() => {
  doc = installDom(MARKUP);
  island = q("mb-demo");
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the island's live region", () => {
  it("is one polite, visually hidden region per island, inside its card", () => {
    const region = liveRegion(q("[data-status]"));
    expect(islandOf(q("[data-status]"))).toBe(island);
    expect(region.getAttribute("aria-live")).toBe("polite");
    expect(region.className).toBe("sr-only");
    expect(region.parentElement).toBe(q("section"));
    expect(liveRegion(runButton())).toBe(region);
    announce(runButton(), "Link copied.");
    expect(region.textContent).toBe("Link copied.");
    expect(doc.querySelectorAll("[data-live-region]")).toHaveLength(1);
  });
});

describe("JobPanel and the reader's focus", () => {
  it("Cancel takes focus from anywhere in the island, or from <body>; the run button gets it back", async () => {
    const panel = new JobPanel(island, "Built.");
    const starts = [() => q<HTMLInputElement>('input[name="k"]').focus(), () => (doc.activeElement as HTMLElement | null)?.blur()];
    for (const start of starts) {
      start();
      const job = deferred();
      const settled = panel.start("Working…", job.work);
      expect(doc.activeElement).toBe(cancelButton());
      job.resolve({ text: "Done." });
      await settled;
      expect(doc.activeElement).toBe(runButton());
    }
  });

  it("after a failure focus is back on the run button (Retry), and after a cancel too", async () => {
    const panel = new JobPanel(island, "Built.");
    runButton().focus();
    await panel.start("Working…", () => Promise.reject(new JobFailed("gone")));
    expect(doc.activeElement).toBe(runButton());
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    cancelButton().click();
    job.reject(new JobCancelled());
    await settled;
    expect(doc.activeElement).toBe(runButton());
  });

  it("focus the reader moved elsewhere during the run stays there", async () => {
    const panel = new JobPanel(island, "Built.");
    runButton().focus();
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    q("#outside").focus();
    job.resolve({ text: "Done." });
    await settled;
    expect(doc.activeElement).toBe(q("#outside"));
  });

  it("a run that retires its button (the data is loaded) hands focus to what the island offers now, else the status", async () => {
    const panel = new JobPanel(island, "Built.");
    runButton().focus();
    await panel.start("Loading…", () => Promise.resolve({ text: "Loaded.", retire: { focus: q('input[name="k"]') } }));
    expect(runButton().hidden).toBe(true);
    expect(doc.activeElement).toBe(q('input[name="k"]'));

    doc = installDom(MARKUP);
    island = q("mb-demo");
    const second = new JobPanel(island, "Built.");
    runButton().focus();
    await second.start("Loading…", () => Promise.resolve({ text: "Loaded.", retire: {} }));
    expect(doc.activeElement).toBe(q("[data-status]"));
    expect(q("[data-status]").getAttribute("tabindex")).toBe("-1");
  });
});

describe("JobPanel in the live region", () => {
  it("says the start, each quarter once (again after a new phase), a milestone and the result, not every tick", async () => {
    const panel = new JobPanel(island, "Built.");
    const job = deferred();
    const settled = panel.start("Starting the background worker…", job.work);
    expect(said()).toBe("Starting the background worker…");
    job.run().progress(0.1, "Downloading MNIST");
    expect(said()).toBe("Starting the background worker…");
    job.run().progress(0.3, "Downloading MNIST");
    expect(said()).toBe("Downloading MNIST: 30%");
    job.run().progress(0.4, "Downloading MNIST");
    expect(said()).toBe("Downloading MNIST: 30%");
    job.run().progress(0.02, "Training");
    job.run().progress(0.26, "Training", "now epoch 1, batch 3");
    expect(said()).toBe("Training: 26%");
    expect(q("[data-status]").textContent).toBe("Training: 26%; now epoch 1, batch 3");
    job.run().milestone("Epoch 1 of 3 done: 97.10% test accuracy.");
    expect(said()).toBe("Epoch 1 of 3 done: 97.10% test accuracy.");
    job.resolve({ text: "Done: 98.00% test accuracy." });
    await settled;
    expect(said()).toBe("Done: 98.00% test accuracy.");
  });

  it("adds the time left once the pace is known", async () => {
    vi.useFakeTimers();
    const panel = new JobPanel(island, "Built.");
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    job.run().progress(0, "Training");
    vi.advanceTimersByTime(30_000);
    job.run().progress(0.5, "Training");
    expect(q("[data-status]").textContent).toBe("Training: 50%, about 30 s left");
    job.resolve({ text: "Done." });
    await settled;
  });

  it("never shows a served file's hashed name, in progress, status or error", async () => {
    const panel = new JobPanel(island, { builtNote: "Built.", failure: "Could not load the dataset" });
    const job = deferred();
    const settled = panel.start("Working…", job.work);
    job.run().progress(0.5, "Reading train-images-idx3-ubyte.ba891046.gz");
    expect(q("[data-status]").textContent).toBe("Reading training images (train-images-idx3-ubyte.gz): 50%");
    job.run().status("Verifying t10k-labels-idx1-ubyte.ff7bcfd4.gz");
    expect(q("[data-status]").textContent).toBe("Verifying test labels (t10k-labels-idx1-ubyte.gz)");
    job.reject(new JobFailed("train-labels-idx1-ubyte.65a50cbb.gz: HTTP 404"));
    await settled;
    expect(q("[data-error]").textContent).toBe(
      "Could not load the dataset: training labels (train-labels-idx1-ubyte.gz): HTTP 404. Nothing was computed from it.",
    );
  });
});

describe("Copy link to these settings", () => {
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it("puts the link on the clipboard and says so", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    bindCopyLink(island, () => "https://example.org/capacity/?experiment.k=5");
    expect(q("[data-copy-link]").hidden).toBe(false);
    q('[data-action="copy-link"]').click();
    await flush();
    expect(writeText).toHaveBeenCalledWith("https://example.org/capacity/?experiment.k=5");
    expect(q("[data-copy-link-note]").textContent).toBe("Link copied.");
    expect(said()).toBe("Link copied.");
    expect(q("[data-copy-link-field]").hidden).toBe(true);
  });

  it("without the Clipboard API, or when it is refused, selects the link in a read-only field", async () => {
    for (const clipboard of [undefined, { writeText: () => Promise.reject(new Error("denied")) }]) {
      doc = installDom(MARKUP);
      island = q("mb-demo");
      vi.stubGlobal("navigator", clipboard === undefined ? {} : { clipboard });
      const field = q<HTMLInputElement>("[data-copy-link-url]");
      // linkedom has no text selection: the field's select() is what a browser would run.
      const select = vi.fn();
      field.select = select;
      bindCopyLink(island, () => "https://example.org/?net.arch=logistic");
      q('[data-action="copy-link"]').click();
      await flush();
      expect(select).toHaveBeenCalled();
      expect(q("[data-copy-link-field]").hidden).toBe(false);
      expect(field.value).toBe("https://example.org/?net.arch=logistic");
      expect(doc.activeElement).toBe(field);
      expect(said()).toBe(COPY_BY_HAND);
    }
  });

  it("copies nothing while a setting is invalid", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    bindCopyLink(island, () => undefined);
    q('[data-action="copy-link"]').click();
    await flush();
    expect(writeText).not.toHaveBeenCalled();
    expect(said()).toMatch(/^No link copied/);
  });
});
