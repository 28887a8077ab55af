import { describe, expect, it } from "vitest";
import type { To99Result } from "../../bench/browser/protocol.ts";
import { to99Table } from "../../bench/report.ts";
import type { BrowserBench } from "../../bench/suites/browser.ts";

function run(recipe: To99Result["recipe"], threads: number, secondsPerEpoch: number): To99Result {
  const accuracies = [0.975, 0.986, 0.991];
  const epochs = accuracies.map((a, i) => ({
    epoch: i + 1,
    testAccuracy: a,
    trainSeconds: (i + 1) * secondsPerEpoch,
    wallSeconds: (i + 1) * secondsPerEpoch + 1,
  }));
  return {
    recipe,
    recipeText: recipe === "live" ? "batch 256, peak 0.02" : "batch 128, peak 0.01",
    backend: "wasm",
    detail: `SIMD, ${threads} thread${threads > 1 ? "s" : ""}`,
    target: 0.99,
    epochs,
    reached: epochs[2]!,
  };
}

describe("the time-to-99% table", () => {
  it("lists each recipe with one thread and with threads, and divides each recipe's threaded time by its own one-thread time", () => {
    const b = {
      browser: "Chromium 156",
      to99: [run("live", 1, 20), run("live", 2, 13), run("reference", 1, 24), run("reference", 2, 17)],
    } as unknown as BrowserBench;
    const text = to99Table(b);
    expect(text).toContain("| batch 256, peak 0.02: wasm (SIMD, 1 thread) | batch 256, peak 0.02: wasm (SIMD, 2 threads) |");
    expect(text).toContain("| 3 | 99.10%, 60.0 s | 99.10%, 39.0 s | 99.10%, 72.0 s | 99.10%, 51.0 s |");
    expect(text).toContain(
      "- batch 256, peak 0.02, SIMD, 2 threads: 99.0% after epoch 3, 39.0 s of training (40.0 s with the evaluations).",
    );
    expect(text).toContain("- batch 256, peak 0.02: threads ÷ one thread, training time to 99.0%: 0.65.");
    expect(text).toContain("- batch 128, peak 0.01: threads ÷ one thread, training time to 99.0%: 0.71.");
  });
  it("is empty without runs", () => {
    expect(to99Table({ browser: "x" } as unknown as BrowserBench)).toBe("");
  });
});
