import { expect, type Locator, type Page } from "@playwright/test";
import { loadDatasetCard } from "./fixtures.ts";
import { runExperiment, startAndAwait } from "./flows.ts";
import { choose, FAST as OWN_FAST, squareFiles } from "./own-files.ts";

/**
 * Every live demo of the site, each run briefly with settings that keep it short, for specs that need "every demo
 * ran" (the CSP and third-party-request crawl, offline checks). Each waits for its island to finish, so a demo that
 * breaks (a blocked script, a worker that cannot compile WebAssembly) fails the caller. The flows follow the
 * chapter specs, which check the numbers; these only drive the islands.
 */
export interface Demo {
  name: string;
  /** Page to open, relative to the base URL (may carry URL settings). */
  path: string;
  run: (page: Page) => Promise<void>;
}

const LONG = { timeout: 90_000 };

async function datasetCard(page: Page): Promise<void> {
  await loadDatasetCard(page);
  await expect(page.locator("mb-dataset-card")).toHaveAttribute("data-state", "done", LONG);
}

/** Loads MNIST into a chapter's explorer, moves `slider` to `to` and waits for the value it drives (`value`) to change. */
async function loadAndSlide(el: Locator, value: string, slider: Locator, to: string): Promise<void> {
  await startAndAwait(el, /Load MNIST in my browser/, "loaded", LONG.timeout);
  const shown = el.locator(`[data-value="${value}"]`);
  const before = await shown.textContent();
  await slider.fill(to);
  await expect(shown).not.toHaveText(before ?? "");
}

async function binarization(page: Page): Promise<void> {
  const el = page.locator("mb-binarization");
  await loadAndSlide(el, "mean-on", el.getByRole("slider", { name: /on when its value is above/ }), "30");
  await el.getByRole("radio", { name: /Stochastic/ }).check();
  await expect(el.locator('[data-img="binary"]')).toHaveAttribute("src", /^data:image\/png/);
}

async function entropy(page: Page): Promise<void> {
  const el = page.locator("mb-entropy");
  await loadAndSlide(el, "seed-reading", el.getByRole("slider"), "0");
  await startAndAwait(el.locator('[data-job="context"]'), /Run the context model/, "done", 120_000);
  const em = el.locator('[data-job="em"]');
  await em.getByLabel("Components").selectOption("2");
  await startAndAwait(em, /Fit in my browser|Fit again/, "done", 120_000);
}

async function capacity(page: Page): Promise<void> {
  const cover = page.locator("mb-capacity-cover");
  await cover.getByLabel(/Your own K/).fill("7");
  await cover.getByRole("button", { name: "Draw" }).click();
  await expect(cover).toHaveAttribute("data-ks", /(^|,)7(,|$)/);
  await expect(cover).toHaveAttribute("data-state", "done");

  const experiment = page.locator("mb-capacity-experiment");
  await runExperiment(experiment, { k: 5, trials: 20, seed: 3 });
  await expect(experiment).toHaveAttribute("data-state", "done", { timeout: 60_000 });

  const arithmetic = page.locator("mb-capacity-arithmetic");
  await startAndAwait(arithmetic, /Recompute from the training labels/, "done", 30_000);
}

/** URL settings that keep chapter 4's runs to seconds: tiny CNNs on 1,000-2,000 images, one epoch. */
export const SHORT_TRAINING =
  "net.arch=cnn-2k5p2-4k5p2-10&net.epochs=1&net.subset=1000&net.batch=100&net.seed=1" +
  "&ladder.archs=cnn-2k5p2-4k5p2-10&ladder.seeds=1&ladder.subset=1000&ladder.epochs=1&ladder.target=50" +
  "&mem.archs=logistic&mem.sizes=100";

async function overparameterization(page: Page): Promise<void> {
  await startAndAwait(page.locator("mb-train-network"), /Train in my browser/, "done", 150_000);
  await startAndAwait(page.locator("mb-train-ladder"), /Train these sizes/, "done", 150_000);
  await startAndAwait(page.locator("mb-train-memorize"), /memorisation search/, "done", 120_000);
}

async function descriptionLength(page: Page): Promise<void> {
  const card = page.locator("mb-mdl-prequential");
  await card.locator('select[name="n"]').selectOption("4096");
  await startAndAwait(card, /Compute in my browser/, "done", 150_000);
  const labels = page.locator("mb-mdl-label-code");
  await labels.locator('select[name="n"]').selectOption("1024");
  // Two other tests run the label stream to the end (label-code.spec.ts, threads.spec.ts); here three coded
  // blocks are enough to have loaded, compiled and trained in its worker (the first is coded before any training),
  // and Cancel is exercised on the way.
  await labels.getByRole("button", { name: /Encode and decode in my browser/ }).click();
  await expect(labels).toHaveAttribute("data-blocks", /^([3-9]|\d\d)/, { timeout: 150_000 });
  await labels.getByRole("button", { name: "Cancel" }).click();
  await expect(labels).toHaveAttribute("data-state", "cancelled");
  await startAndAwait(page.locator("mb-verify-model"), /Verify in my browser/, "done", 150_000);
  const own = page.locator("mb-mdl-own-data");
  const { trainImages, trainLabels } = squareFiles();
  await choose(own, { trainImages, trainLabels });
  await expect(own).toHaveAttribute("data-check", "ok", LONG);
  await startAndAwait(own, /Measure my dataset/, "done", 150_000);
}

export const DEMOS: readonly Demo[] = [
  { name: "dataset card, binarization", path: "binarization/", run: async (p) => (await datasetCard(p), binarization(p)) },
  { name: "entropy: live stats, context model, EM", path: "entropy/", run: entropy },
  { name: "capacity: Cover curves, experiment, arithmetic", path: "capacity/", run: capacity },
  { name: "overparameterization: CNN, ladder, memorisation", path: `overparameterization/?${SHORT_TRAINING}`, run: overparameterization },
  {
    name: "description length: prequential code, label stream, verify the classifier, your own dataset",
    path: `description-length/?${OWN_FAST}`,
    run: descriptionLength,
  },
];
