import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { runExperiment, startAndAwait, trainUntilFailed } from "./flows.ts";

/**
 * Faults inside the background workers, injected by serving a worker's module with a snippet in front of it that
 * wraps `postMessage`: at the message of type `on` that follows `after` of them, the worker ends silently (`self.close()`, which fires no
 * event on the page), throws from inside the job, or crashes with an uncaught error in a later task.
 */
type Fault =
  | { mode: "close" | "crash"; on: string; after: number }
  | { mode: "throw"; on: string; after: number; error: "Error" | "RangeError"; message: string };

function snippet(f: Fault): string {
  let fault = `self.close(); return;`;
  if (f.mode === "crash") fault = `setTimeout(() => { throw new Error("injected crash"); }); return;`;
  if (f.mode === "throw") fault = `throw new ${f.error}(${JSON.stringify(f.message)});`;
  return (
    `{ const real = self.postMessage.bind(self); let seen = 0;` +
    ` self.postMessage = (msg, options) => {` +
    // A job's own reports travel inside "progress" messages (jobs.ts): `on` names either the message or the report.
    ` const on = ${JSON.stringify(f.on)};` +
    ` if (msg && (msg.type === on || (msg.type === "progress" && msg.progress && msg.progress.type === on)) && ++seen === ${f.after + 1}) { ${fault} }` +
    ` return real(msg, options); }; }\n`
  );
}

/**
 * Serves the first request for `worker`'s module with the fault in front and every later one untouched (a Retry must
 * get a fresh, healthy worker). Returns a counter of the module's requests.
 */
async function injectOnce(page: Page, worker: string, fault: Fault, options: { noWebLocks?: boolean } = {}): Promise<{ requests: number }> {
  const seen = { requests: 0 };
  // A browser without Web Locks (an insecure context, an old engine): the worker must fall back to heartbeats.
  const noLocks = options.noWebLocks ? `Object.defineProperty(WorkerNavigator.prototype, "locks", { get: () => undefined });\n` : "";
  await page.route(new RegExp(`/_astro/${worker}\\.worker-[^/]+\\.js$`), async (route) => {
    seen.requests++;
    if (seen.requests > 1) return route.fallback();
    const response = await route.fetch();
    return route.fulfill({ response, body: noLocks + snippet(fault) + (await response.text()) });
  });
  return seen;
}

const SMALL_RUN = "overparameterization/?net.arch=logistic&net.epochs=1&net.subset=1000&net.batch=100&net.seed=2&net.lr=0.01";

test.describe("a training worker that dies or throws mid-run", () => {
  test.setTimeout(150_000);

  for (const { name, fault, says } of [
    {
      name: "ends silently (self.close())",
      fault: { mode: "close", on: "batch", after: 3 } as Fault,
      says: /Training failed: the background worker stopped unexpectedly \(it may have run out of memory: try a smaller network or batch size\)/,
    },
    {
      name: "crashes with an uncaught error",
      fault: { mode: "crash", on: "batch", after: 3 } as Fault,
      says: /Training failed: the background worker failed \(.*injected crash\)/,
    },
    {
      name: "throws from inside the job",
      fault: { mode: "throw", on: "batch", after: 3, error: "Error", message: "injected failure" } as Fault,
      says: /Training failed: injected failure\. No result of the failed run is shown\./,
    },
  ]) {
    test(`${name}: the island says so, shows no result, and Retry trains in a fresh worker`, async ({ page, problems }) => {
      const worker = await injectOnce(page, "tf", fault);
      const { net, alert } = await trainUntilFailed(page, SMALL_RUN);
      await expect(alert).toBeVisible();
      await expect(alert).toHaveText(says);
      await expect(net.locator("[data-result]")).toBeHidden();
      await expect(net.locator("[data-progress]")).toBeHidden();
      await startAndAwait(net, "Retry", "done", 90_000);
      await expect(net.locator("[data-result]")).toBeVisible();
      await expect(alert).toBeHidden();
      // The button reads as a start again, not as a Retry of a run that has since succeeded.
      await expect(net.getByRole("button", { name: "Train again" })).toBeVisible();
      // A crash and a silent end lose the worker, so Retry loads the module again; a thrown job keeps the worker.
      expect(worker.requests).toBe(fault.mode === "throw" ? 1 : 2);
      expect(problems.consoleErrors.filter((e) => !e.includes("injected"))).toEqual([]);
    });
  }

  test("without Web Locks, a worker that ends silently is caught by its missing heartbeats", async ({ page, problems }) => {
    const worker = await injectOnce(page, "tf", { mode: "close", on: "batch", after: 3 }, { noWebLocks: true });
    // The page allows 30 s of silence (a long synchronous step must not count as a death), checked every 2 s.
    const { net, alert } = await trainUntilFailed(page, SMALL_RUN, 60_000);
    await expect(alert).toContainText("the background worker stopped responding");
    await expect(net.locator("[data-result]")).toBeHidden();
    await startAndAwait(net, "Retry", "done", 90_000);
    expect(worker.requests).toBe(2);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("running out of memory is reported with advice, and Retry starts a fresh worker", async ({ page }) => {
    const worker = await injectOnce(page, "tf", {
      mode: "throw",
      on: "batch",
      after: 2,
      error: "RangeError",
      message: "Array buffer allocation failed",
    });
    const { net, alert } = await trainUntilFailed(page, SMALL_RUN);
    await expect(alert).toContainText("your browser ran out of memory for this run (RangeError: Array buffer allocation failed)");
    await expect(alert).toContainText("Try a smaller network, a smaller batch size or fewer training images");
    await expect(net.locator("[data-result]")).toBeHidden();
    await startAndAwait(net, "Retry", "done", 90_000);
    expect(worker.requests).toBe(2);
    // The fresh worker starts from zero tensors and leaves none behind.
    await expect(net).toHaveAttribute("data-tensors-after", (await net.getAttribute("data-tensors-before")) ?? "x");
  });
});

test.describe("other worker-backed islands", () => {
  test.setTimeout(150_000);

  test("capacity experiment: a silent worker death mid-run restores the reference table, and Retry completes", async ({
    page,
    problems,
  }) => {
    const worker = await injectOnce(page, "capacity", { mode: "close", on: "row", after: 2 });
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    const before = await card.locator("[data-experiment-table] tbody").innerText();
    await runExperiment(card, { trials: 40 });
    await expect(card).toHaveAttribute("data-state", "error", { timeout: 30_000 });
    await expect(card.getByRole("alert")).toHaveText(
      "The experiment failed: the background worker stopped unexpectedly. Nothing from this run is shown.",
    );
    expect(await card.locator("[data-experiment-table] tbody").innerText()).toBe(before);
    await startAndAwait(card, "Retry", "done", 60_000);
    await expect(card.getByRole("alert")).toBeHidden();
    expect(worker.requests).toBe(2);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("capacity experiment: an error thrown inside the job is reported and the next run works", async ({ page }) => {
    await injectOnce(page, "capacity", { mode: "throw", on: "row", after: 1, error: "Error", message: "injected failure" });
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    await runExperiment(card, { trials: 40 });
    await expect(card).toHaveAttribute("data-state", "error", { timeout: 30_000 });
    await expect(card.getByRole("alert")).toHaveText("The experiment failed: injected failure. Nothing from this run is shown.");
    await startAndAwait(card, "Retry", "done", 60_000);
  });

  test("entropy chapter: the stats worker dying while it loads fails the load with Retry, which loads", async ({ page, problems }) => {
    const worker = await injectOnce(page, "stats", { mode: "close", on: "progress", after: 5 });
    await page.goto("entropy/");
    const island = page.locator("mb-entropy");
    const load = island.locator('[data-job="load"]');
    const builtEntropy = await island.locator("[data-value]").first().textContent();
    await island.getByRole("button", { name: /Load MNIST in my browser/ }).click();
    await expect(load).toHaveAttribute("data-state", "error", { timeout: 60_000 });
    await expect(load.getByRole("alert")).toContainText("the background worker stopped unexpectedly");
    await expect(island.locator("[data-value]").first()).toHaveText(builtEntropy ?? "");
    await expect(island).not.toHaveAttribute("data-state", "loaded");
    await load.getByRole("button", { name: "Retry" }).click();
    await expect(island).toHaveAttribute("data-state", "loaded", { timeout: 90_000 });
    expect(worker.requests).toBe(2);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("description length: a worker crash after the first block shows no live total, and Retry runs again", async ({ page }) => {
    const worker = await injectOnce(page, "tf", { mode: "crash", on: "block", after: 1 });
    await page.goto("description-length/");
    const card = page.locator("mb-mdl-prequential");
    await startAndAwait(card, /Compute in my browser/, "error", 90_000);
    await expect(card.getByRole("alert")).toContainText("Could not compute the code: the background worker failed");
    await expect(card.getByRole("alert")).toContainText("injected crash");
    await expect(card.locator("[data-live-result]")).toBeHidden();
    await expect(card.locator('[data-value="live-caption"]')).toHaveText("Reference run, block by block");
    await startAndAwait(card, "Retry", "running");
    await expect(card).toHaveAttribute("data-blocks", /^[2-9]/, { timeout: 90_000 });
    await card.getByRole("button", { name: "Cancel" }).click();
    await expect(card).toHaveAttribute("data-state", "cancelled", { timeout: 10_000 });
    expect(worker.requests).toBe(2);
  });
});

test.describe("URL parameters that carry a run configuration", () => {
  const PAYLOAD = `<img src=x onerror="window.__pwned=1">`;
  const FIELDS = {
    net: ["arch", "seed", "epochs", "batch", "lr", "subset", "backend"],
    ladder: ["archs", "seeds", "subset", "epochs", "target", "backend"],
    mem: ["archs", "sizes", "seed", "backend"],
  };
  const islands = { net: "mb-train-network", ladder: "mb-train-ladder", mem: "mb-train-memorize" } as const;

  test("markup in every parameter of every island is rejected by name and never inserted as HTML", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const params = new URLSearchParams();
    for (const [prefix, keys] of Object.entries(FIELDS)) for (const k of keys) params.set(`${prefix}.${k}`, PAYLOAD);
    await page.goto("overparameterization/");
    const before = await formValues(page);
    await page.goto(`overparameterization/?${params}`);
    for (const [prefix, keys] of Object.entries(FIELDS)) {
      const error = page.locator(`${islands[prefix as keyof typeof islands]} [data-url-error]`);
      await expect(error).toBeVisible();
      for (const k of keys) await expect(error).toContainText(`'${prefix}.${k}' ignored`);
      expect(await error.innerHTML()).not.toContain("<");
    }
    await expect(page.locator("img[src='x']")).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await formValues(page)).toEqual(before);
  });

  test("huge, negative, NaN, duplicated, unknown and too-large-for-memory values each get a message", async ({ page }) => {
    await page.goto("overparameterization/");
    const before = await formValues(page);
    await page.goto(
      "overparameterization/?net.epochs=99999999999&net.seed=-1&net.lr=NaN&net.subset=1e5&net.backend=webgl&net.backend=cpu" +
        "&net.bogus=1&ladder.archs=mlp-4096-4096&ladder.seeds=1,2,3,4,5,6,7,8,9,10,11&mem.sizes=abc&mem.archs=cnn-1000k1p28",
    );
    const net = page.locator("mb-train-network [data-url-error]");
    await expect(net).toContainText("URL parameter 'net.epochs' ignored: expected a whole number from 1 to 20.");
    await expect(net).toContainText("URL parameter 'net.seed' ignored: expected a whole number from 0 to 1000000.");
    await expect(net).toContainText("URL parameter 'net.lr' ignored: expected a number from 0.0001 to 0.1.");
    await expect(net).toContainText("URL parameter 'net.subset' ignored");
    await expect(net).toContainText("URL parameter 'net.backend' ignored: given 2 times.");
    await expect(net).toContainText("An unknown URL parameter starting with 'net.' ignored");
    const ladder = page.locator("mb-train-ladder [data-url-error]");
    await expect(ladder).toContainText("URL parameter 'ladder.archs' ignored: more than 1300000 parameters.");
    await expect(ladder).toContainText("URL parameter 'ladder.seeds' ignored: expected 1 to 10 comma-separated values.");
    const mem = page.locator("mb-train-memorize [data-url-error]");
    await expect(mem).toContainText("URL parameter 'mem.sizes' ignored");
    await expect(mem).toContainText("URL parameter 'mem.archs' ignored: at batch size 128 this network needs about");
    expect(await formValues(page)).toEqual(before);

    await page.goto("overparameterization/?net.arch=cnn-1000k1p28&net.batch=1024");
    await expect(page.locator("mb-train-network [data-url-error]")).toHaveText(
      /^URL parameters 'net\.arch' and 'net\.batch' ignored together: at batch size 1024 this network needs about [\d,]+ MB to train, more than the 1024 MB this page allows; try a smaller network or batch size\.$/,
    );
  });
});

/** What the three training forms show: every field's value and which architecture boxes are ticked. */
async function formValues(page: Page): Promise<string[]> {
  return page.locator("mb-train-network form [name], mb-train-ladder form [name], mb-train-memorize form [name]").evaluateAll((els) =>
    els.map((el) => {
      const input = el as HTMLInputElement;
      return `${input.closest("mb-train-network, mb-train-ladder, mb-train-memorize")?.tagName ?? ""} ${input.name}=${input.type === "checkbox" ? String(input.checked) : input.value}`;
    }),
  );
}
