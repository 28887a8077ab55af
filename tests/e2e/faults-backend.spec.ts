/**
 * Backend fallbacks of chapter 4's training demo, each in a browser launched for it: no WebGL, software-only WebGL,
 * WebAssembly without SIMD, no WebAssembly at all. Every case must still train, and the page must say which backend
 * it used and why it passed over the others.
 *
 * Chromium 156 ignores V8's --no-expose-wasm and has no flag that turns wasm SIMD off, and --disable-webgl
 * --disable-3d-apis leave WebGL on in workers' OffscreenCanvas (where training runs); so the WebGL case adds
 * --disable-gpu --disable-software-rasterizer, and the wasm cases patch the TensorFlow.js worker's script as it is served.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../../scripts/chromium.ts";
import { expect, test } from "./fixtures.ts";

const SHORT_RUN = "overparameterization/?net.arch=logistic&net.epochs=1&net.subset=2000&net.batch=100&net.seed=3&net.lr=0.01";

/** Runs first in the worker: WebAssembly.validate turns down modules with SIMD opcodes (0xfd prefix), like a pre-SIMD engine. */
const NO_SIMD = `{
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes) => {
    const u = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
    return u.includes(0xfd) ? false : validate.call(WebAssembly, bytes);
  };
}
`;
const NO_WASM = "delete globalThis.WebAssembly;\n";

let browser: Browser | undefined;
test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

async function launch(baseURL: string, args: string[], workerPrelude?: string): Promise<{ page: Page; wasmFiles: string[] }> {
  const executablePath = findChromium();
  browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS, ...args] });
  const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
  const page = await context.newPage();
  const wasmFiles: string[] = [];
  page.on("request", (r) => {
    const m = /\/(tfjs-backend-wasm[\w-]*?)-[\w]{8}\.wasm$/.exec(r.url());
    if (m?.[1]) wasmFiles.push(m[1]);
  });
  if (workerPrelude !== undefined) {
    await page.route("**/_astro/tf.worker-*.js", async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: workerPrelude + (await res.text()) });
    });
  }
  return { page, wasmFiles };
}

/** Trains the short logistic run to the end and returns the page's backend line. */
async function train(page: Page, query = ""): Promise<string> {
  await page.goto(SHORT_RUN + query);
  const net = page.locator("mb-train-network");
  await net.getByRole("button", { name: /Train in my browser|Train again|Retry/ }).click();
  await expect(net).toHaveAttribute("data-state", "done", { timeout: 150_000 });
  await expect(net.locator("[data-result]")).toHaveAttribute("data-accuracy", /^0\.[6-9]\d*/);
  const line = await net.locator("[data-backend]").innerText();
  console.log(line);
  return line;
}

test("with WebGL disabled, training falls back to wasm and says why WebGPU and WebGL were passed over", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const { page } = await launch(baseURL ?? "", ["--disable-webgl", "--disable-3d-apis", "--disable-gpu", "--disable-software-rasterizer"]);
  const line = await train(page);
  expect(line).toMatch(/^Backend: WebAssembly, SIMD, \d+ threads?[^;]*; repeatable bit for bit\./);
  // Headless Chromium without --enable-unsafe-webgpu has no WebGPU adapter (webgpu.spec.ts gives it one): the page says so.
  expect(line).toMatch(/Passed over: WebGPU: [^;]{10,}; WebGL: no WebGL context could be created\.$/);
});

test("with software WebGL (SwiftShader), the automatic choice says why it passed over WebGL; asked for, WebGL trains", async ({
  baseURL,
}) => {
  test.setTimeout(240_000);
  const { page } = await launch(baseURL ?? "", ["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]);
  const auto = await train(page);
  expect(auto).toMatch(/^Backend: WebAssembly/);
  // The renderer in words, never the raw WebGL renderer string ("ANGLE (Google, Vulkan …)").
  expect(auto).toContain("WebGL: this browser's WebGL is software WebGL (SwiftShader), which trains slower than WebAssembly");
  expect(auto).not.toContain("ANGLE");
  const forced = await train(page, "&net.backend=webgl");
  // A GPU backend trains only after its gradients matched the cpu backend's (lib/train/backend-trial.ts).
  expect(forced).toMatch(
    /^Backend: software WebGL 2 \(SwiftShader\); not bit-exact between runs; gradients agree with the CPU backend to within \S+ of their size\./,
  );
});

test("without wasm SIMD, training loads the plain wasm build and says 'no SIMD'", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const { page, wasmFiles } = await launch(baseURL ?? "", [], NO_SIMD);
  const line = await train(page);
  expect(line).toMatch(/^Backend: WebAssembly, no SIMD, \d+ threads?[^;]*; repeatable bit for bit\./);
  expect([...new Set(wasmFiles)]).toEqual(["tfjs-backend-wasm"]);
});

test("without WebAssembly, training falls back to plain JavaScript and says why", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const { page, wasmFiles } = await launch(baseURL ?? "", [], NO_WASM);
  const line = await train(page);
  expect(line).toMatch(/^Backend: plain JavaScript; repeatable bit for bit\./);
  expect(line).toContain("WebAssembly: WebAssembly is not available here (disabled by the browser or its policy)");
  expect(line).toMatch(/WebGPU: [^;]{10,};/);
  expect(wasmFiles).toEqual([]);
});
