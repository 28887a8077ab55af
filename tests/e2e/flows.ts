/**
 * Steps that many specs take the same way: start an island's job and wait for its state, fill in and run the capacity
 * experiment, make a file answer 404 until the test lifts the fault, record the page's data requests. Each helper only
 * drives the page and waits; the specs keep their own checks of what the island then shows.
 */
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures.ts";

/** Clicks the button named `button` inside `island` and waits for the island's data-state to read `state`. */
export async function startAndAwait(island: Locator, button: string | RegExp, state: string, timeout?: number): Promise<void> {
  await island.getByRole("button", { name: button }).click();
  await expect(island).toHaveAttribute("data-state", state, timeout === undefined ? {} : { timeout });
}

/**
 * Opens a chapter 4 page, starts its network's training and waits for the run to fail. Returns the island and its
 * "Training failed" alert.
 */
export async function trainUntilFailed(page: Page, url: string, timeout = 90_000): Promise<{ net: Locator; alert: Locator }> {
  await page.goto(url);
  const net = page.locator("mb-train-network");
  await startAndAwait(net, /Train in my browser/, "error", timeout);
  return { net, alert: net.getByRole("alert").filter({ hasText: "Training failed" }) };
}

/** The capacity experiment's settings, as the reader types them. */
export interface ExperimentSettings {
  k?: number;
  trials?: number;
  seed?: number;
}

/** Fills in the capacity experiment's form (the fields named) and clicks Run. */
export async function runExperiment(card: Locator, { k, trials, seed }: ExperimentSettings): Promise<void> {
  if (k !== undefined) await card.getByLabel(/Weights K/).fill(String(k));
  if (trials !== undefined) await card.getByLabel(/Trials per N/).fill(String(trials));
  if (seed !== undefined) await card.getByLabel("Seed").fill(String(seed));
  await card.getByRole("button", { name: /Run in my browser/ }).click();
}

/** The capacity experiment's table body, as text: what a failed or cancelled run must leave as it was. */
export function experimentTable(card: Locator): Promise<string> {
  return card.locator("[data-experiment-table] tbody").innerText();
}

/** Answers every request matching `pattern` with a 404 until the returned function is called. */
export async function notFoundUntilLifted(page: Page, pattern: string): Promise<() => void> {
  let block = true;
  await page.route(pattern, (route) => (block ? route.fulfill({ status: 404, body: "not found" }) : route.fallback()));
  return () => {
    block = false;
  };
}

/** The URLs of every request the page makes for the dataset (under /data/), as they happen. */
export function recordDataRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/data/")) urls.push(req.url());
  });
  return urls;
}

/**
 * What in an island's card reaches past the card (or the card past a `width`-px screen), apart from the regions that
 * scroll on their own (.mb-scroll): an empty list when the card fits a phone.
 */
export function cardOverflow(island: Locator, width = 360): Promise<string[]> {
  return island.evaluate((el, screen) => {
    const section = el.querySelector("section");
    if (section === null) return ["no section"];
    const right = section.getBoundingClientRect().right;
    const out = right > screen ? [`the card ends at ${right}px`] : [];
    for (const child of section.querySelectorAll("*")) {
      const box = child.getBoundingClientRect();
      if (box.width > 0 && box.right > right + 0.5 && child.closest(".mb-scroll") === null)
        out.push(`${child.tagName} ends at ${box.right}px`);
    }
    return out;
  }, width);
}
