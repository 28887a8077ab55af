import { describe, expect, it } from "vitest";
import { alternateRounds, medianRatio, roundOrder } from "../../bench/lib/alternate.ts";

describe("roundOrder", () => {
  it("keeps the order on even rounds and reverses it on odd ones", () => {
    expect(roundOrder(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(roundOrder(["a", "b", "c"], 1)).toEqual(["c", "b", "a"]);
    expect(roundOrder(["a", "b", "c"], 4)).toEqual(["a", "b", "c"]);
  });
});

describe("alternateRounds", () => {
  it("runs every variant once per round, flipping the order, and summarises each", async () => {
    const calls: string[] = [];
    const r = await alternateRounds(["engine", "reference"] as const, 3, (id, round) => {
      calls.push(`${round}:${id}`);
      return Promise.resolve(id === "engine" ? 10 + round : 5);
    });
    expect(calls).toEqual(["0:engine", "0:reference", "1:reference", "1:engine", "2:engine", "2:reference"]);
    expect(r.engine.runs).toEqual([10, 11, 12]);
    expect(r.engine.summary).toMatchObject({ median: 11, min: 10, max: 12 });
    expect(r.reference.summary?.median).toBe(5);
    expect(medianRatio(r.engine, r.reference)).toBeCloseTo(11 / 5, 12);
  });

  it("records a variant's first error and stops running it, without stopping the others", async () => {
    let tries = 0;
    const r = await alternateRounds(["ok", "broken"] as const, 3, (id) => {
      if (id === "broken") {
        tries++;
        return Promise.reject(new Error("kernel missing"));
      }
      return Promise.resolve(1);
    });
    expect(tries).toBe(1);
    expect(r.broken).toEqual({ runs: [], error: "kernel missing" });
    expect(r.ok.runs).toEqual([1, 1, 1]);
    expect(medianRatio(r.ok, r.broken)).toBeUndefined();
  });
});
