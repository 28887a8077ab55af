import { describe, expect, it } from "vitest";
import {
  CLASSES,
  DEFAULT_MIXTURE,
  SwitchingMixture,
  TEMPERATURE_GRID,
  fitTemperature,
  temperedInto,
  temperedNats,
} from "../../../src/lib/mdl/mixture.ts";
import { createRng } from "../../../src/lib/random.ts";

/** A row of log-probabilities giving `p` to class `label` and the rest evenly to the others. */
function row(label: number, p: number): number[] {
  return Array.from({ length: CLASSES }, (_, c) => Math.log(c === label ? p : (1 - p) / (CLASSES - 1)));
}

describe("temperature", () => {
  it("T = 1 gives the expert's own probabilities; T = 2 takes square roots before renormalising", () => {
    const logp = row(3, 0.64);
    const out = new Float64Array(CLASSES);
    temperedInto(logp, 0, 1, out);
    expect(out[3]).toBeCloseTo(0.64, 12);
    expect(out[0]).toBeCloseTo(0.04, 12);
    temperedInto(logp, 0, 2, out);
    // sqrt(0.64) = 0.8 and sqrt(0.04) = 0.2 for the nine others: 0.8 / (0.8 + 9 * 0.2).
    expect(out[3]).toBeCloseTo(0.8 / 2.6, 12);
    expect(temperedNats(logp, [3], 1, 2)).toBeCloseTo(-Math.log(0.8 / 2.6), 12);
  });

  it("the fitted temperature is the grid point with the shortest code (checked by brute force), and > 1 for an overconfident expert", () => {
    // The expert says 0.999 but is right only 90% of the time.
    const rng = createRng(7);
    const n = 500;
    const logp = new Float64Array(n * CLASSES);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const guess = Math.floor(rng.next() * CLASSES);
      labels[i] = rng.next() < 0.9 ? guess : (guess + 1 + Math.floor(rng.next() * 9)) % CLASSES;
      logp.set(row(guess, 0.999), i * CLASSES);
    }
    const t = fitTemperature(logp, labels, n, TEMPERATURE_GRID);
    const brute = (temperature: number) => {
      let nats = 0;
      for (let i = 0; i < n; i++) {
        const ps = Array.from({ length: CLASSES }, (_, c) => Math.exp(logp[i * CLASSES + c]! / temperature));
        nats -= Math.log(ps[labels[i]!]! / ps.reduce((a, b) => a + b, 0));
      }
      return nats;
    };
    for (const other of TEMPERATURE_GRID) expect(brute(t)).toBeLessThanOrEqual(brute(other) + 1e-9);
    expect(t).toBeGreaterThan(1);
    expect(fitTemperature(logp, labels, 0, TEMPERATURE_GRID)).toBe(1);
  });
});

describe("switching mixture", () => {
  const rowsOf = (r: number[]) => [{ logp: r, row: 0 }];

  it("matches a hand-worked Bayesian mixture of one expert and the uniform distribution", () => {
    const m = new SwitchingMixture({ ...DEFAULT_MIXTURE, experts: 1, mixing: "bayes", calibrate: false });
    const expert = row(2, 0.9);
    // Prior 1/2 each: q(2) = 0.5 * 0.9 + 0.5 * 0.1 = 0.5.
    expect(m.distribution(rowsOf(expert))[2]).toBeCloseTo(0.5, 12);
    m.observe(2);
    // Posterior: 0.9 / (0.9 + 0.1) = 0.9 for the expert.
    expect(m.snapshot().weights[0]).toBeCloseTo(0.9, 12);
    expect(m.distribution(rowsOf(expert))[2]).toBeCloseTo(0.9 * 0.9 + 0.1 * 0.1, 12);
  });

  it("fixed share moves 1/(t + 2) of the weight back to uniform shares after label t", () => {
    const m = new SwitchingMixture({ ...DEFAULT_MIXTURE, experts: 1, mixing: "switch", calibrate: false });
    m.distribution(rowsOf(row(2, 0.9)));
    m.observe(2);
    // t = 0: share 1/2, so 0.5 * 0.9 + 0.5 * 0.5.
    expect(m.snapshot().weights[0]).toBeCloseTo(0.7, 12);
    m.distribution(rowsOf(row(2, 0.9)));
    m.observe(2);
    // t = 1: share 1/3 after the Bayes step 0.7 * 0.9 / (0.7 * 0.9 + 0.3 * 0.1).
    const bayes = 0.63 / 0.66;
    expect(m.snapshot().weights[0]).toBeCloseTo((2 / 3) * bayes + (1 / 3) * 0.5, 12);
  });

  it("a Bayesian mixture costs at most log2(K + 1) bits more than its best expert; the uniform share caps any label", () => {
    const rng = createRng(3);
    const n = 2000;
    const experts = 3;
    const m = new SwitchingMixture({ ...DEFAULT_MIXTURE, experts, mixing: "bayes", calibrate: false });
    const own = new Float64Array(experts + 1);
    let mixed = 0;
    for (let i = 0; i < n; i++) {
      const label = Math.floor(rng.next() * CLASSES);
      const rows = [0.3, 0.6, 0.95].map((p, e) => {
        const r = rng.next() < 0.8 - 0.1 * e ? row(label, p) : row((label + 1) % CLASSES, p);
        own[e] = own[e]! - Math.log2(Math.exp(r[label]!));
        return { logp: r, row: 0 };
      });
      own[experts] = own[experts]! + Math.log2(CLASSES);
      const q = m.distribution(rows);
      mixed -= Math.log2(q[label]!);
      m.observe(label);
    }
    expect(mixed).toBeLessThanOrEqual(Math.min(...own) + Math.log2(experts + 1) + 1e-9);

    const s = new SwitchingMixture({ ...DEFAULT_MIXTURE, experts: 1 });
    for (let t = 0; t < 100; t++) {
      s.distribution(rowsOf(row(0, 1 - 1e-12)));
      s.observe(0);
    }
    // A confident mistake at t = 100 still gets share/(K+1) of the uniform's 1/10.
    const q = s.distribution(rowsOf(row(0, 1 - 1e-12)));
    expect(-Math.log2(q[5]!)).toBeLessThan(Math.log2(CLASSES * 2 * 101));
  });

  it("refits temperatures every refitEvery labels from the expert's own past rows only", () => {
    const m = new SwitchingMixture({ ...DEFAULT_MIXTURE, experts: 1, refitEvery: 50, window: 50 });
    for (let t = 0; t < 49; t++) {
      m.distribution(rowsOf(row(0, 0.999)));
      m.observe(t % 2 === 0 ? 0 : 1);
    }
    expect(m.snapshot().temperatures[0]).toBe(1);
    m.distribution(rowsOf(row(0, 0.999)));
    m.observe(0);
    // Half of the 0.999 predictions were wrong: a much softer temperature is fitted.
    expect(m.snapshot().temperatures[0]).toBeGreaterThan(2);
  });

  it("a Bayesian mixture whose uniform weight underflowed survives a label its expert called impossible", () => {
    const m = new SwitchingMixture({ ...DEFAULT_MIXTURE, experts: 1, mixing: "bayes", calibrate: false });
    const sure = row(0, 1);
    for (let t = 0; t < 400; t++) {
      m.distribution(rowsOf(sure));
      m.observe(0);
    }
    expect(m.snapshot().weights[1]).toBe(0);
    m.distribution(rowsOf(sure));
    m.observe(4);
    const q = m.distribution(rowsOf(sure));
    expect(q.every((p) => Number.isFinite(p))).toBe(true);
    expect(q.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
