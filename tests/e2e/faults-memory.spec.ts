import { CHROMIUM_ARGS, findChromium } from "../../scripts/chromium.ts";
import { expect, test } from "./fixtures.ts";
import { startAndAwait, trainUntilFailed } from "./flows.ts";

/**
 * A real out-of-memory, not an injected one: V8 is told to let a WebAssembly memory grow to 32 MB at most, and a
 * 784→2048→10 network at batch 512 needs more. tfjs-backend-wasm's allocator then returns a null address, which
 * src/lib/train/wasm-memory.ts turns into a memory error; the page must say so with advice, and a smaller network
 * must still train in the same page afterwards.
 */
const executablePath = findChromium();
test.use({
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, "--js-flags=--wasm-max-mem-pages=512"],
  },
});

const TOO_BIG = "overparameterization/?net.arch=mlp-2048&net.epochs=1&net.subset=2000&net.batch=512&net.seed=2&net.backend=wasm";

test("a network too big for the WebAssembly memory is reported with advice, and a smaller one then trains", async ({ page, problems }) => {
  test.setTimeout(120_000);
  const { net, alert } = await trainUntilFailed(page, TOO_BIG);
  await expect(alert).toContainText("your browser ran out of memory for this run");
  await expect(alert).toContainText("WebAssembly heap out of memory");
  await expect(alert).toContainText("Try a smaller network, a smaller batch size or fewer training images");
  await expect(net.locator("[data-result]")).toBeHidden();

  await net.locator("select[name=arch]").selectOption("logistic");
  await net.locator("input[name=batch]").fill("100");
  await startAndAwait(net, "Retry", "done", 90_000);
  await expect(net.locator("[data-result]")).toBeVisible();
  await expect(net).toHaveAttribute("data-tensors-after", (await net.getAttribute("data-tensors-before")) ?? "x");
  expect(problems.consoleErrors).toEqual([]);
});
