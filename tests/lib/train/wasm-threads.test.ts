import { describe, expect, it } from "vitest";
import { MAX_WASM_THREADS, planThreads, threadedDetail } from "../../../src/lib/train/wasm-threads.ts";

describe("planThreads", () => {
  it("uses every reported core when the page is isolated, where tfjs would have used half", () => {
    expect(planThreads({ isolated: true, cores: 2 })).toEqual({ threads: 2 });
    expect(planThreads({ isolated: true, cores: 6 })).toEqual({ threads: 6 });
  });

  it("stops at the pthread pool's size", () => {
    expect(planThreads({ isolated: true, cores: 32 })).toEqual({ threads: MAX_WASM_THREADS });
    expect(MAX_WASM_THREADS).toBe(8);
  });

  it("gives one thread, with the reason, when the page is not isolated, whatever the cores", () => {
    const plan = planThreads({ isolated: false, cores: 16 });
    expect(plan.threads).toBe(1);
    expect(plan.reason).toMatch(/not cross-origin isolated/);
  });

  it("gives one thread for one core or an unreported or nonsensical count", () => {
    for (const cores of [1, undefined, Number.NaN, 0, -3]) {
      const plan = planThreads({ isolated: true, cores });
      expect(plan.threads).toBe(1);
      expect(plan.reason).toBe("the browser reports a single core");
    }
    expect(planThreads({ isolated: true, cores: 3.7 })).toEqual({ threads: 3 });
  });
});

describe("threadedDetail", () => {
  it("leaves a threaded detail alone", () => {
    expect(threadedDetail("SIMD, 4 threads", { threads: 4 })).toBe("SIMD, 4 threads");
  });

  it("says why a run has one thread", () => {
    expect(threadedDetail("SIMD, 1 thread", planThreads({ isolated: false, cores: 4 }))).toBe(
      "SIMD, 1 thread, because the page is not cross-origin isolated (neither the host nor the service worker sent COOP/COEP headers)",
    );
  });

  it("says that threads failed, and why, after a fall back", () => {
    expect(threadedDetail("SIMD, 1 thread", { threads: 4 }, "a pthread's script failed to load")).toBe(
      "SIMD, 1 thread: threads did not start (a pthread's script failed to load)",
    );
  });
});
