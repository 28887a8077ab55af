import { expect, type Page } from "@playwright/test";

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
  const card = page.locator("mb-dataset-card");
  await card.getByRole("button", { name: /Load in my browser|Retry|Load again/ }).click();
  await expect(card).toHaveAttribute("data-state", "done", LONG);
}

async function binarization(page: Page): Promise<void> {
  const el = page.locator("mb-binarization");
  await el.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(el).toHaveAttribute("data-state", "loaded", LONG);
  const mean = el.locator('[data-value="mean-on"]');
  const before = await mean.textContent();
  await el.getByRole("slider", { name: /on when its value is above/ }).fill("30");
  await expect(mean).not.toHaveText(before ?? "");
  await el.getByRole("radio", { name: /Stochastic/ }).check();
  await expect(el.locator('[data-img="binary"]')).toHaveAttribute("src", /^data:image\/png/);
}

async function entropy(page: Page): Promise<void> {
  const el = page.locator("mb-entropy");
  await el.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(el).toHaveAttribute("data-state", "loaded", LONG);
  const seed = el.locator('[data-value="seed-reading"]');
  const before = await seed.textContent();
  await el.getByRole("slider").fill("0");
  await expect(seed).not.toHaveText(before ?? "");
  const context = el.locator('[data-job="context"]');
  await context.getByRole("button", { name: /Run the context model/ }).click();
  await expect(context).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  const em = el.locator('[data-job="em"]');
  await em.getByLabel("Components").selectOption("2");
  await em.getByRole("button", { name: /Fit in my browser|Fit again/ }).click();
  await expect(em).toHaveAttribute("data-state", "done", { timeout: 120_000 });
}

async function capacity(page: Page): Promise<void> {
  const cover = page.locator("mb-capacity-cover");
  await cover.getByLabel(/Your own K/).fill("7");
  await cover.getByRole("button", { name: "Draw" }).click();
  await expect(cover).toHaveAttribute("data-ks", /(^|,)7(,|$)/);
  await expect(cover).toHaveAttribute("data-state", "drawn");

  const experiment = page.locator("mb-capacity-experiment");
  await experiment.getByLabel(/Weights K/).fill("5");
  await experiment.getByLabel(/Trials per N/).fill("20");
  await experiment.getByLabel("Seed").fill("3");
  await experiment.getByRole("button", { name: /Run in my browser/ }).click();
  await expect(experiment).toHaveAttribute("data-state", "done", { timeout: 60_000 });

  const arithmetic = page.locator("mb-capacity-arithmetic");
  await arithmetic.getByRole("button", { name: /Recompute from the training labels/ }).click();
  await expect(arithmetic).toHaveAttribute("data-state", "done", { timeout: 30_000 });
}

/** URL settings that keep chapter 4's runs to seconds: tiny CNNs on 1,000-2,000 images, one epoch. */
export const SHORT_TRAINING =
  "net.arch=cnn-2k5p2-4k5p2-10&net.epochs=1&net.subset=1000&net.batch=100&net.seed=1" +
  "&ladder.archs=cnn-2k5p2-4k5p2-10&ladder.seeds=1&ladder.subset=1000&ladder.epochs=1&ladder.target=50" +
  "&mem.archs=logistic&mem.sizes=100";

async function overparameterization(page: Page): Promise<void> {
  const net = page.locator("mb-train-network");
  await net.getByRole("button", { name: /Train in my browser/ }).click();
  await expect(net).toHaveAttribute("data-state", "done", { timeout: 150_000 });
  const ladder = page.locator("mb-train-ladder");
  await ladder.getByRole("button", { name: /Train these sizes/ }).click();
  await expect(ladder).toHaveAttribute("data-state", "done", { timeout: 150_000 });
  const mem = page.locator("mb-train-memorize");
  await mem.getByRole("button", { name: /memorisation search/ }).click();
  await expect(mem).toHaveAttribute("data-state", "done", { timeout: 120_000 });
}

async function descriptionLength(page: Page): Promise<void> {
  const card = page.locator("mb-mdl-prequential");
  await card.locator('[data-input="n"]').selectOption("4096");
  await card.getByRole("button", { name: /Compute in my browser/ }).click();
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 150_000 });
}

export const DEMOS: readonly Demo[] = [
  { name: "dataset card, binarization", path: "binarization/", run: async (p) => (await datasetCard(p), binarization(p)) },
  { name: "entropy: live stats, context model, EM", path: "entropy/", run: entropy },
  { name: "capacity: Cover curves, experiment, arithmetic", path: "capacity/", run: capacity },
  { name: "overparameterization: CNN, ladder, memorisation", path: `overparameterization/?${SHORT_TRAINING}`, run: overparameterization },
  { name: "description length: prequential code", path: "description-length/", run: descriptionLength },
];
