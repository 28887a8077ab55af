/**
 * Data faults, one island per chapter that downloads data plus the dataset card: each fault must end in an error that
 * names the file and the reason, leave every built number in place, and Retry must recover once the fault is lifted.
 * The files come from a route (data-route.ts), so each fault is switched on and off within one page.
 */
import type { Locator, Page } from "@playwright/test";
import { DataServer, FILE_NAMES, MANIFEST, type Fault, type FileKey } from "./data-route.ts";
import { expect, islandReady, test } from "./fixtures.ts";

interface Island {
  title: string;
  url: string;
  host: string;
  /** The element carrying the load job's data-state, inside the host; the host itself when absent. */
  panel?: string;
  run: RegExp;
  /** Numbers rendered at build time, which no failed load may change. */
  values: string;
  /** Only this file is downloaded (the capacity arithmetic needs the training labels alone). */
  onlyFile?: FileKey;
  prepare?: (host: Locator) => Promise<void>;
  /** A live result that no failed run may show. */
  live?: string;
  /** What the island shows when a load finally succeeds. */
  done?: (host: Locator, panel: Locator) => Promise<void>;
  /** Recovery is proven once this holds, without waiting for the job's end (which other specs wait for). */
  recovered?: (host: Locator) => Promise<void>;
  timeout: number;
}

/** Chapters 1 and 2's explorers load the same way, from their own "load" panel, and end in the "loaded" state. */
function explorer(title: string, url: string, host: string): Island {
  return {
    title,
    url,
    host,
    panel: '[data-job="load"]',
    run: /Load MNIST in my browser/,
    values: "[data-value]",
    live: "[data-threshold-controls]",
    done: async (el) => await expect(el).toHaveAttribute("data-state", "loaded"),
    timeout: 60_000,
  };
}

const ISLANDS: Island[] = [
  {
    title: "dataset card",
    url: "binarization/",
    host: "mb-dataset-card",
    run: /Load in my browser/,
    values: "[data-value]",
    done: async (host) => {
      await expect(host.locator('[data-confirmed="no"]')).toHaveCount(0);
      await expect(host.locator('[data-confirmed="yes"]')).toHaveCount(22);
    },
    timeout: 60_000,
  },
  explorer("chapter 1: binarization explorer", "binarization/", "mb-binarization"),
  explorer("chapter 2: entropy explorer", "entropy/", "mb-entropy"),
  {
    title: "chapter 3: capacity arithmetic",
    url: "capacity/",
    host: "mb-capacity-arithmetic",
    run: /Recompute from the training labels/,
    values: "[data-value]",
    onlyFile: "trainLabels",
    done: async (host) => {
      await expect(host.locator('[data-confirmed="no"]')).toHaveCount(0);
      expect(await host.locator('[data-confirmed="yes"]').count()).toBe(await host.locator("[data-value]").count());
    },
    timeout: 30_000,
  },
  {
    title: "chapter 4: training the network",
    url: "overparameterization/?net.arch=logistic&net.epochs=1&net.subset=2000&net.batch=100&net.seed=3&net.lr=0.01",
    host: "mb-train-network",
    run: /Train in my browser/,
    values: '[data-value="ref-accuracy"], [data-value="params"]',
    live: "[data-result]",
    done: async (host) => await expect(host.locator("[data-result]")).toHaveAttribute("data-accuracy", /^0\.\d+/),
    timeout: 150_000,
  },
  {
    title: "chapter 5: verify the classifier",
    url: "description-length/",
    host: "mb-verify-model",
    run: /Verify in my browser/,
    values: '[data-value="recorded-accuracy"], [data-value="model-bytes"]',
    onlyFile: "testImages",
    live: "[data-result]",
    done: async (host) => await expect(host).toHaveAttribute("data-match", "yes"),
    timeout: 60_000,
  },
  {
    title: "chapter 5: prequential code",
    url: "description-length/",
    host: "mb-mdl-prequential",
    run: /Compute in my browser/,
    values: '[data-value="ref-total"], [data-rows="live"]',
    live: "[data-live-result]",
    prepare: async (host) => {
      await host.locator('select[name="n"]').selectOption("4096");
    },
    // The data loaded and verified, and the first block is coded: the rest of the run is the cancel spec's to finish.
    recovered: async (host) => {
      await expect(host).toHaveAttribute("data-blocks", /^[1-9]/, { timeout: 60_000 });
      await host.getByRole("button", { name: "Cancel" }).click();
      await expect(host).toHaveAttribute("data-state", "cancelled");
    },
    timeout: 60_000,
  },
  {
    title: "chapter 5: label stream",
    url: "description-length/",
    host: "mb-mdl-label-code",
    run: /Encode and decode in my browser/,
    values: '[data-value="ref-bits"], [data-rows="live-blocks"]',
    live: "[data-live-download]",
    prepare: async (host) => {
      await host.locator('select[name="n"]').selectOption("1024");
    },
    recovered: async (host) => {
      await expect(host).toHaveAttribute("data-blocks", /^[1-9]/, { timeout: 60_000 });
      await host.getByRole("button", { name: "Cancel" }).click();
      await expect(host).toHaveAttribute("data-state", "cancelled");
    },
    timeout: 60_000,
  },
];

/**
 * Each fault, the file it hits, and what the message must say after the file's name: the published name, beside
 * what the file holds ("test labels (t10k-labels-idx1-ubyte.gz)"), never the served copy's hashed name.
 */
const FILE_FAULTS: Array<{ kind: Extract<Fault, { file: FileKey }>["kind"]; file: FileKey; says: string }> = [
  { kind: "missing", file: "testLabels", says: String.raw`\.gz\): HTTP 404 Not Found: the server does not have this file` },
  { kind: "truncated", file: "testImages", says: String.raw`\.gz\): truncated download: \d+ of its \d+ bytes arrived` },
  { kind: "corrupt-gzip", file: "trainLabels", says: String.raw`\.gz\): corrupt gzip data: it does not decompress` },
  { kind: "corrupt-data", file: "testLabels", says: String.raw`\.gz\): integrity check failed: its SHA-256 begins` },
  // The capacity worker parses the labels itself, so its message names the file without the served suffix.
  { kind: "idx-header", file: "trainLabels", says: String.raw`[^:]*: .*unsupported IDX data type 0xd \(expected unsigned byte 0x08\)` },
];
const MANIFEST_FAULTS: Array<{ kind: "manifest-missing" | "manifest-malformed" | "manifest-invalid"; says: RegExp }> = [
  { kind: "manifest-missing", says: /manifest\.json: HTTP 404 Not Found: the server does not have this file/ },
  { kind: "manifest-malformed", says: /manifest\.json: is not valid JSON \(/ },
  { kind: "manifest-invalid", says: /manifest\.json: is not a valid dataset manifest \(trainLabels: bad sha256\)/ },
];

function parts(page: Page, island: Island): { host: Locator; panel: Locator; alert: Locator } {
  const host = page.locator(island.host);
  const panel = island.panel ? host.locator(island.panel) : host;
  return { host, panel, alert: panel.locator("[data-error]").first() };
}

/**
 * Forgets the data files this page visit has verified (the store its islands share, so a page downloads each file
 * once): a test that loads again on the same page and needs the network again, for a fault or a header, calls it first.
 */
async function forgetVisitData(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const name of await caches.keys()) if (name.startsWith("mnist-bits-visit-")) await caches.delete(name);
  });
}

async function start(island: Island, host: Locator): Promise<void> {
  await host.getByRole("button", { name: new RegExp(`${island.run.source}|^Retry$|again$`) }).click();
}

for (const island of ISLANDS) {
  test(`${island.title}: every data fault names the file and why, changes no number, and Retry recovers`, async ({ page, problems }) => {
    test.setTimeout(island.timeout + 90_000);
    const server = new DataServer();
    await server.install(page);
    await page.goto(island.url);
    const { host, panel, alert } = parts(page, island);
    if (island.prepare !== undefined) {
      await island.prepare(host);
      // The island's element loads on that first action (island.ts): read what it shows once it has answered.
      await islandReady(page, island.host);
    }
    const built = await host.locator(island.values).allTextContents();
    expect(built.length).toBeGreaterThan(0);

    const faults = [
      ...FILE_FAULTS.map((f) => {
        const file = island.onlyFile ?? f.file;
        return { fault: { kind: f.kind, file }, says: new RegExp(FILE_NAMES[file] + f.says) };
      }),
      ...MANIFEST_FAULTS.map((f) => ({ fault: { kind: f.kind }, says: f.says })),
    ];
    const messages: string[] = [];
    for (const { fault, says } of faults) {
      await test.step(`${fault.kind}${"file" in fault ? ` (${fault.file})` : ""}`, async () => {
        server.fault = fault;
        await forgetVisitData(page);
        await start(island, host);
        await expect(panel).toHaveAttribute("data-state", "error", { timeout: 30_000 });
        await expect(alert).toBeVisible();
        await expect(alert).toContainText(says);
        messages.push(`${fault.kind}: ${await alert.innerText()}`);
        // Nothing computed from the bad bytes: every built number is still there, no live result is shown.
        expect(await host.locator(island.values).allTextContents()).toEqual(built);
        await expect(host.locator("[data-confirmed]")).toHaveCount(0);
        if (island.live) await expect(host.locator(island.live)).toBeHidden();
        await expect(host).not.toHaveAttribute("data-state", "loaded");
        await expect(host.getByRole("button", { name: "Retry" })).toBeEnabled();
      });
    }
    test.info().annotations.push({ type: "messages", description: messages.join("\n") });
    console.log(`${island.title}:\n  ${messages.join("\n  ")}`);

    // Lifted: the stored gzip file, first without Content-Encoding, then (where a second run is cheap) with it.
    server.fault = { kind: "none" };
    await start(island, host);
    if (island.recovered) {
      await island.recovered(host);
    } else {
      await expect(panel).toHaveAttribute("data-state", "done", { timeout: island.timeout });
      await island.done?.(host, panel);
    }
    await expect(alert).toBeHidden();
    // The faults show up as failed requests, never as an uncaught error.
    expect(problems.consoleErrors.filter((e) => !e.startsWith("Failed to load resource"))).toEqual([]);
  });
}

test("served with Content-Encoding: gzip, the inflated bytes are recognised and verified (dataset card, capacity arithmetic)", async ({
  page,
}) => {
  const server = new DataServer();
  await server.install(page);
  const wire = Object.values(MANIFEST.files).reduce((s, e) => s + e.bytes, 0);
  const decoded = Object.values(MANIFEST.files).reduce((s, e) => s + e.decodedBytes, 0);
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

  const encodings = new Set<string>();
  page.on("response", (r) => {
    if (/\/data\/.*\.gz$/.test(r.url())) encodings.add(r.headers()["content-encoding"] ?? "none");
  });
  await page.goto("binarization/");
  const card = parts(page, ISLANDS[0]!);
  for (const contentEncoding of [false, true]) {
    encodings.clear();
    server.fault = { kind: "none", contentEncoding };
    await forgetVisitData(page);
    await start(ISLANDS[0]!, card.host);
    await expect(card.host).toHaveAttribute("data-state", "done", { timeout: 60_000 });
    await ISLANDS[0]!.done?.(card.host, card.panel);
    // The status tells which body arrived: the browser inflates a Content-Encoding body before the page sees it.
    await expect(card.host.locator("[data-status]")).toContainText(
      contentEncoding ? `${mb(decoded)} decoded, compressed in transit by the server` : `${mb(wire)} downloaded, ${mb(decoded)} decoded`,
    );
    expect([...encodings]).toEqual([contentEncoding ? "gzip" : "none"]);
  }

  await page.goto("capacity/");
  const arithmetic = parts(page, ISLANDS[3]!);
  server.fault = { kind: "none", contentEncoding: true };
  encodings.clear();
  await start(ISLANDS[3]!, arithmetic.host);
  await expect(arithmetic.host).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await ISLANDS[3]!.done?.(arithmetic.host, arithmetic.panel);
  expect([...encodings]).toEqual(["gzip"]);
});

test("a very slow network: progress shows, another island still responds, Cancel stops the download and a new load finishes", async ({
  page,
}) => {
  const server = new DataServer();
  await server.install(page);
  server.delays = { testLabels: 200, trainLabels: 400, testImages: 800 };
  server.holdBack(["trainImages"]);
  await page.goto("binarization/");
  const card = parts(page, ISLANDS[0]!);
  const built = await card.host.locator("[data-value]").allTextContents();
  await start(ISLANDS[0]!, card.host);
  const bar = card.host.locator("[data-progress]");
  await expect(bar).toBeVisible();
  // Three of four files in, the largest held back: the bar and the status say how far the download got.
  await expect(card.host.locator("[data-status]")).toContainText(/Downloading MNIST \([\d.]+ MB download, [\d.]+ MB decoded\): [1-9]\d?%/, {
    timeout: 10_000,
  });
  expect(Number(await bar.getAttribute("value"))).toBeGreaterThan(0.1);
  expect(Number(await bar.getAttribute("value"))).toBeLessThan(1);

  // The page answers while the card waits: a frame comes promptly, and another island's button starts its own job.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - t0).toBeLessThan(1000);
  const explorer = parts(page, ISLANDS[1]!);
  await start(ISLANDS[1]!, explorer.host);
  await expect(explorer.panel).toHaveAttribute("data-state", "running");
  await explorer.panel.getByRole("button", { name: "Cancel" }).click();
  await expect(explorer.panel).toHaveAttribute("data-state", "cancelled", { timeout: 2_000 });

  const cancelAt = Date.now();
  await card.host.getByRole("button", { name: "Cancel" }).click();
  await expect(card.host).toHaveAttribute("data-state", "cancelled", { timeout: 2_000 });
  test.info().annotations.push({ type: "cancel took (ms)", description: String(Date.now() - cancelAt) });
  await expect(card.host.locator("[data-status]")).toContainText("Cancelled");
  await expect(bar).toBeHidden();
  expect(await card.host.locator("[data-value]").allTextContents()).toEqual(built);
  await expect(card.host.locator("[data-confirmed]")).toHaveCount(0);

  server.release();
  server.delays = {};
  await start(ISLANDS[0]!, card.host);
  await expect(card.host).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  await ISLANDS[0]!.done?.(card.host, card.panel);
});
