import { describe, expect, it } from "vitest";
import { learningRateAt, type Schedule } from "../../../src/lib/train/schedule.ts";

describe("learningRateAt", () => {
  it("keeps a constant rate", () => {
    expect(learningRateAt({ kind: "constant", lr: 0.003 }, 17, 100)).toBe(0.003);
  });

  it("decays per epoch like StepLR(step_size=1)", () => {
    const s: Schedule = { kind: "epochDecay", lr: 1, gamma: 0.7 };
    expect(learningRateAt(s, 0, 300, 100)).toBe(1);
    expect(learningRateAt(s, 99, 300, 100)).toBe(1);
    expect(learningRateAt(s, 100, 300, 100)).toBeCloseTo(0.7, 15);
    expect(learningRateAt(s, 250, 300, 100)).toBeCloseTo(0.49, 15);
  });

  describe("one-cycle, as torch.optim.lr_scheduler.OneCycleLR with its defaults", () => {
    const s: Schedule = { kind: "oneCycle", maxLr: 0.01 };
    const total = 1001; // warm-up ends at step 0.3*1001 - 1 = 299.3
    const lr = (step: number) => learningRateAt(s, step, total);

    it("starts at max/25, peaks at max, ends at max/25/1e4", () => {
      expect(lr(0)).toBeCloseTo(0.01 / 25, 15);
      expect(lr(total - 1)).toBeCloseTo(0.01 / 25 / 1e4, 15);
      const peak = Math.max(...Array.from({ length: total }, (_, i) => lr(i)));
      expect(peak).toBeLessThanOrEqual(0.01);
      expect(peak).toBeGreaterThan(0.01 * 0.99999);
    });

    it("follows half a cosine in each phase", () => {
      // Independent form: lr = a + (b - a) * (1 - cos(pi * t)) / 2 rising from a to b as t goes 0 -> 1.
      const rise = (a: number, b: number, t: number) => a + ((b - a) * (1 - Math.cos(Math.PI * t))) / 2;
      const warmEnd = 0.3 * total - 1;
      for (const step of [1, 50, 150, 299]) expect(lr(step)).toBeCloseTo(rise(0.0004, 0.01, step / warmEnd), 12);
      for (const step of [300, 500, 999]) {
        expect(lr(step)).toBeCloseTo(rise(0.01, 0.0004e-4, (step - warmEnd) / (total - 1 - warmEnd)), 12);
      }
    });

    it("rises monotonically, then falls monotonically", () => {
      const values = Array.from({ length: total }, (_, i) => lr(i));
      const top = values.indexOf(Math.max(...values));
      for (let i = 1; i <= top; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] as number);
      for (let i = top + 1; i < total; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1] as number);
    });

    it("honours pctStart and the division factors, and survives a single step", () => {
      const t: Schedule = { kind: "oneCycle", maxLr: 1, pctStart: 0.5, divFactor: 10, finalDivFactor: 100 };
      expect(learningRateAt(t, 0, 201)).toBeCloseTo(0.1, 15);
      expect(learningRateAt(t, 99.5, 201)).toBeCloseTo(1, 15);
      expect(learningRateAt(t, 200, 201)).toBeCloseTo(0.001, 15);
      expect(Number.isFinite(learningRateAt(t, 0, 1))).toBe(true);
    });
  });
});
